"""Breakdowns: link parts to their totals (其中…, parentheses, colon lists, exact sums), infer
missing units from label, siblings or parent, and record how the parts compare to the total."""

from __future__ import annotations

import re
from itertools import pairwise

from fazhi.extract.lexicon import (
    BREAKDOWN_DIMENSIONS,
    CLEANUP_OUTCOMES,
    CLEANUP_TOTAL_WORDS,
    FINDING_OUTCOMES,
    OUTCOME_WORDS,
    RULING_OUTCOMES,
)
from fazhi.extract.resolve import Draft
from fazhi.units import families_compatible, unit_family

_PART_KINDS = ("count", "amount")
_SPLIT = ";。"
_EPS = 1e-6
# below this, parts adding up to a total is too often chance (制定规章2部，修改1部，废止1部)
_MIN_SUM_TOTAL = 10


def link_breakdowns(drafts: list[Draft], text: str) -> None:
    """Set parent on every breakdown part; nested two levels deep (total → part → sub-part)."""
    by_sentence: dict[int, list[int]] = {}
    for i, d in enumerate(drafts):
        by_sentence.setdefault(d.sent_start, []).append(i)
    previous: list[int] = []
    cells = [i for i, d in enumerate(drafts) if d.cell is not None]
    if cells:
        _table_totals(drafts, cells)
    for idx in by_sentence.values():
        if drafts[idx[0]].cell is not None:
            continue  # a table row: its columns are different measures, linked only by _table_totals
        # each rule runs only where its marker occurs: most sentences have none (speed, same result)
        sent = (drafts[idx[0]].sent_start, drafts[idx[0]].sent_end)
        if text.find("(", *sent) >= 0:
            _parentheses(drafts, idx, text)
        if previous and text.find("中", *sent) >= 0:
            _among(drafts, idx, text, previous)
        if _ANY_MARKER.search(text, *sent):
            _qizhong(drafts, idx, text, previous)
        previous = idx
        if len(idx) < 2:
            continue
        if text.find(":", *sent) >= 0:
            _colon(drafts, idx, text)
        if len(idx) > 2:  # a total and at least two parts
            _exact_sums(drafts, idx, text)
            _sums_before_total(drafts, idx, text)
        if _OUTCOME.search(text, *sent):  # most sentences name no outcome: skip the per-number scan
            _outcome_subsets(drafts, idx, text)
        if _CLEANUP_TOTAL.search(text, *sent):
            _cleanup_outcomes(drafts, idx, text)


_CLEANUP_OUTCOME = re.compile("|".join(CLEANUP_OUTCOMES))
_CLEANUP_TOTAL = re.compile("|".join(CLEANUP_TOTAL_WORDS))


def _eligible(d: Draft) -> bool:
    # a 拟废止 decision of this year's cleanup is flagged as a target yet is a part of the cleanup
    return d.kind in _PART_KINDS and (not d.is_target or _CLEANUP_OUTCOME.match(d.label) is not None)


def _parentheses(drafts: list[Draft], idx: list[int], text: str) -> None:
    # innermost first: a later total claims its own parenthesis before an enclosing one does
    for i in reversed(idx):
        d = drafts[i]
        if d.end >= len(text) or text[d.end] != "(" or not _eligible(d):
            continue
        close = _matching_paren(text, d.end, d.sent_end)
        for j in idx:
            p = drafts[j]
            if j > i and p.start < close and p.parent is None and _eligible(p) and not _negates(p.label, d.label):
                p.parent = i


_NEGATION = re.compile(r"(?:不予|未予|未|不)")


def _negates(label: str, other: str) -> bool:
    """受理64件(不予受理7件): the complement of a number is its sibling, not its part."""
    m = _NEGATION.match(label)
    return m is not None and bool(other) and label[m.end() :] == other


def _matching_paren(text: str, open_pos: int, limit: int) -> int:
    depth = 0
    for k in range(open_pos, limit):
        if text[k] == "(":
            depth += 1
        elif text[k] == ")":
            depth -= 1
            if depth == 0:
                return k
    return limit


# Words that open a list of parts of the total before them. 含 only after a comma (含量, 包含 are
# other words); a sentence opening with a viewpoint (从案件类型看，/按类型分，) lists parts of the
# previous sentence's total.
_PART_MARKER = re.compile(r"其中|包括|(?<=,)含(?![量义有])")
_ANY_MARKER = re.compile(r"其中|包括|含|从|按")  # a cheap pre-check for _PART_MARKER and _VIEWPOINT
_VIEWPOINT = re.compile(
    r"(?:从|按)[\u4e00-\u9fff]{0,6}?(?:" + "|".join(BREAKDOWN_DIMENSIONS) + r")(?:来看|看|来分|分|划分|统计)[,:]"
)


def _qizhong(drafts: list[Draft], idx: list[int], text: str, previous: list[int]) -> None:
    """其中/包括/含 parts go to the total before them; at a sentence's start, to the last sentence's."""
    sent_start, sent_end = drafts[idx[0]].sent_start, drafts[idx[0]].sent_end
    m = _VIEWPOINT.match(text, sent_start, sent_end) or _PART_MARKER.search(text, sent_start, sent_end)
    while m is not None:
        pos = m.start()
        stop = _clause_block_end(text, pos, sent_end)
        if _paren_depth(text, sent_start, pos) > 0:  # (其中…): the parenthesis bounds the parts
            close = text.find(")", pos, stop)
            stop = close if close >= 0 else stop
        nested = _next_outside_parens(text, m.end(), stop)
        if nested >= 0:  # 共120件，其中刑事50件，其中认罪认罚30件: the second 其中 splits the part
            stop = nested
        parts = [j for j in idx if pos < drafts[j].start < stop and drafts[j].parent is None and _eligible(drafts[j])]
        totals = [i for i in idx if drafts[i].end <= pos and _eligible(drafts[i])]
        if not totals and not text[sent_start:pos].strip(" ,:;\n"):
            totals = [i for i in previous if _eligible(drafts[i])]
        total = _best_total(drafts, totals, parts)
        if total is not None:
            for j in parts:
                drafts[j].parent = total
        m = _PART_MARKER.search(text, m.end(), sent_end)


def _paren_depth(text: str, start: int, end: int) -> int:
    return text.count("(", start, end) - text.count(")", start, end)


def _next_outside_parens(text: str, start: int, stop: int) -> int:
    """The next part marker not inside a parenthesis opened after start (…1,106件(其中…)，…)."""
    m = _PART_MARKER.search(text, start, stop)
    while m is not None and _paren_depth(text, start, m.start()) > 0:
        m = _PART_MARKER.search(text, m.end(), stop)
    return m.start() if m is not None else -1


_AMONG = re.compile(r"(?:在)?([\u4e00-\u9fff]{1,12}?)中[,:]")


def _among(drafts: list[Draft], idx: list[int], text: str, previous: list[int]) -> None:
    """A sentence opening with 'X中，' (审结案件中，维持…) breaks down the previous sentence's X."""
    sent_start, sent_end = drafts[idx[0]].sent_start, drafts[idx[0]].sent_end
    m = _AMONG.match(text, sent_start, sent_end)
    if m is None or not previous or m[1].endswith("其"):
        return
    # 审结的案件中：维持38件；驳回9件: a colon list runs on across semicolons
    stop = sent_end if m[0].endswith(":") else _clause_block_end(text, m.end(), sent_end)
    parts = [j for j in idx if m.end() <= drafts[j].start < stop and drafts[j].parent is None and _eligible(drafts[j])]
    totals = [i for i in previous if _eligible(drafts[i])]
    named = [i for i in totals if drafts[i].label and _names(m[1], drafts[i].label)]
    total = _best_total(drafts, named, parts)  # only a total the phrase names: 办理中 names none
    if total is not None and len(parts) >= 2:
        for j in parts:
            drafts[j].parent = total


def _names(phrase: str, label: str) -> bool:
    """审结案件 names 审结; 查处的案件 names 立案查处各类违法案件 (two shared words once 的 is gone)."""
    if label in phrase or phrase in label:
        return True
    return len(_bigrams(phrase.replace("的", "")) & _bigrams(label)) >= 2


def _best_total(drafts: list[Draft], totals: list[int], parts: list[int]) -> int | None:
    """The total the parts belong to: one they add up to exactly, else the nearest one — unless
    it shares no word with the parts while another shares two (查处案件 → 查处各类违法案件)."""
    if not totals or not parts:
        return None
    first = drafts[parts[0]]
    fitting = [i for i in totals if _fits(first, drafts[i])]
    if not fitting:
        return None
    total = sum(drafts[j].value for j in parts)
    exact = [i for i in fitting if abs(drafts[i].value - total) < _EPS]
    if exact and len(parts) > 1:
        return exact[-1]
    nearest = fitting[-1]
    if len(fitting) == 1:
        return nearest
    part_grams = set().union(*(_bigrams(drafts[j].label) for j in parts))
    if _bigrams(drafts[nearest].label) & part_grams:
        return nearest  # the nearest total shares a word: no need to look further
    overlap = {i: len(_bigrams(drafts[i].label) & part_grams) for i in fitting}
    best = max(reversed(fitting), key=lambda i: overlap[i])
    return best if overlap[best] >= 2 else nearest


def _fits(part: Draft, total: Draft) -> bool:
    """Same year, and units that can count the same thing (a missing unit fits anything)."""
    if part.period_year != total.period_year:
        return False
    return part.unit is None or total.unit is None or families_compatible(part.unit, total.unit)


def _bigrams(label: str) -> set[str]:
    return {label[k : k + 2] for k in range(len(label) - 1)}


def _clause_block_end(text: str, pos: int, sent_end: int) -> int:
    ends = [k for k in (text.find(ch, pos, sent_end) for ch in _SPLIT) if k >= 0]
    return min(ends) if ends else sent_end


def _colon(drafts: list[Draft], idx: list[int], text: str) -> None:
    """A total then a colon lists its parts; the list may run on across semicolons (件：刑事50件；民事70件)."""
    sent_start, sent_end = drafts[idx[0]].sent_start, drafts[idx[0]].sent_end
    pos = text.find(":", sent_start, sent_end)
    while pos >= 0:
        before = [i for i in idx if drafts[i].end <= pos]
        after = [i for i in idx if drafts[i].start > pos and drafts[i].start < _clause_block_end(text, pos, sent_end)]
        if before and len(after) == 1 and _eligible(drafts[before[-1]]):
            after = _semicolon_list(drafts, idx, before[-1], pos, text)
        if before and len(after) >= 2 and _eligible(drafts[before[-1]]):
            total = before[-1]
            for j in after:
                if drafts[j].parent is None and _eligible(drafts[j]):
                    drafts[j].parent = total
        pos = text.find(":", pos + 1, sent_end)


def _semicolon_list(drafts: list[Draft], idx: list[int], total: int, colon: int, text: str) -> list[int]:
    """One number per ;-clause after the colon, each counting what the total counts, within it."""
    t = drafts[total]
    members: list[int] = []
    running = 0.0
    for j in idx:
        d = drafts[j]
        if d.start <= colon:
            continue
        if not _eligible(d) or d.unit is None or t.unit is None or unit_family(d.unit) != unit_family(t.unit):
            break
        running += d.value
        members.append(j)
    # one part per clause: two numbers in one ;-clause are a fact and its detail, not two parts
    one_per_clause = all(";" in text[drafts[a].end : drafts[b].start] for a, b in pairwise(members))
    return members if one_per_clause and running <= t.value + _EPS else []


def _exact_sums(drafts: list[Draft], idx: list[int], text: str) -> None:
    """Parts listed after a total with no marker count as a breakdown only when they sum exactly."""
    # only this sentence's drafts can have parts yet: later sentences are linked after it
    has_parts = {drafts[j].parent for j in idx if drafts[j].parent is not None}
    for pos, i in enumerate(idx):
        t = drafts[i]
        if i in has_parts or t.parent is not None or not _eligible(t) or t.unit is None or t.value < _MIN_SUM_TOTAL:
            continue
        running, members = 0.0, []
        for j in idx[pos + 1 :]:
            d = drafts[j]
            if d.kind in ("change", "percent") and d.parent is None:
                continue  # 收到58件，较上年增加11件，受理53件，不予受理5件: a change sits between
            if d.parent is not None or not _eligible(d) or j in has_parts:
                break
            if d.unit is not None and not families_compatible(d.unit, t.unit):
                break
            if ";" in text[t.end : d.start]:
                break
            running += d.value
            members.append(j)
            if abs(running - t.value) < _EPS and len(members) >= 2:
                for k in members:
                    drafts[k].parent = i
                has_parts.add(i)
                break
            if running > t.value:
                break


# 合计120件 / 共需办理650件: a sum word, then at most a short verb, right before the total
_TOTAL_WORD = re.compile(r"(?:共计|合计|总计|共)[\u4e00-\u9fff]{0,4}$")


def _sums_before_total(drafts: list[Draft], idx: list[int], text: str) -> None:
    """Parts listed before a 合计/共计 total (刑事50件、民事70件，合计120件) when they sum exactly."""
    for pos, i in enumerate(idx):
        t = drafts[i]
        if t.parent is not None or not _eligible(t) or t.unit is None:
            continue
        clause_head = text[max(t.sent_start, t.start - 8) : t.start]
        if not _TOTAL_WORD.search(clause_head):
            continue
        running, members = 0.0, []
        for j in reversed(idx[:pos]):
            d = drafts[j]
            if d.parent is not None or not _eligible(d) or d.unit is None or not families_compatible(d.unit, t.unit):
                break
            running += d.value
            members.append(j)
            if abs(running - t.value) < _EPS and len(members) >= 2:
                for k in members:
                    drafts[k].parent = i
                break
            if running > t.value:
                break


_OUTCOME = re.compile("|".join(OUTCOME_WORDS + RULING_OUTCOMES + FINDING_OUTCOMES))
_OUTCOME_END = re.compile("(?:" + "|".join(RULING_OUTCOMES + FINDING_OUTCOMES) + ")$")
_NOT_A_TOTAL = re.compile("|".join(OUTCOME_WORDS + RULING_OUTCOMES))  # an outcome is no total
_HEAD_NOUN = 2  # characters compared at the end of two labels: 案卷, 文件, 案件


def _outcome_subsets(drafts: list[Draft], idx: list[int], text: str) -> None:
    """Unmarked outcome subsets: 评查案卷480卷，评出优秀案卷62卷 / 一审案件15件…，败诉1件.

    A part names an outcome (lexicon) and either ends with the nearest total's noun or is the bare
    outcome word; parts that would exceed their total are left unlinked.
    """
    linked: dict[int, list[int]] = {}
    for pos, j in enumerate(idx):
        d = drafts[j]
        if d.parent is not None or not _eligible(d) or d.unit is None or not _OUTCOME.search(d.label):
            continue
        # 败诉1件, 行政机关败诉185件; 评为优秀的186卷 (的 stands for the total's noun)
        bare = _OUTCOME_END.search(d.label) is not None or (
            text[d.start - 1] == "的" and _OUTCOME.search(d.label) is not None  # 以调解方式结案的1,027件
        )
        for i in reversed(idx[:pos]):
            t = drafts[i]
            if ";" in text[t.end : d.start]:
                break
            if not _eligible(t) or t.unit != d.unit or t.period_year != d.period_year or _NOT_A_TOTAL.search(t.label):
                continue
            if bare or (len(t.label) >= _HEAD_NOUN and d.label.endswith(t.label[-_HEAD_NOUN:])):
                linked.setdefault(i, []).append(j)
            break  # only the nearest total of the same unit is considered
    for i, parts in linked.items():
        if sum(drafts[j].value for j in parts) <= drafts[i].value:
            for j in parts:
                drafts[j].parent = i


def _table_totals(drafts: list[Draft], cells: list[int]) -> None:
    """A 合计 row totals the rows of its column above it (its 小计 rows standing for their blocks);
    a 小计 row the rows since the previous total; a 合计 first row, the rows below it."""
    columns: dict[tuple[int, int], list[int]] = {}
    for i in cells:
        columns.setdefault(drafts[i].cell, []).append(i)  # type: ignore[arg-type]
    for col in columns.values():
        levels = [drafts[i].total_level for i in col]
        if levels[0] == 2 and levels.count(2) == 1 and 1 not in levels:
            _link_cells(drafts, col[0], col[1:])
            continue
        pending: list[int] = []
        subtotals: list[int] = []
        for i, level in zip(col, levels, strict=True):
            if level == 0:
                pending.append(i)
            elif level == 1:
                _link_cells(drafts, i, pending)
                subtotals.append(i)
                pending = []
            else:
                _link_cells(drafts, i, subtotals + pending)
                subtotals, pending = [], []


def _link_cells(drafts: list[Draft], total: int, members: list[int]) -> None:
    t = drafts[total]
    if not _eligible(t):
        return
    for j in members:
        d = drafts[j]
        if d.parent is None and _eligible(d) and d.period_year == t.period_year:
            d.parent = total


def _cleanup_outcomes(drafts: list[Draft], idx: list[int], text: str) -> None:
    """清理规章102部…，修改规章7部，废止规章3部: outcomes of a review are parts of what was reviewed."""
    linked: dict[int, list[int]] = {}
    for pos, j in enumerate(idx):
        d = drafts[j]
        if d.parent is not None or not _eligible(d) or d.unit is None or not _CLEANUP_OUTCOME.match(d.label):
            continue
        for i in reversed(idx[:pos]):
            t = drafts[i]
            if ";" in text[t.end : d.start]:
                break
            if _CLEANUP_OUTCOME.match(t.label):
                continue  # a sibling outcome (修改规章7部，废止规章3部)
            if _eligible(t) and t.unit == d.unit and t.period_year == d.period_year and not t.is_target:
                if _CLEANUP_TOTAL.search(t.label):
                    linked.setdefault(i, []).append(j)
                break  # only the nearest total of the same unit is considered
    for i, parts in linked.items():
        if sum(drafts[j].value for j in parts) <= drafts[i].value:
            for j in parts:
                drafts[j].parent = i


def check_breakdowns(drafts: list[Draft]) -> None:
    """Unlink parts whose unit cannot count the total's thing; record exact/partial/exceeds."""
    for d in drafts:
        if d.parent is not None:
            p = drafts[d.parent]
            if d.unit and p.unit and not families_compatible(d.unit, p.unit) and unit_family(d.unit) != "":
                d.parent = None
    sums: dict[int, float] = {}
    for d in drafts:
        if d.parent is not None:
            sums[d.parent] = sums.get(d.parent, 0.0) + d.value
    for i, total in sums.items():
        t = drafts[i].value
        drafts[i].breakdown_status = "exact" if abs(total - t) < _EPS else ("partial" if total < t else "exceeds")
