"""Deterministic benchmark corpus: realistic rule-of-law reports written from templates.

Run: .venv/bin/python bench/corpus.py OUT_DIR [N]   (default N = 10000)

Variety: real regions from seeds/regions.csv (counties, districts, county-level cities,
prefectures, provinces and city departments), report years 2019-2024, prose, 一是/二是 lists and
tables, approximate and target numbers, breakdowns, and numbers that are not statistics; formats
html (several site layouts, UTF-8 and GBK), txt (UTF-8, UTF-8 with BOM, GB18030), docx and pdf.
The same (seed, N) always gives byte-identical files.
"""

from __future__ import annotations

import csv
import random
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FORMAT_WEIGHTS = (("html", 62), ("html-gbk", 10), ("txt", 12), ("txt-bom", 3), ("txt-gb18030", 6), ("docx", 5), ("pdf", 2))
NUMERALS = "〇一二三四五六七八九"


@dataclass(frozen=True)
class Subject:
    """Who reports: the name used in the title and the signature."""

    name: str
    level: str
    publisher: str


def _subjects(rng: random.Random) -> list[Subject]:
    rows = list(csv.DictReader((ROOT / "seeds" / "regions.csv").open(encoding="utf-8")))
    current = [r for r in rows if r["is_current"] == "true"]
    subjects: list[Subject] = []
    for row in current:
        prefix = row["prefecture_name"] or ""
        if row["region_level"] == "county":
            subjects.append(Subject(prefix + row["region_name"], "county", row["region_name"] + "人民政府"))
        elif row["region_level"] == "prefecture":
            subjects.append(Subject(row["region_name"], "prefecture", row["region_name"] + "人民政府"))
            department = rng.choice(["司法局", "市场监督管理局", "生态环境局", "人力资源和社会保障局"])
            subjects.append(Subject(row["region_name"] + department, "department", row["region_name"] + department))
        else:
            subjects.append(Subject(row["region_name"], "province", row["region_name"] + "人民政府"))
    return subjects


def _chinese_year(year: int) -> str:
    return "".join(NUMERALS[int(d)] for d in str(year))


class Writer:
    """Writes one report's paragraphs from templates with varied numbers."""

    def __init__(self, rng: random.Random, subject: Subject, year: int) -> None:
        self.rng, self.subject, self.year = rng, subject, year

    def n(self, low: int, high: int) -> int:
        """A count between low and high."""
        return self.rng.randint(low, high)

    def pct(self, low: float = 80.0, high: float = 100.0) -> str:
        """A percentage with one decimal."""
        return f"{self.rng.uniform(low, high):.1f}"

    def approx(self, value: int) -> str:
        """A number written as an estimate now and then."""
        return self.rng.choice([f"{value}", f"{value}", f"{value}余", f"{value}多", f"约{value}"])

    def reconsideration(self) -> str:
        received = self.n(20, 400)
        accepted = received - self.n(0, received // 5)
        upheld, corrected = self.n(1, accepted // 2), self.n(0, accepted // 4)
        other = self.n(0, max(0, accepted - upheld - corrected))
        return self.rng.choice(
            [
                f"全年共收到行政复议申请{received}件,依法受理{accepted}件,审结{accepted - self.n(0, 5)}件,"
                f"其中维持{upheld}件、撤销或确认违法{corrected}件、驳回{other}件,纠错率{self.pct(5, 30)}%。",
                f"{self.year}年,办理行政复议案件{accepted}件,较上年{self.rng.choice(['增长', '下降'])}{self.pct(1, 40)}%,"
                f"通过调解和解方式结案{self.n(1, 60)}件。",
            ]
        )

    def litigation(self) -> str:
        cases = self.n(10, 600)
        lost = self.n(0, cases // 10)
        return self.rng.choice(
            [
                f"全{self.unit_word()}行政机关作为被告的一审行政诉讼案件{cases}件,审结{cases - self.n(0, 9)}件,败诉{lost}件,"
                f"行政机关负责人出庭应诉{self.n(5, cases)}次,出庭应诉率{self.pct(85, 100)}%。",
                f"应诉行政诉讼案件{cases}件(其中作为被告{cases - self.n(0, 9)}件),败诉率{self.pct(0, 12)}%,"
                f"较上年下降{self.pct(0.1, 5)}个百分点。",
            ]
        )

    def legal_aid(self) -> str:
        total = self.n(100, 5000)
        criminal = self.n(10, total // 2)
        civil = total - criminal - self.n(0, 10)
        return self.rng.choice(
            [
                f"办理法律援助案件{total}件,其中刑事案件{criminal}件、民事案件{civil}件,为困难群众挽回经济损失{self.pct(50, 900)}万元。",
                f"受理法律援助案件{total}件,接待群众来访咨询{self.approx(self.n(1000, 30000))}人次,"
                f"12348公共法律服务热线接听来电{self.n(500, 20000)}个。",
            ]
        )

    def publicity(self) -> str:
        events = self.n(20, 900)
        return self.rng.choice(
            [
                f"围绕“八五”普法规划,开展“法律六进”活动{self.approx(events)}场次,发放宣传资料{self.n(1, 30)}万余份,"
                f"受教育群众{self.n(1, 50)}.{self.n(0, 9)}万人次。",
                f"组织“12·4”国家宪法日集中宣传活动{self.n(3, 80)}场,举办民法典专题讲座{self.n(2, 60)}期,参训干部{self.approx(self.n(100, 3000))}人。",
            ]
        )

    def documents(self) -> str:
        return self.rng.choice(
            [
                f"对{self.n(5, 120)}件行政规范性文件进行合法性审核,提出修改意见{self.n(5, 300)}条,"
                f"按时报备率达到100%;清理规范性文件{self.n(10, 400)}件,废止{self.n(1, 30)}件。",
                f"审查重大行政决策事项{self.n(2, 40)}件,审核政府合同{self.n(10, 300)}份,聘请政府法律顾问{self.n(3, 40)}名。",
            ]
        )

    def services(self) -> str:
        return self.rng.choice(
            [
                f"梳理政务服务事项{self.n(300, 3000)}项,网上可办率{self.pct(90, 100)}%,"
                f"“一网通办”办件{self.n(1, 90)}.{self.n(0, 9)}万件,按时办结率{self.pct(97, 100)}%。",
                f"取消和下放行政审批事项{self.n(3, 80)}项,新增市场主体{self.approx(self.n(800, 40000))}户。",
            ]
        )

    def enforcement(self) -> str:
        return self.rng.choice(
            [
                f"全年共查处行政处罚案件{self.n(50, 9000)}起,罚没款{self.n(10, 9000)}万元,"
                f"开展“双随机、一公开”抽查{self.n(20, 900)}次,评查执法案卷{self.n(30, 900)}卷,合格率{self.pct(85, 100)}%。",
                f"组织执法人员培训{self.n(3, 40)}期,{self.n(100, 5000)}名执法人员通过考试取得执法证件。",
            ]
        )

    def mediation(self) -> str:
        disputes = self.n(100, 8000)
        return f"各级人民调解组织调解矛盾纠纷{disputes}件,调解成功{disputes - self.n(0, disputes // 20)}件,调解成功率{self.pct(95, 100)}%。"

    def noise(self) -> str:
        """Sentences full of numbers that are not statistics."""
        return self.rng.choice(
            [
                f"认真贯彻党的二十大和二十届二中、三中全会精神,落实《法治政府建设实施纲要(2021—2025年)》,"
                f"按照〔{self.year}〕{self.n(1, 40)}号文件要求推进“十四五”规划任务。",
                f"{self.year}年{self.n(1, 12)}月{self.n(1, 28)}日召开第{self.n(2, 30)}次常务会议,设立12345政务服务便民热线分中心。",
                "坚持“1+N”工作模式,落实“三项制度”,深化“放管服”改革和“一网通办”,推进行政执法统一规范。",
            ]
        )

    def prose(self) -> str:
        """Sentences without statistics, as most of a real report is."""
        picks = self.rng.sample(PROSE, 3)
        return "".join(p.format(name=self.subject.name, year=self.year) for p in picks)

    def unit_word(self) -> str:
        """How the report names its own territory."""
        return {"county": "县", "prefecture": "市", "province": "省", "department": "系统"}[self.subject.level]

    def table(self) -> list[list[str]]:
        """A small table of 项目/数量."""
        rows = [["项目", "数量（件）", "同比"]]
        for label in self.rng.sample(["行政复议", "行政诉讼", "法律援助", "人民调解", "行政处罚"], 3):
            rows.append([label, str(self.n(10, 900)), f"{self.rng.choice(['+', '-'])}{self.pct(1, 30)}%"])
        return rows

    def plan(self) -> str:
        return (
            f"{self.year + 1}年,计划开展法治培训{self.n(5, 50)}期,力争行政复议纠错率控制在{self.pct(5, 15)}%以内,"
            f"目标是新增法律顾问{self.n(2, 20)}名。"
        )


PROSE = (
    "{name}始终把法治政府建设摆在工作全局的重要位置,主要负责同志亲自部署、亲自推动、亲自督办。",
    "健全依法决策机制,严格落实公众参与、专家论证、风险评估、合法性审查和集体讨论决定等法定程序。",
    "深化行政执法体制改革,推动执法力量向基层倾斜,执法规范化水平明显提升。",
    "坚持把优化营商环境作为推动高质量发展的重要抓手,持续深化“放管服”改革。",
    "加强对行政权力运行的制约和监督,自觉接受人大监督、民主监督、司法监督和社会舆论监督。",
    "完善社会矛盾纠纷多元预防调处化解综合机制,把矛盾纠纷化解在基层、化解在萌芽状态。",
    "以提升领导干部法治思维为重点,把学法用法纳入干部教育培训的必修课程。",
    "推进政务公开标准化规范化建设,主动公开政府信息,及时回应社会关切。",
    "加快数字政府建设,推动政务数据共享,提升“互联网+政务服务”水平。",
    "落实“谁执法谁普法”普法责任制,推动普法工作由“大水漫灌”向“精准滴灌”转变。",
    "{year}年,{name}对照法治政府建设督察反馈问题,逐项建立整改台账,明确责任单位和完成时限。",
    "全面推行行政执法公示、执法全过程记录、重大执法决定法制审核制度,行政执法行为更加规范。",
    "严格落实行政机关负责人出庭应诉制度,推动行政争议实质性化解。",
    "加强公共法律服务体系建设,推进县、乡、村三级公共法律服务实体平台全覆盖。",
)


SECTIONS = (
    ("一、加强党对法治政府建设的领导", ("documents", "noise")),
    ("二、依法全面履行政府职能", ("services", "enforcement")),
    ("三、推进行政执法规范化", ("enforcement", "noise")),
    ("四、化解矛盾纠纷", ("reconsideration", "litigation", "mediation")),
    ("五、加强法治宣传和公共法律服务", ("publicity", "legal_aid")),
)


def compose(rng: random.Random, subject: Subject, year: int) -> tuple[str, list[str], list[list[str]] | None]:
    """Title, paragraphs and an optional table of one report."""
    writer = Writer(rng, subject, year)
    title = rng.choice(
        [
            f"关于{subject.name}{year}年度法治政府建设情况的报告",
            f"{subject.name}{year}年法治政府建设年度报告",
            f"{subject.publisher}关于{year}年法治政府建设工作情况的报告",
        ]
    )
    paras = [f"{year}年,{subject.name}深入学习贯彻习近平法治思想,坚持依法行政,法治政府建设取得新成效。现将有关情况报告如下:"]
    for heading, topics in SECTIONS:
        paras.append(heading)
        for index, topic in enumerate(topics):
            marker = rng.choice(["", f"({NUMERALS[index + 1]})", f"{index + 1}.", ["一是", "二是", "三是"][index % 3]])
            paras.append(marker + writer.prose() + getattr(writer, topic)() + writer.prose())
            if rng.random() < 0.5:
                paras.append(writer.prose() + getattr(writer, rng.choice(topics))() + writer.prose())
    paras.append("六、存在的不足和下一步工作")
    paras.append("一些部门依法行政意识还需增强,基层执法力量仍然薄弱。" + writer.plan())
    date_line = f"{year + 1}年{rng.randint(1, 3)}月{rng.randint(1, 28)}日"
    if rng.random() < 0.3:
        date_line = f"{_chinese_year(year + 1)}年{NUMERALS[rng.randint(1, 3)]}月{rng.choice(['十', '二十', '五', '八'])}日"
    paras += [subject.publisher, date_line]
    table = writer.table() if rng.random() < 0.4 else None
    return title, paras, table


def _html(
    title: str, paras: list[str], table: list[list[str]] | None, published: str, publisher: str, rng: random.Random, charset: str
) -> str:
    cells = ""
    if table:
        rows = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in table)
        cells = f"<table border='1'>{rows}</table>"
    body = (
        "".join(f"<p>{p}</p>" for p in paras[:-2]) + cells + "".join(f"<p style='text-align:right'>{p}</p>" for p in paras[-2:])
    )
    nav = "<div class='nav'><a href='/'>首页</a> | <a href='/zwgk'>政务公开</a> | <a href='#'>无障碍浏览</a> | <a href='#'>长者模式</a></div>"
    footer = (
        f"<div class='footer'>主办:{publisher} 网站标识码:{rng.randint(1000000000, 9999999999)} "
        f"晋ICP备{rng.randint(10000000, 99999999)}号 联系电话:0358-{rng.randint(1000000, 9999999)} 版权所有</div>"
    )
    layout = rng.choice(["trs", "zoom", "article"])
    article = {
        "trs": f"<div class='TRS_Editor'>{body}</div>",
        "zoom": f"<div id='zoom'>{body}</div>",
        "article": f"<div class='article-content'>{body}</div>",
    }[layout]
    return (
        f"<!DOCTYPE html><html><head><meta charset='{charset}'><title>{title}_{publisher}</title>"
        f"<meta name='ArticleTitle' content='{title}'><meta name='PubDate' content='{published}'>"
        f"<meta name='ContentSource' content='{publisher}'></head><body>{nav}"
        f"<div class='breadcrumb'>当前位置:首页 > 政务公开 > 法治政府建设</div>"
        f"<h1>{title}</h1><div class='info'>来源:{publisher} 发布时间:{published} 浏览次数:{rng.randint(10, 9999)}</div>"
        f"{article}<div class='share'>分享到: 微信 微博 打印本页 关闭窗口</div>"
        f"<ul class='related'><li>关于开展2023年度统计工作的通知 2023-03-01</li></ul>{footer}</body></html>"
    )


def _text(title: str, paras: list[str], table: list[list[str]] | None, published: str, publisher: str) -> str:
    lines = [title, f"来源:{publisher} 发布时间:{published}", "", *paras[:-2]]
    if table:
        lines += [" | ".join(row) for row in table]
    return "\n".join([*lines, *paras[-2:]]) + "\n"


def _docx(path: Path, title: str, paras: list[str], table: list[list[str]] | None) -> None:
    import docx

    document = docx.Document()
    document.add_heading(title, level=1)
    for para in paras[:-2]:
        document.add_paragraph(para)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, cell in enumerate(row):
                grid.cell(r, c).text = cell
    for para in paras[-2:]:
        document.add_paragraph(para)
    document.save(str(path))


def _pdf(path: Path, title: str, paras: list[str]) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("zh", fontName="STSong-Light", fontSize=11, leading=16, wordWrap="CJK")
    story = [Paragraph(title, style), *(Paragraph(p, style) for p in paras)]
    SimpleDocTemplate(str(path), pagesize=A4, invariant=1).build(story)


def write_corpus(out: Path, count: int, seed: int = 20261128) -> list[Path]:
    """Write count reports under out/ (sharded in folders of 1000); returns their paths."""
    rng = random.Random(seed)
    subjects = _subjects(rng)
    formats = [f for f, w in FORMAT_WEIGHTS for _ in range(w)]
    paths: list[Path] = []
    for i in range(count):
        subject, year = rng.choice(subjects), rng.randint(2019, 2024)
        title, paras, table = compose(rng, subject, year)
        published = f"{year + 1}-{rng.randint(1, 3):02d}-{rng.randint(1, 28):02d}"
        kind = rng.choice(formats)
        folder = out / f"{i // 1000:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        stem = folder / f"report-{i:05d}"
        if kind.startswith("html"):
            charset = "gbk" if kind == "html-gbk" else "utf-8"
            path = stem.with_suffix(".html")
            path.write_bytes(
                _html(title, paras, table, published, subject.publisher, rng, charset).encode(
                    "gb18030" if charset == "gbk" else "utf-8"
                )
            )
        elif kind.startswith("txt"):
            path = stem.with_suffix(".txt")
            text = _text(title, paras, table, published, subject.publisher)
            encoding = {"txt": "utf-8", "txt-bom": "utf-8-sig", "txt-gb18030": "gb18030"}[kind]
            path.write_bytes(text.encode(encoding))
        elif kind == "docx":
            path = stem.with_suffix(".docx")
            _docx(path, title, paras, table)
        else:
            path = stem.with_suffix(".pdf")
            _pdf(path, title, paras)
        paths.append(path)
    return paths


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: bench/corpus.py OUT_DIR [N]")
    target = Path(sys.argv[1])
    written = write_corpus(target, int(sys.argv[2]) if len(sys.argv) > 2 else 10_000)
    size = sum(p.stat().st_size for p in written)
    print(f"wrote {len(written)} reports, {size / 1e6:.1f} MB, into {target}")
