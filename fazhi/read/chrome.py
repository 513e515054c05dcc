"""Line cleaning and site-chrome removal shared by every format (rules are data, compiled once)."""

from __future__ import annotations

import re

# Chrome that is a whole line by itself, recognised by how it starts. Labels of the metadata
# block (来源/发布时间/索引号…) are read by metadata.py before these lines are dropped.
_CHROME_STARTS = (
    r"无障碍",
    r"长者模式",
    r"适老化",
    r"关怀版",
    r"老年模式",
    r"今天是",
    r"欢迎(访问|来到|光临)",
    r"(当前|您当前的|你的|您的|所在)位置",
    r"首页\s*[>＞»/]",
    r"(信息|文章)?来源\s*[:：]",
    r"(发布|更新|成文|发文)(时间|日期)\s*[:：]",
    r"(浏览|点击|阅读|访问)(次数|量|数)\s*[:：]",
    r"索引号",
    r"主题分类",
    r"体裁分类",
    r"发文机关",
    r"发布机构",
    r"发文字号",
    r"文\s*号\s*[:：]",
    r"主\s*题\s*词",
    r"公开(方式|范围|时限|形式)",
    r"有\s*效\s*性",
    r"信息(分类|名称)",
    r"[【\[]?\s*(字体|字号)",
    r"[【\[]?\s*(打印|关闭|收藏|返回顶部|分享)",
    r"分享到",
    r"扫一扫",
    r"(上|下)一篇",
    r"相关(文章|链接|阅读|新闻|信息|附件)",
    r"网站(地图|标识码)",
    r"联系我们",
    r"(主办|承办|协办)单位",
    r"技术支持",
    r"版权所有",
    r"copyright",
    r"©",
)
# Chrome recognised anywhere in a short line (footers pack several of these into one line).
_CHROME_ANYWHERE = (
    r"ICP\s*备",
    r"公网安备",
    r"网站标识码",
    r"版权所有",
    r"(打印本页|关闭窗口)",
    r"[【\[](大|中|小)[】\]]",
    r"字号\s*[:：]?\s*[大中小]",
)
_MAX_CHROME_LINE = 90  # a longer line is prose that merely mentions one of the words above
_CHROME_START = re.compile(r"^(?:" + "|".join(_CHROME_STARTS) + ")", re.IGNORECASE)
_CHROME_ANY = re.compile("|".join(_CHROME_ANYWHERE), re.IGNORECASE)
_NAKED_ATTACHMENT = re.compile(r"^附件\s*[:：]?$")  # an attachment label whose links were not kept
_EDGE_SPACE = " \t\u3000\xa0\ufeff\u200b\u200c\u200d\u2002\u2003\u2009"
_INNER_NBSP = re.compile(r"[\xa0\u2002\u2003\u2009]")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\ufeff]")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")


def cjk_count(text: str) -> int:
    """Number of CJK ideographs in text (counted by runs: ~3x faster than per character)."""
    return sum(len(run) for run in _CJK_RUN.findall(text))


def clean_line(line: str) -> str:
    """One line as stored: zero-width characters removed, no-break spaces as spaces, edges trimmed."""
    line = _ZERO_WIDTH.sub("", line)
    line = _INNER_NBSP.sub(" ", line)
    return line.strip(_EDGE_SPACE)


def clean_lines(lines: list[str]) -> list[str]:
    """Clean every line and drop the empty ones; CR, CRLF, form feeds and U+2028/2029 break lines too."""
    return [line for raw in lines for part in raw.splitlines() if (line := clean_line(part))]


def is_chrome(line: str) -> bool:
    """True for a line that belongs to the site around the report, not to the report."""
    if len(line) > _MAX_CHROME_LINE:
        return False
    return bool(_CHROME_START.match(line) or _CHROME_ANY.search(line))


def strip_chrome(lines: list[str]) -> list[str]:
    """Drop chrome lines and a trailing attachment label left without its links."""
    kept = [line for line in lines if not is_chrome(line)]
    while kept and _NAKED_ATTACHMENT.match(kept[-1]):
        kept.pop()
    return kept
