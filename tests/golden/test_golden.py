"""Golden reports: one test per document and per annotated number (statistics and non-statistics)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from fazhi.extract import extract_statistics
from fazhi.extract.gold import FLAG_FIELDS, GoldDoc, GoldRow, load_gold, match
from fazhi.model import KINDS, Statistic

CASES = Path(__file__).parent / "cases"
DOC_PATHS = sorted(CASES.glob("*.txt"))
# Known gaps, kept visible: strict xfail turns into a failure the day they are fixed.
_ATTRIBUTE = "a count inside a 的-phrase describing a noun (只有1名工作人员的所) reads as a statistic"
_FAR_TOTAL = "the total is in another section (败诉14件 … 问题部分：败诉案件中…的有6件)"
_THRESHOLD = "a threshold in a problem statement (在编人员少于8名) reads as a statistic"
_LONG_NOUN = "(含…) more than 12 characters after its total (1,268项…划转至综合行政执法部门(含…412项))"
_TWO_REVIEWS = "outcomes of a review of two kinds at once (规章26件、规范性文件318件 … 拟修改规章3件、规范性文件22件)"
_OTHER_UNIT = "a part counted in another unit than its total (出庭应诉437件次，其中…出庭６次)"
_NO_SHARED_WORD = "an outcome after ; whose total shares no word with it (接收…文件312件…；…自行纠正的21件)"
KNOWN_GAPS: dict[tuple[str, str], str] = {
    ("hengshui-sfj-2020", "只有1名工作人员"): _ATTRIBUTE,
    ("dali-2022", "败诉的有6件"): _FAR_TOTAL,
    ("lishui-2021", "人员少于8名"): _THRESHOLD,
    ("lishui-2021", "高频事项412项"): _LONG_NOUN,
    ("baotou-2021", "出庭６次"): _OTHER_UNIT,
    ("qhsft-2022", "自行纠正的21件"): _NO_SHARED_WORD,
    ("haikou-sfj-2024", "拟修改规章3件"): _TWO_REVIEWS,
    ("haikou-sfj-2024", "规范性文件22件"): _TWO_REVIEWS,
    ("haikou-sfj-2024", "拟废止规范性文件15件"): _TWO_REVIEWS,
}


@cache
def _doc(path: Path) -> GoldDoc:
    return load_gold(path)


@cache
def _stats(path: Path) -> tuple[Statistic, ...]:
    doc = _doc(path)
    return tuple(extract_statistics(doc.text, doc.year))


def _cases(kind_filter: str) -> list:
    params = []
    for path in DOC_PATHS:
        for row in load_gold(path).rows:
            if (row.kind == "none") != (kind_filter == "negative"):
                continue
            marks = []
            gap = KNOWN_GAPS.get((path.stem, row.anchor))
            if gap:
                marks.append(pytest.mark.xfail(reason=gap, strict=True))
            params.append(pytest.param(path, row, id=f"{path.stem}:{row.anchor}", marks=marks))
    return params


@pytest.mark.parametrize("path", DOC_PATHS, ids=[p.stem for p in DOC_PATHS])
def test_document_grounding_and_contract(path: Path) -> None:
    """Every statistic is grounded in the text as given and respects the record contract."""
    text = _doc(path).text
    stats = _stats(path)
    assert stats, "a golden report yields statistics"
    for s in stats:
        assert text[s.char_start : s.char_end] == s.surface
        assert s.kind in KINDS
        assert s.surface in s.sentence
        if s.parent_index is not None:  # a total may follow its parts (刑事50件、民事70件，合计120件)
            assert 0 <= s.parent_index < len(stats) and s.parent_index != s.index
        if s.kind == "range":
            assert s.value_max is not None and s.value_max >= s.value
    assert [s.index for s in stats] == list(range(len(stats)))


@pytest.mark.parametrize("path,row", _cases("positive"))
def test_statistic(path: Path, row: GoldRow) -> None:
    """An annotated statistic is found with the right value, unit, kind, flags, period and parent."""
    doc = _doc(path)
    stats = _stats(path)
    pairs = match(doc, list(stats))
    gi = doc.rows.index(row)
    assert gi in pairs, f"not found: {row.anchor}"
    s = stats[pairs[gi]]
    assert s.value == pytest.approx(row.value)
    assert s.value_max == (pytest.approx(row.value_max) if row.value_max is not None else None)
    assert (s.unit, s.kind, s.period_year) == (row.unit, row.kind, row.period)
    assert {f for f, attr in FLAG_FIELDS.items() if getattr(s, attr)} == set(row.flags)
    if row.parent_anchor:
        parent_row = next(i for i, r in enumerate(doc.rows) if r.anchor == row.parent_anchor)
        assert s.parent_index == pairs.get(parent_row)
    else:
        assert s.parent_index is None


@pytest.mark.parametrize("path,row", _cases("negative"))
def test_not_a_statistic(path: Path, row: GoldRow) -> None:
    """A number that is not a statistic (date, code, ordinal, name, marker) is never emitted."""
    for s in _stats(path):
        assert not (s.char_start < row.end and row.start < s.char_end), f"emitted {s.surface!r}"
