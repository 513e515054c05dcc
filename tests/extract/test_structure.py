"""Sections, tables and text defects: structure recovered, offsets into the text as given."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.extract.helpers import at, stats_of

REPORT = (
    "一、坚持依法行政\n"
    "(三)推进复议改革。1、深化改革，办理案件12件。2、规范执法，评查案卷30卷。\n"
    ")增强法治服务意识\n"
    "1、法律援助。受理案件104件。一是普法进社区，开展活动6场；二是普法进校园，开展讲座4场。\n"
)


@pytest.mark.parametrize(
    "part,path",
    [
        ("12件", "一、(三) 1."),
        ("30卷", "一、(三) 2."),
        ("104件", "一、(四) 1."),
        ("6场", "一、(四) 1. 一是"),
        ("4场", "一、(四) 1. 二是"),
    ],
)
def test_section_path(part: str, path: str) -> None:
    assert at(REPORT, part).section_path == path


TABLE = (
    "2021年主要数据如下：\n"
    "项目 | 数量（件） | 同比 | 上年 | 目标值\n"
    "行政复议 | 42 | 12.5% | 37 | 50\n"
    "罚没金额（万元） | 31.5 | -2.1% | 30 | —\n"
)


@pytest.mark.parametrize(
    "part,value,unit,kind,target,period,label",
    [
        ("42", 42, "件", "count", False, 2021, "行政复议"),
        ("12.5%", 12.5, "%", "change", False, 2021, "行政复议"),
        ("37", 37, "件", "count", False, 2020, "行政复议"),
        ("50", 50, "件", "count", True, 2021, "行政复议"),
        ("31.5", 315000, "元", "amount", False, 2021, "罚没金额"),
        ("-2.1%", -2.1, "%", "change", False, 2021, "罚没金额"),
    ],
)
def test_table_cells(part: str, value: float, unit: str, kind: str, target: bool, period: int, label: str) -> None:
    s = at(TABLE, part)
    assert (s.value, s.unit, s.kind, s.is_target, s.period_year, s.raw_label) == (value, unit, kind, target, period, label)


def test_table_row_label_unit_beats_column_header() -> None:
    assert at(TABLE, "31.5").unit == "元"


def test_hard_line_break_and_page_footer_inside_paragraph() -> None:
    text = "全年县政府常务会议研究重大行政决策事项，审查政府合同及各类协议共\n- 3 -\n136份，涉及金额约12.8亿元。\n"
    s = at(text, "136")
    assert s.surface == "136份" and s.raw_label == "审查政府合同及各类协议"
    assert text[s.char_start : s.char_end] == s.surface


def test_full_width_and_traditional_forms_keep_offsets() -> None:
    text = "辦理案件１２件，合格率９８．６％，出台措施27項。"
    assert [s.surface for s in stats_of(text)] == ["１２件", "９８．６％", "27項"]


def test_quoted_numbers_are_names_but_missing_quote_does_not_leak() -> None:
    text = "推进企业开办1110”改革，实现“1张表格、1个环节”，为112家企业刻制印章。"
    assert [s.surface for s in stats_of(text)] == ["112家"]


SENTENCE = "2021年全县共办理法律援助案件1,386件，其中刑事81件，满意率９８．６％，较上年提高3.2个百分点。"
_NOISE = st.sampled_from([" ", "\n", "　", "\u00a0", "\n- 2 -\n", "“", "”"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(SENTENCE)), _NOISE), max_size=6))
def test_grounding_survives_text_defects(insertions: list[tuple[int, str]]) -> None:
    text = SENTENCE
    for pos, noise in sorted(insertions, reverse=True):
        text = text[:pos] + noise + text[pos:]
    for s in stats_of(text):
        assert text[s.char_start : s.char_end] == s.surface
        assert s.surface.strip()


_ALPHABET = (
    "0123456789０１２一二两十百千万亿余多约近件人次项个%％.,，、。；:：()（）其中共计比上年增长减少至-—|\n “”《》第年月日号 案率"
)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=80), st.one_of(st.none(), st.integers(2015, 2030)))
def test_never_fails_and_always_grounded(text: str, year: int | None) -> None:
    for s in stats_of(text, year):
        assert text[s.char_start : s.char_end] == s.surface
        assert s.parent_index is None or s.parent_index != s.index
        assert s.value_max is None or s.value_max >= s.value
