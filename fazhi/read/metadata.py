"""Report metadata from a document's lines: title, publisher, dates, report year, region hint.

The region hint only ever comes from the title's subject, the publisher line or the signature:
places merely mentioned in the body (a court, a neighbouring city) never name the reporter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {
    "零": 0,
    "○": 0,
    "Ｏ": 0,
    "O": 0,
    "０": 0,
}
_CN_YEAR = r"[〇零○Ｏ０O一二三四五六七八九]{4}"
_CN_SMALL = r"[一二三四五六七八九十]{1,3}"
_ARABIC_DATE = r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
_CN_DATE = rf"({_CN_YEAR})\s*年\s*({_CN_SMALL})\s*月\s*({_CN_SMALL})\s*日"
_DATE = re.compile(rf"{_ARABIC_DATE}|{_CN_DATE}")
_DATE_LINE = re.compile(rf"^(?:{_ARABIC_DATE}|{_CN_DATE})$")
_PUBLISHED = re.compile(rf"(?<![\u4e00-\u9fff])(?:发布|发文)(?:时间|日期)\s*[:：]?\s*(?:\|\s*)?(?:{_ARABIC_DATE}|{_CN_DATE})")
_PUBLISHER = re.compile(
    r"(?<![\u4e00-\u9fff])(?:信息来源|文章来源|来源|发布机构|发布单位)\s*[:：]\s*(?:\|\s*)?([^\s:：|]+?)(?=\s|$|发布|时间|日期|\|)"
)
_TITLE_YEAR = re.compile(rf"((?:19|20)\d{{2}}|{_CN_YEAR})\s*年")
_REPORT_WORD = re.compile(r"报告")
_RULE_OF_LAW = re.compile(r"法治|依法行政|法制")
_SENTENCE_PUNCT = re.compile(r"[。；，,;！？]")
# Info-bar labels are not preceded by an ideograph (案件来源：… in prose is not a label).
# The subject ends where the topic starts: 关于 / 法治… / a bracket holding the year.
_SUBJECT_END = re.compile(r"关于|法治|依法行政|法制|[（(《]")
_SUBJECT_TRIM = " 　的对在度、,，:：“”\"'"
_MAX_TITLE = 80
_TITLE_WINDOW = 15  # the title is among the first lines; later lines are body text
_SIGNATURE_WINDOW = 8  # the signature block is among the last lines


@dataclass(frozen=True)
class Metadata:
    """What a report says about itself."""

    title: str | None
    title_lines: int  # how many leading body lines the title took (0 when it came from elsewhere)
    publisher: str | None
    published_date: date | None
    signed_date: date | None
    report_year: int | None
    region_hint: str | None


def _cn_number(text: str) -> int:
    """一 → 1, 十二 → 12, 二十 → 20, 三十一 → 31 (month and day numerals)."""
    if "十" not in text:
        return _CN_DIGITS[text]
    tens, _, ones = text.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


def _year(text: str) -> int:
    return int(text) if text.isdigit() and text.isascii() else int("".join(str(_CN_DIGITS[c]) for c in text))


def _date_from(match: re.Match[str]) -> date | None:
    y, m, d, cy, cm, cd = match.groups()[-6:]
    try:
        if y:
            return date(int(y), int(m), int(d))
        return date(_year(cy), _cn_number(cm), _cn_number(cd))
    except (ValueError, KeyError):
        return None  # 2月30日 and the like: not a date we can store


def parse_date(text: str) -> date | None:
    """The first date written in text (2022-02-22, 2022年2月22日, 二〇二二年二月二十二日), else None."""
    match = _DATE.search(text)
    return _date_from(match) if match else None


def find_title(lines: list[str]) -> tuple[str | None, int]:
    """(title, number of leading lines it spans) from the first lines of a document."""
    for i, line in enumerate(lines[:_TITLE_WINDOW]):
        if len(line) > _MAX_TITLE or line.endswith(("。", "：", ":")):
            continue
        if (_REPORT_WORD.search(line) and _RULE_OF_LAW.search(line)) or line.endswith("报告"):
            # a title wrapped over two lines: the first half names the subject, the second ends in 报告
            if i > 0 and not _REPORT_WORD.search(lines[i - 1]) and _RULE_OF_LAW.search(lines[i - 1] + line):
                prev = lines[i - 1]
                if len(prev) <= 40 and not _SENTENCE_PUNCT.search(prev) and _TITLE_YEAR.search(prev):
                    return prev + line, i + 1
            return line, i + 1
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if _RULE_OF_LAW.search(line) and nxt.endswith("报告") and len(line + nxt) <= _MAX_TITLE:
            return line + nxt, i + 2
    return None, 0


def find_signature(lines: list[str]) -> tuple[list[str], date | None]:
    """(signer lines, signature date) from the date line near the end of the report."""
    tail_start = max(0, len(lines) - _SIGNATURE_WINDOW)
    for i in range(len(lines) - 1, tail_start - 1, -1):
        compact = re.sub(r"\s+", "", lines[i])
        match = _DATE_LINE.match(compact)
        if not match:
            continue
        signers: list[str] = []
        for prev in reversed(lines[max(tail_start, i - 2) : i]):
            if len(prev) > 40 or _SENTENCE_PUNCT.search(prev) or _DATE.search(prev):
                break
            signers.insert(0, prev)
        return signers, _date_from(match)
    return [], None


def _subject_of(title: str) -> str | None:
    """The government a title names: 关于方山县2021年度… → 方山县; 2021年度XX局法治… → XX局;
    XX县法治政府建设情况报告（2021年） → XX县."""
    head = title.removeprefix("关于")
    year = _TITLE_YEAR.search(head)
    if year and year.start() == 0:
        head = head[year.end() :]  # 2021年度方山县… : the subject follows the year
    elif year:
        head = head[: year.start()]
    subject = _SUBJECT_END.split(head, maxsplit=1)[0].strip(_SUBJECT_TRIM)
    return subject or None


def read_metadata(
    lines: list[str], title: str | None = None, meta_lines: list[str] | None = None, site: str | None = None
) -> Metadata:
    """Metadata from body lines; title, meta_lines (an HTML page's info bar) and site name when known."""
    meta_lines = lines[:_TITLE_WINDOW] if meta_lines is None else meta_lines
    title_lines = 0
    if title is None:
        title, title_lines = find_title(lines)
    elif lines and lines[0] == title:
        title_lines = 1
    published = publisher = None
    for line in meta_lines:
        if published is None and (pm := _PUBLISHED.search(line)):
            published = _date_from(pm)
        if publisher is None and (sm := _PUBLISHER.search(line)):
            publisher = sm[1]
    signers, signed = find_signature(lines)
    published = published or signed
    report_year = None
    if title and (ym := _TITLE_YEAR.search(title)):
        report_year = _year(ym[1])
    elif published and published.month <= 6:
        report_year = published.year - 1  # reports on a year come out in its first half-year after
    region = _subject_of(title) if title else None
    region = region or publisher or _signer_region(signers) or site
    return Metadata(
        title,
        title_lines,
        publisher or (" ".join(signers) or None),
        published,
        signed,
        report_year,
        region,
    )


def _signer_region(signers: list[str]) -> str | None:
    """The signer naming a government (人民政府/政府/委员会…) if any, else the first signer."""
    names = [part for line in signers for part in line.split()]
    for name in names:
        if name.endswith(("人民政府", "政府")):
            return name
    return names[0] if names else None
