"""Unit lexicon: base-unit normalization and families."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fazhi.units import UNIT_WORDS, families_compatible, normalize_unit, unit_family
from tests.extract.helpers import stats_of


@pytest.mark.parametrize(
    "value,unit,expected",
    [
        (1.2, "万人次", (12000.0, "人次")),
        (3.5, "亿元", (350000000.0, "元")),
        (1560.3, "万元", (15603000.0, "元")),
        (0.0038, "万宗", (38.0, "宗")),
        (5, "千元", (5000.0, "元")),
        (12.5, "%", (12.5, "%")),
        (98.6, "％", (98.6, "%")),
        (3.2, "个百分点", (3.2, "百分点")),
        (12, "各", (12.0, "个")),
        (7, "件", (7.0, "件")),
        (2, "万户", (20000.0, "户")),
    ],
    ids=lambda v: str(v),
)
def test_normalize_unit(value: float, unit: str, expected: tuple[float, str]) -> None:
    assert normalize_unit(value, unit) == expected


@given(st.floats(min_value=0, max_value=1e9, allow_nan=False), st.sampled_from((*UNIT_WORDS, "万人次", "万件")))
def test_normalize_unit_is_idempotent(value: float, unit: str) -> None:
    once = normalize_unit(value, unit)
    assert normalize_unit(*once) == once


@pytest.mark.parametrize(
    "unit,family",
    [
        ("件", "case"),
        ("案", "case"),
        ("宗", "case"),
        ("起", "case"),
        ("人", "person"),
        ("名", "person"),
        ("人次", "person_time"),
        ("万元", "money"),
        ("%", "percent"),
        ("个百分点", "percentage_point"),
        ("米粒", ""),
    ],
)
def test_unit_family(unit: str, family: str) -> None:
    assert unit_family(unit) == family


@pytest.mark.parametrize(
    "a,b,ok",
    [("件", "案", True), ("件", "个", True), ("件", "人", False), ("元", "件", False), ("%", "件", False)],
)
def test_families_compatible(a: str, b: str, ok: bool) -> None:
    assert families_compatible(a, b) is ok


@pytest.mark.parametrize(
    "text,surfaces",
    [
        ("参加网上学法考试，平均成绩92.6分。", ["92.6分"]),
        ("对照考核细则扣3分。", ["3分"]),
        ("办理时限压缩至5分钟，三分之一事项实现即办。", []),  # 分钟, 分之: other words
        ("工作十分重要，做到一分部署、九分落实。", []),  # Chinese numerals before 分 are words
        ("设立2分局。", []),
    ],
    ids=["average-score", "deduction", "minutes-fraction", "chinese-numerals", "branch-office"],
)
def test_score_points(text: str, surfaces: list[str]) -> None:
    stats = stats_of(text)
    assert [s.surface for s in stats] == surfaces
    assert all(s.unit == "分" and unit_family(s.unit) == "score" for s in stats)


@pytest.mark.parametrize(
    "text,surface,unit",
    [
        ("开展执法检查3,200家次。", "3,200家次", "家次"),
        ("入户走访1,200余户次。", "1,200余户次", "户次"),
        ("接待来访群众45批次。", "45批次", "批次"),
        ("办理不动产抵押登记5,600笔。", "5,600笔", "笔"),
        ("暂扣车辆35辆，查封设备12台。", "12台", "台"),
        ("人均学法时长40学时。", "40学时", "学时"),
    ],
    ids=["visits", "household-visits", "batches", "transactions", "equipment", "study-hours"],
)
def test_more_measure_words(text: str, surface: str, unit: str) -> None:
    stats = stats_of(text)
    hit = [s for s in stats if s.surface == surface]
    assert hit and hit[0].unit == unit and not hit[0].unit_inferred


def test_ledger_is_no_unit() -> None:
    """台账 (a ledger) after a number is a word, not the measure word 台."""
    assert [s.unit for s in stats_of("建立执法台账5台账。")] == []


def test_a_percent_column_beats_the_row_unit() -> None:
    """同比（%） in a 罚没款（万元） row: the cell is a change in per cent, not 万元."""
    text = "指标 | 本年 | 同比（%）\n罚没款（万元） | 53,830 | 9.1\n"
    amount, change = stats_of(text, 2021)
    assert (amount.value, amount.unit) == (538_300_000, "元")
    assert (change.value, change.unit, change.kind) == (9.1, "%", "change")


def test_percentage_points_shared_across_a_conjunction() -> None:
    """分别较上年提高1.8个和2.3个百分点: the first 个 is a 个百分点 too."""
    stats = stats_of("满意率分别为94.2%和95.1%，分别较上年提高1.8个和2.3个百分点。")
    assert [(s.value, s.unit, s.kind) for s in stats[2:]] == [(1.8, "百分点", "change"), (2.3, "百分点", "change")]
