"""Parts named by what they are, not by a marker: outcomes of the total's items (维持, 败诉, 合格),
outcomes of a review of rules (修改, 废止), findings of an inspection, and rows under a 合计/小计 row."""

from __future__ import annotations

import re

from fazhi.extract.lexicon import (
    CLEANUP_OUTCOMES,
    CLEANUP_TOTAL_WORDS,
    DECISION_OUTCOMES,
    FINDING_OUTCOMES,
    OUTCOME_WORDS,
    RULING_OUTCOMES,
)
from fazhi.extract.resolve import Draft

_PART_KINDS = ("count", "amount")

# 修改规章7部 / 拟废止4件 / 清理后决定修改23件: the outcome opens or closes the label
_CLEANUP_OUTCOME = re.compile(
    "(?:决定|予以|依法)?(?:" + "|".join(CLEANUP_OUTCOMES) + ")|.*(?:" + "|".join(CLEANUP_OUTCOMES) + ")$"
)
_CLAUSE_END = re.compile("[,;:。\n]")
CLEANUP_TOTAL = re.compile("|".join(CLEANUP_TOTAL_WORDS))


def eligible(d: Draft) -> bool:
    """Whether a draft can be a total or a part: a count or an amount that is no plan."""
    # a 拟废止 decision of this year's cleanup is flagged as a target yet is a part of the cleanup
    return d.kind in _PART_KINDS and (not d.is_target or _CLEANUP_OUTCOME.match(d.label) is not None)


OUTCOME = re.compile("|".join(OUTCOME_WORDS + RULING_OUTCOMES + FINDING_OUTCOMES))
_OUTCOME_END = re.compile("(?:" + "|".join(RULING_OUTCOMES + FINDING_OUTCOMES) + ")$")
_CORRECTIONS = ("纠正", "纠错", "整改")
_FINDING_END = re.compile("(?:" + "|".join(FINDING_OUTCOMES) + ")$")
_DECISION_END = re.compile("(?:" + "|".join(DECISION_OUTCOMES) + ")$")
# an outcome is no total (评出优秀案卷62卷); a notice about one is (发出纠错建议9件，已纠正7件)
_NOT_A_TOTAL = re.compile("(?:" + "|".join(OUTCOME_WORDS + RULING_OUTCOMES) + ")(?!建议|意见|通知|书|函)")
_HEAD_NOUN = 2  # characters compared at the end of two labels: 案卷, 文件, 案件


def ends_with_outcome(label: str) -> bool:
    """败诉, 行政机关败诉, 被采纳: the label names an outcome of some total's items."""
    return _OUTCOME_END.search(label) is not None


def outcome_subsets(drafts: list[Draft], idx: list[int], text: str, previous: list[int]) -> None:
    """Unmarked outcome subsets: 评查案卷480卷，评出优秀案卷62卷 / 一审案件15件…，败诉1件.

    A part names an outcome (lexicon) and either ends with the nearest total's noun or is the bare
    outcome word; parts that would exceed their total are left unlinked. A decision (维持, 败诉…) with
    no total before it in its sentence belongs to the previous sentence's last total of its unit
    (审结49件。复议决定维持32件，撤销5件…).
    """
    linked: dict[int, list[int]] = {}
    for pos, j in enumerate(idx):
        d = drafts[j]
        if d.parent is not None or not eligible(d) or d.unit is None or not OUTCOME.search(d.label):
            continue
        # 败诉1件, 行政机关败诉185件; 评为优秀的186卷 (的 stands for the total's noun)
        bare = (
            _OUTCOME_END.search(d.label) is not None
            or (text[d.start - 1] == "的" and OUTCOME.search(d.label) is not None)  # 以调解方式结案的1,027件
            or d.label.startswith(_CORRECTIONS)  # 纠正违反审查标准的政策措施23件
        )
        in_sentence, crossed = True, False
        for i in [*reversed(idx[:pos]), *reversed(previous)]:
            t = drafts[i]
            if in_sentence and t.sent_start != d.sent_start:
                finding = _FINDING_END.search(d.label) is not None
                if not (_DECISION_END.search(d.label) or finding):
                    break  # only a decision or a finding reaches back into the previous sentence
                in_sentence, crossed = False, crossed or finding  # a finding: to the total it names
            crossed = crossed or (in_sentence and ";" in text[t.end : d.start])
            if not _could_total(t, d) or (crossed and t.parent is not None):
                continue
            if crossed and not (bare and _shares_word(t.label, d.label)):
                break  # past a ; only a total named again (抽查2.15万户次…；抽查发现问题1,284户次)
            if bare or (len(t.label) >= _HEAD_NOUN and d.label.endswith(t.label[-_HEAD_NOUN:])):
                linked.setdefault(i, []).append(j)
            break  # only the nearest total of the same unit is considered
    _link_within(drafts, linked)


def _link_within(drafts: list[Draft], linked: dict[int, list[int]]) -> None:
    """Link each total's parts, unless together they would exceed it."""
    for i, parts in linked.items():
        if sum(drafts[j].value for j in parts) <= drafts[i].value:
            for j in parts:
                drafts[j].parent = i


def _shares_word(a: str, b: str) -> bool:
    return any(a[k : k + 2] in b for k in range(len(a) - 1))


def _could_total(t: Draft, part: Draft) -> bool:
    """A count of the same unit and year that is no outcome itself."""
    return eligible(t) and t.unit == part.unit and t.period_year == part.period_year and not _NOT_A_TOTAL.search(t.label)


def table_totals(drafts: list[Draft], cells: list[int]) -> None:
    """A 合计 row totals the rows of its column above it (its 小计 rows standing for their blocks);
    a 小计 row the rows since the previous total; a 合计 first row, the rows below it."""
    columns: dict[tuple[int, int], list[int]] = {}
    for i in cells:
        columns.setdefault(drafts[i].cell, []).append(i)  # type: ignore[arg-type]
    for col in columns.values():
        _part_rows(drafts, col)
        col = [i for i in col if drafts[i].total_level >= 0]
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


def _part_rows(drafts: list[Draft], col: list[int]) -> None:
    """A 其中 row is a part of the nearest plain row above it; the rows after it are its siblings
    when, with it, they add up to that row exactly (其中：受理 254 / 不予受理 32 under 收到 286)."""
    for k, i in enumerate(col):
        if drafts[i].total_level != -1:
            continue
        above = [t for t in col[:k] if drafts[t].total_level == 0 and drafts[t].parent is None]
        if not above:
            continue
        total = above[-1]
        _link_cells(drafts, total, [i])
        running, siblings = drafts[i].value, []
        for j in col[k + 1 :]:
            if drafts[j].total_level != 0:
                break
            running += drafts[j].value
            siblings.append(j)
            if abs(running - drafts[total].value) < 1e-6:
                _link_cells(drafts, total, siblings)
                break
            if running > drafts[total].value:
                break


def _link_cells(drafts: list[Draft], total: int, members: list[int]) -> None:
    t = drafts[total]
    if not eligible(t):
        return
    for j in members:
        d = drafts[j]
        if d.parent is None and eligible(d) and d.period_year == t.period_year:
            d.parent = total


def cleanup_outcomes(drafts: list[Draft], idx: list[int], text: str) -> None:
    """清理规章102部…，修改规章7部，废止规章3部: outcomes of a review are parts of what was reviewed."""
    linked: dict[int, list[int]] = {}
    for pos, j in enumerate(idx):
        d = drafts[j]
        if d.parent is not None or not eligible(d) or d.unit is None or not _CLEANUP_OUTCOME.match(d.label):
            continue
        for i in reversed(idx[:pos]):
            t = drafts[i]
            if _CLEANUP_OUTCOME.match(t.label) or t.parent is not None:
                continue  # a sibling outcome (修改规章7部，废止规章3部), a part of the reviewed total
            if eligible(t) and t.unit == d.unit and t.period_year == d.period_year and not t.is_target:
                if CLEANUP_TOTAL.search(t.label) or _reviewed_after(text, t):
                    linked.setdefault(i, []).append(j)
                break  # only the nearest total of the same unit is considered
    _link_within(drafts, linked)


def _reviewed_after(text: str, t: Draft) -> bool:
    """对现行有效的82件规章进行全面清理: the review is named after the total, in its clause."""
    m = _CLAUSE_END.search(text, t.end, t.sent_end)
    return CLEANUP_TOTAL.search(text, t.end, m.start() if m else t.sent_end) is not None
