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
]


@pytest.mark.parametrize("text,part,label", CASES, ids=[f"{c[0][:18]}|{c[1]}" for c in CASES])
def test_label(text: str, part: str, label: str) -> None:
    assert at(text, part).raw_label == label


@pytest.mark.parametrize("text,part", [("2021年，受理案件30件。", "30"), ("全年共计办理120件。", "120")])
def test_label_has_no_time_or_filler_words(text: str, part: str) -> None:
    label = at(text, part).raw_label
    assert label and not label.startswith(("2021", "全年", "共")) and not label.endswith(("共", "计", "达"))
