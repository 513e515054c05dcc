"""Labels: the phrase saying what is counted, clean enough to map to the metric catalog."""

from __future__ import annotations

import pytest

from tests.extract.helpers import at

CASES = [
    ("2021年，全县共接受免费法律咨询1473件。", "1473", "接受免费法律咨询"),
    ("县法律援助中心已受理法律援助案件104，其中刑事81。", "104", "受理法律援助案件"),
    ("2021年县本级政府作为被告的行政诉讼案件共30件。", "30", "政府作为被告的行政诉讼案件"),
    ("全市共收到行政复议申请486件，受理行政复议申请431件。", "431", "受理行政复议申请"),
    ("受理行政复议申请42件，同比增长12.5%。", "12.5", "受理行政复议申请"),
    ("免费法律咨询1473件，完成率132.8%，满意度100%。", "132.8", "免费法律咨询完成率"),
    ("免费法律咨询1473件，完成率132.8%，满意度100%。", "100%", "免费法律咨询满意度"),
    ("行政机关负责人出庭应诉率达99.4%。", "99.4", "行政机关负责人出庭应诉率"),
    ("开展50场普法宣传活动。", "50场", "开展普法宣传活动"),
    ("为112家企业免费刻制首套印章。", "112", "企业免费刻制首套印章"),
    ("严格进行法 制审核11件。", "11件", "严格进行法制审核"),
    ("其中刑事81(指定辩护35、认罪认罚44)。", "44", "认罪认罚"),
    ("另有乡镇（街道）63件。", "63", "乡镇(街道)"),
    ("查办案件1,842件，比上年的1,650件增长11.6%。", "1,650", "查办案件"),
    ("省市县三级人大代表共计160余人参加了培训会。", "160", "省市县三级人大代表参加了培训会"),
    ("审查合同126份(含招商引资协议18份、政府采购合同47份)。", "18份", "招商引资协议"),
    ("2022年计划招录公务员1人。", "1人", "招录公务员"),
    ("即办件占比提高到46%。", "46", "即办件占比"),
    ("全省13个设区市和95个县完成改革。", "95个", "县完成改革"),
    ("占比54%，比2021年提高了9个百分点。", "9个", "占比"),
    ("受理投诉860件，较2020年同期增长5%。", "5%", "受理投诉"),
    ("行政机关败诉62件，败诉率6.28%。", "6.28", "行政机关败诉率"),
    ("审结52件，其中驳回11件、调解撤回5件，纠错率13.5%。", "13.5", "审结纠错率"),
    ("全年审结的1,420件民事案件中，调解结案512件。", "1,420件", "审结民事案件"),
    ("审结一审行政诉讼案件52件。行政机关败诉4件，败诉率7.7%。", "7.7%", "行政机关败诉率"),
    ("全年接待来访二百三十五批次，共一千二百余人次。", "一千二百余人次", "接待来访"),
    ("1至6月受理行政复议申请512件。", "512件", "受理行政复议申请"),
    # list markers, 将 and verbs of keeping a level leave the label
    ("三是推动行政机关负责人出庭应诉率达到100%。", "100%", "推动行政机关负责人出庭应诉率"),
    ("1.配合推动修订地方性法规3部。", "3部", "配合推动修订地方性法规"),
    ("将力争行政机关负责人出庭应诉率保持100%。", "100%", "行政机关负责人出庭应诉率"),
    # nouns that end like a filler stay whole
    ("依法查处各类违法行为206起。", "206起", "依法查处各类违法行为"),
    ("开展专项审计12项。", "12项", "开展专项审计"),
    # two measures of one thing, glued: the second shares the first's label
    ("窗口接待办事群众2,140批次5,315人次。", "5,315人次", "窗口接待办事群众"),
]


@pytest.mark.parametrize("text,part,label", CASES, ids=[f"{c[0][:18]}|{c[1]}" for c in CASES])
def test_label(text: str, part: str, label: str) -> None:
    assert at(text, part).raw_label == label


@pytest.mark.parametrize("text,part", [("2021年，受理案件30件。", "30"), ("全年共计办理120件。", "120")])
def test_label_has_no_time_or_filler_words(text: str, part: str) -> None:
    label = at(text, part).raw_label
    assert label and not label.startswith(("2021", "全年", "共")) and not label.endswith(("共", "计", "达"))


# 分别: each number of the list takes its own item (the last item's noun completes bare ones), and
# each change of a 分别 list the label of the number it qualifies, in order
RESPECTIVELY = [
    ("刑事、民事和行政案件分别为208件、391件和13件。", "391件", "民事案件", "count", 391),
    ("行政复议和行政诉讼案件分别为12件和5件，分别较上年减少3件和1件。", "5件", "行政诉讼案件", "count", 5),
    ("行政复议和行政诉讼案件分别为12件和5件，分别较上年减少3件和1件。", "1件", "行政诉讼案件", "change", -1),
    ("受理申请58件、审结52件，分别同比增长12.5%和8.3%。", "8.3%", "审结", "change", 8.3),
    ("受理申请58件、审结52件，分别同比增长12.5%和8.3%。", "12.5%", "受理申请", "change", 12.5),
    ("受理和审结分别为58件和49件。", "49件", "审结", "count", 49),
    ("全市执业律师和公证员分别为812人、43人。", "812人", "执业律师", "count", 812),  # nouns stay whole
    # negative: the list has fewer items than numbers, so the shared label stays
    ("两项指标分别为12件和5件。", "5件", "指标", "count", 5),
]


@pytest.mark.parametrize("text,part,label,kind,value", RESPECTIVELY, ids=[f"{c[0][:14]}|{c[1]}" for c in RESPECTIVELY])
def test_respectively_lists(text: str, part: str, label: str, kind: str, value: float) -> None:
    s = at(text, part)
    assert (s.raw_label, s.kind, s.value) == (label, kind, value)
