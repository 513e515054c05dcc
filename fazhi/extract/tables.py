"""Pipe tables (`项目 | 数量（件） | 同比`): numbers in cells take unit and meaning from headers."""

from __future__ import annotations

import re
from collections.abc import Callable

from fazhi.extract.resolve import PARTIAL, Draft, clean_label
from fazhi.units import MONEY_UNITS, MULTIPLIERS, UNIT_WORDS, normalize_unit

_TABLE_LINE = re.compile(r"(?m)^[^\n]*\|[^\n]*$")
_UNITS = "|".join(re.escape(u) for u in UNIT_WORDS)
_CELL_NUMBER = re.compile(
    rf"(?P<approx>约|近|逾|超过)?(?P<num>[-+]?(?:[0-9]{{1,3}}(?:,[0-9]{{3}})+|[0-9]+)(?:\.[0-9]+)?)"
    rf"(?P<mult>万|亿)?(?P<infix>余|多)?(?P<unit>{_UNITS})?"
)
# unit named in a header or row label: 数量（件）, 罚没金额(万元), 单位:件
_HEADER_UNIT = re.compile(rf"\((?P<u>(?:万|亿)?(?:{_UNITS}))\)|单位:(?P<u2>(?:万|亿)?(?:{_UNITS}))")
_GENERIC_HEADER = re.compile(
    r"^(?:数量|数值|数据|数|总数|合计|总计|本年|当年|本期|完成值|实际|情况|项目|指标|20[0-9]{2}年度?|上年|去年|同比|目标值?|计划)$"
)
_CHANGE_HEADER = re.compile(r"同比|增长|增幅|增减|变化|环比")
_TARGET_HEADER = re.compile(r"目标|计划")
_PRIOR_HEADER = re.compile(r"上年|去年|上一年")
_YEAR_HEADER = re.compile(r"(20[0-9]{2})年?")
# a row whose label says it sums the rows above (or below, when it comes first) in each column
_TOTAL_ROW = re.compile(r"^(?:合\s*计|总\s*计|共\s*计|总数|全[市区县省旗州盟]合计)$")
_SUBTOTAL_ROW = re.compile(r"^(?:小\s*计|[^|]{1,8}小计)$")  # 小计, 区县小计: the block above it
_PART_ROW = re.compile(r"^其中\s*[:,]?\s*")  # 其中：受理: a part of the row above
_RULE_CELL = re.compile(r"^:?-{2,}:?$")  # a Markdown header rule |---|---|


def table_line_spans(text: str) -> list[tuple[int, int]]:
    """Compact-text spans of every line that is a row of a pipe table."""
    if "|" not in text:
        return []
    return [(m.start(), m.end()) for m in _TABLE_LINE.finditer(text) if " | " in m.group() or m.group().count("|") >= 2]


def _cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    cells, pos = [], start
    while True:
        k = text.find("|", pos, end)
        stop = k if k >= 0 else end
        s, e = pos, stop
        while s < e and text[s] in " \t":
            s += 1
        while e > s and text[e - 1] in " \t":
            e -= 1
        cells.append((s, e))
        if k < 0:
            return cells
        pos = k + 1


def _caption(text: str, table_start: int) -> str:
    """The last non-empty line before a table (its title: 办案情况（截至11月底）)."""
    lines = text[max(0, table_start - 200) : table_start].rstrip().rsplit("\n", 1)
    return lines[-1] if lines else ""


def _header_unit(label: str) -> str | None:
    m = _HEADER_UNIT.search(label)
    return (m["u"] or m["u2"]) if m else None


def _strip_unit(label: str) -> str:
    return _HEADER_UNIT.sub("", label).strip()


def table_drafts(
    text: str, spans: list[tuple[int, int]], report_year: int | None, section_of: Callable[[int], str]
) -> list[Draft]:
    """Drafts for every numeric cell of every table (first row of a block = headers)."""
    drafts: list[Draft] = []
    header: list[str] | None = None
    partial = False
    table_unit: str | None = None
    caption_unit: str | None = None
    last_end = -2
    table_start = -1
    for start, end in spans:
        cells = _cells(text, start, end)
        if len(cells) > 2 and cells[0][0] == cells[0][1] and text[start] == "|":
            cells = cells[1:]  # | a | b |: Markdown pipes around the row
        if len(cells) > 2 and cells[-1][0] == cells[-1][1]:
            cells = cells[:-1]
        if all(_RULE_CELL.match(text[s:e]) for s, e in cells):
            last_end = end
            continue
        if header is None or start > last_end + 1:
            header = [text[s:e] for s, e in cells]
            caption = _caption(text, start)
            # a caption's 单位:件 is stated for every cell; otherwise the unit of the first column
            # that names one serves columns that don't (上年, 目标值), as an inference
            caption_unit = _header_unit(caption)
            table_unit = next((u for u in map(_header_unit, header) if u), None)
            partial = bool(PARTIAL.search(caption))
            last_end = table_start = end
            continue
        last_end = end
        row_label = text[cells[0][0] : cells[0][1]]
        total_level = 2 if _TOTAL_ROW.match(row_label) else 1 if _SUBTOTAL_ROW.match(row_label) else 0
        part_row = _PART_ROW.match(row_label)
        if part_row:
            row_label, total_level = row_label[part_row.end() :], -1
        for col, (s, e) in enumerate(cells[1:], start=1):
            head = header[col] if col < len(header) else ""
            draft = _cell_draft(text, s, e, row_label, head, caption_unit, table_unit, start, end, report_year)
            if draft is not None:
                draft.section_path = section_of(s)
                draft.is_partial_period = partial
                draft.cell, draft.total_level = (table_start, col), total_level
                drafts.append(draft)
    return drafts


def _cell_draft(
    text: str,
    s: int,
    e: int,
    row_label: str,
    head: str,
    caption_unit: str | None,
    table_unit: str | None,
    line_start: int,
    line_end: int,
    report_year: int | None,
) -> Draft | None:
    m = _CELL_NUMBER.fullmatch(text, s, e) or _CELL_NUMBER.fullmatch(text.rstrip("%"), s, e)
    if m is None:
        return None
    value = float(m["num"].replace(",", "").replace("+", ""))
    value *= MULTIPLIERS.get(m["mult"] or "", 1)
    head_unit = _header_unit(head)
    # 同比（%） in a 罚没款（万元） row: a column stating % (a rate, a change) beats the row's unit
    cell_unit = head_unit if head_unit == "%" else (_header_unit(row_label) or head_unit)
    stated = m["unit"] or cell_unit or caption_unit
    unit = stated or (table_unit if not _CHANGE_HEADER.search(head) else None)
    base: str | None = None
    if unit:
        value, base = normalize_unit(value, unit)
    kind = "percent" if base == "%" else "amount" if base in MONEY_UNITS else "count"
    if _CHANGE_HEADER.search(head):
        kind = "change"
    head_clean = _strip_unit(head)
    row_clean = _strip_unit(row_label)
    label = row_clean if _GENERIC_HEADER.match(head_clean) or not head_clean else row_clean + head_clean
    d = Draft(m.start(), m.end(), value, None, base, kind, clean_label(label) or label, line_start, line_end)
    d.unit_inferred = stated is None and unit is not None
    d.is_approximate = bool(m["approx"] or m["infix"])
    year = _YEAR_HEADER.search(head)
    d.period_year = int(year[1]) if year else report_year
    if _PRIOR_HEADER.search(head) and report_year:
        d.period_year = report_year - 1
    d.is_target = bool(_TARGET_HEADER.search(head))
    return d
