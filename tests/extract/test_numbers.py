"""Numbers, multipliers, units and kinds: each spec case is its own test; negatives included."""

from __future__ import annotations

import pytest

from tests.extract.helpers import only, stats_of

# (text, value, value_max, unit, kind)
POSITIVE = [
    ("共受理案件1,386件。", 1386, None, "件", "count"),
    ("共受理案件1 386件。", 1386, None, "件", "count"),
    ("办理案件１２件。", 12, None, "件", "count"),
    ("满意率达９８．６％。", 98.6, None, "%", "percent"),
    ("审查文件二十三件。", 23, None, "件", "count"),
    ("下发督办函一百二十三件。", 123, None, "件", "count"),
    ("组织听证两次。", 2, None, "次", "count"),
    ("取消事项十一项。", 11, None, "项", "count"),
    ("清理文件四十余条。", 40, None, "条", "count"),
    ("覆盖群众1.2万人次。", 12000, None, "人次", "count"),
    ("罚没款3.5亿元。", 350000000, None, "元", "amount"),
    ("罚没款3千万元。", 30000000, None, "元", "amount"),
    ("挽回经济损失1.5千万元。", 15000000, None, "元", "amount"),
    ("涉及总投资1.86万亿元。", 1.86e12, None, "元", "amount"),
    ("全区共有87名单位主要负责人书面述法。", 87, None, "名", "count"),  # 名 + 单位, not 名单
    ("清理问题0.0038万宗。", 38, None, "宗", "count"),
    ("纠错率12.5%。", 12.5, None, "%", "percent"),
    ("备案率百分之百。", 100, None, "%", "percent"),
    ("合格率百分之九十八点五。", 98.5, None, "%", "percent"),
    ("应诉率较上年提高3.2个百分点。", 3.2, None, "百分点", "change"),
    ("受理申请42件，同比增长12.5%。", 12.5, None, "%", "change"),
    ("复议案件较上年减少8件。", -8, None, "件", "change"),
    ("比上年同期多清理45项。", 45, None, "项", "change"),
    ("比上年少受理8件。", -8, None, "件", "change"),
    ("应诉率同比下降0.4个百分点。", -0.4, None, "百分点", "change"),
    ("每支配备讲师3至5名。", 3, 5, "名", "range"),
    ("每场30-50人参加。", 30, 50, "人", "range"),
    ("为农民工讨回欠薪3,865.2万元。", 38652000, None, "元", "amount"),
    ("出台12各类文件。", 12, None, "个", "count"),
    ("出台政策措施27項。", 27, None, "项", "count"),
    ("覆盖群众200余万人次。", 2000000, None, "人次", "count"),
    ("挽回损失200余万元。", 2000000, None, "元", "amount"),
    ("参训干部千余人。", 1000, None, "人", "count"),
    ("发放资料2千份。", 2000, None, "份", "count"),
    ("出庭应诉14件次。", 14, None, "件次", "count"),
    ("累计办理3起诉讼案件。", 3, None, "起", "count"),
    ("发挥热线作用，接听电话5,612个。", 5612, None, "个", "count"),
]


@pytest.mark.parametrize("text,value,value_max,unit,kind", POSITIVE, ids=[c[0] for c in POSITIVE])
def test_statistic_values(text: str, value: float, value_max: float | None, unit: str, kind: str) -> None:
    s = [x for x in stats_of(text) if x.kind == kind][-1]
    assert s.value == pytest.approx(value)
    assert s.value_max == value_max
    assert (s.unit, s.kind) == (unit, kind)


NEGATIVE = [
    "全面推行“一网通办”改革。",
    "一审裁定驳回起诉。",
    "统一承担行政复议职责，进一步优化服务。",
    "纳入“十四五”规划。",
    "全面推行“三项制度”。",
    "县委编办方编办字〔2021〕4-720-24号文件。",
    "开展第六个全民国家安全教育日活动。",
    "学习贯彻党的十九届六中全会精神。",
    "开展全国第20个安全生产月活动。",
    "开展“6˙5”世界环境日宣传。",
    "开展“12·4”国家宪法日活动。",
    "持续推进企业开办“1110”改革。",
    "构建“1+N”工作体系。",
    "开通12345热线。",
    "联系电话：0573-82261234。",
    "邮编：730500。",
    "陇ICP备05001234号-1。",
    "印发《关于做好3件实事的通知》。",
    "发布时间：2022-02-22 18:05。",
    "2022年1月25日。",
    "12020年全县开展工作。",
    "开展“一件事一次办”改革。",
    "树牢“四个意识”，做到“两个维护”。",
    "严格落实中央八项规定精神。",
    "严格履行重大行政决策五项法定程序。",
    "上述四个领域罚没款稳步下降。",
    "在人才、机构、平台三个方面同时发力。",
    "紧扣示范创建和生态保护两项中心任务。",
    "分两批向乡镇下放执法事项。",
    "整合原12315、12365、12331等投诉举报热线。",  # government hotlines are named by their number
    "办理时限压缩至3个工作日。",
    "庆祝建党100周年。",
    "千方百计化解矛盾。",
    "建立一个平台，一批典型。",
    "接待群众咨询数十场。",
    "设备重5千克。",
    "值班电话12345678。",
]


@pytest.mark.parametrize("text", NEGATIVE)
def test_not_statistics(text: str) -> None:
    assert stats_of(text) == []


@pytest.mark.parametrize(
    "text,surface",
    [
        ("1、加强学习。2、推进执法，办理案件12件。", "12件"),
        ("推进执法公示等工作2、积极推进全过程记录，记录案卷30卷。", "30卷"),
        ("(1)全年受理案件40件。(2)办结38件。", "40件"),
    ],
)
def test_list_markers_are_not_statistics(text: str, surface: str) -> None:
    surfaces = [s.surface for s in stats_of(text)]
    assert surface in surfaces
    assert not any(s in ("1", "2", "(1)", "(2)") for s in surfaces)


@pytest.mark.parametrize(
    "text,value,unit",
    [("受理法律援助案件104。", 104, "件"), ("罚没金额31.5万。", 315000, "元"), ("接待来访人次2300，", 2300, "人次")],
)
def test_missing_unit_is_inferred_from_label(text: str, value: float, unit: str) -> None:
    s = only(text)
    assert (s.value, s.unit, s.unit_inferred) == (value, unit, True)
