"""Breakdowns: parts linked to totals (其中, parentheses, colon, exact sums); status recorded, never fixed."""

from __future__ import annotations

import pytest

from tests.extract.helpers import at, stats_of


def _parent_surface(text: str, part: str) -> str | None:
    stats = stats_of(text)
    s = at(text, part)
    return stats[s.parent_index].surface if s.parent_index is not None else None


_VIEWPOINT_LIST = (
    "查办案件3.26万件，罚没款5.87亿元。从执法领域看，食品案件11,247件，罚没款1.52亿元；"
    "药品案件4,386件，罚没款9,860万元；广告案件1,245件。"
)

# (text, part surface, expected parent surface)
CASES = [
    ("受理法律援助案件104，其中刑事81(指定辩护35、认罪认罚44)，民事23。", "81", "104"),
    ("受理法律援助案件104，其中刑事81(指定辩护35、认罪认罚44)，民事23。", "35", "81"),
    ("受理法律援助案件104，其中刑事81(指定辩护35、认罪认罚44)，民事23。", "23", "104"),
    ("行政诉讼案件共30件，一审已全部审结：驳回1案、裁定7案、撤销9案、确认违法13案。", "7案", "30件"),
    ("收到申请37件，受理31件，不予受理6件。", "6件", "37件"),
    ("查办案件1,842件，罚没款2.73亿元。其中食品案件612件，药品案件208件。", "612件", "1,842件"),
    ("共办理120件，其中刑事50件，其中认罪认罚30件。", "30件", "50件"),
    ("受理申请42件，同比增长12.5%。", "12.5%", None),
    ("办理案件30件，涉及群众120人。", "120人", None),
    ("培训3期，其中参训人员500人次。", "500人次", None),
    ("共收到申请3,054件，审结2,871件。审结案件中，维持1,802件，驳回431件。", "431件", "2,871件"),
    ("共收到申请3,054件，审结2,871件。办理中，发现问题12个，整改10个。", "12个", None),
    ("评查行政处罚案卷480卷，评出优秀案卷62卷、不合格案卷5卷。", "5卷", "480卷"),
    ("一审行政诉讼案件15件，比上年的20件减少5件，败诉1件。", "1件", "15件"),
    ("受理案件100件，办结案件90件。", "90件", None),
    ("抽查案卷20卷，评出优秀案卷30卷。", "30卷", None),
    ("审查规范性文件41件，备案审查部门文件187件，纠正不当文件6件。", "6件", "187件"),
    ("制定政府规章2部，修改1部，废止1部。", "1部", None),
    ("一审案件1,862件，审结1,790件，行政机关败诉185件。", "185件", "1,790件"),
    ("受理矛盾纠纷1.12万件，成功调解1.09万件。", "1.09万件", None),
    ("查处违法案件2,865件，作出罚款决定2,103件；其中市场监管部门查处案件1,207件。", "1,207件", "2,865件"),
    ("受理纠纷1,965件，调解成功1,902件，其中婚姻纠纷512件，邻里纠纷1,390件。", "512件", "1,902件"),
    # the nearest total shares no word with the parts; the one named by their head noun does
    ("收到投诉举报2,310件，办结2,288件，办结率99.0%；其中食品类投诉640件、价格类投诉415件。", "415件", "2,310件"),
    ("收到投诉举报2,310件，办结2,288件，办结率99.0%；其中食品类640件、价格类415件。", "415件", "2,288件"),
    ("收到申请58件，较上年增加11件，受理53件，不予受理5件。", "53件", "58件"),
    ("发现问题63个，已整改60个，整改率95.2%。", "60个", "63个"),
    ("办理刑事案件50件、民事案件70件，合计120件。", "70件", "120件"),
    ("办理刑事案件50件、民事案件60件，合计120件。", "60件", None),
    # a 其中 inside a parenthesis breaks down only the number before it; the outer list goes on
    ("收到申请240件，其中本级21件，市级110件(其中甲市30件、乙市24件)，县级109件。", "109件", "240件"),
    ("收到申请240件，其中本级21件，市级110件(其中甲市30件、乙市24件)，县级109件。", "24件", "110件"),
    ("收到申请240件，其中本级21件，市级110件(其中甲市30件、乙市24件)，县级109件。", "110件", "240件"),
    ("共办理120件，其中刑事50件(含认罪认罚30件)，民事70件。", "70件", "120件"),
    # 包括 / 含 after a comma mark parts like 其中, even a partial list
    ("办理行政处罚案件1,362件，包括简易程序案件845件。", "845件", "1,362件"),
    ("办理案件120件，含刑事案件50件、民事案件40件。", "40件", "120件"),
    ("抽检食品120批，含量超标3批。", "3批", None),
    # a colon list may run across semicolons: one part per clause, all counting what the total counts
    ("办理案件120件：刑事案件50件；民事案件70件。", "70件", "120件"),
    ("办理案件120件：刑事案件50件；民事案件80件。", "80件", None),  # parts exceed: no list
    ("开展专项检查：检查企业50家；发现问题12个；整改10个。", "12个", None),
    ("办理案件120件：刑事案件50件；培训干部70人。", "70人", None),
    # 涉及 after a comma lists parts like 其中 (a list already open goes on past a later 涉及)
    ("受理消费投诉8,420件，涉及预付卡纠纷2,115件、网购纠纷3,006件。", "3,006件", "8,420件"),
    ("调处矛盾纠纷2,418件，涉及金额3,860万元。", "3,860万元", None),
    ("出具法律意见书438份，其中涉及项目合同的126份，涉及信访的73份。", "73份", "438份"),
    # items of one kind of the total before a 分别 are its parts, even a partial list; stages are not
    ("办理法律援助案件860件，刑事、民事案件分别为312件、501件。", "501件", "860件"),
    ("收到复议案件60件，受理案件和审结案件分别为38件和19件。", "19件", None),
    ("办理法律援助案件860件，刑事、民事案件分别为512件、501件。", "501件", None),  # exceeds the total
    # decisions opening a sentence are parts of the previous sentence's last total of their unit
    ("全年审结复议案件64件。复议决定维持41件，撤销9件，驳回申请14件。", "9件", "64件"),
    ("审结一审行政诉讼案件52件。行政机关败诉4件。", "4件", "52件"),
    ("查处违法案件620件。对轻微违法行为不予处罚88件。", "88件", None),  # no decision on those cases
    # 采纳 and 整改到位 are outcomes of the total before them
    ("公开征求意见建议860条，采纳214条。", "214条", "860条"),
    ("发现问题57个，已整改到位52个。", "52个", "57个"),
    # a 其中 list ends where the unit changes; the numbers after it are linked on their own
    ("审核文件300件，其中规范性文件40件、合同260件，提出意见520条，被采纳498条。", "498条", "520条"),
    ("审核文件300件，其中规范性文件40件、合同260件，提出意见520条，被采纳498条。", "520条", None),
    # a decision goes to the nearest total, even when an earlier one shares the actor's words
    ("行政机关新收一审案件210件(其中以县政府为被告的31件)，审结一审案件198件，其中行政机关败诉12件。", "12件", "198件"),
    # an exact sum may start after a ; and skip a prior-year value
    ("收到复议申请640件，比上年的590件增长8.5%；经审查，受理602件，不予受理38件。", "38件", "640件"),
    # 上述/以上 X中， names its total by X
    ("作出重大行政决策15项。上述决策中，开展听证的4项，进行风险评估的11项。", "11项", "15项"),
    # the review named after its total (对…的96件规章进行清理) still has the cleanup outcomes as parts
    ("对现行有效的96件规章进行清理，拟修改7件、拟废止3件。", "3件", "96件"),
    ("对现行有效的区政府文件156件逐件评估，决定废止11件、修改8件。", "11件", "156件"),
    # 按…分， splits the previous total by any dimension
    ("收到复议申请420件。按申请事项分，涉及征地拆迁的120件，涉及行政处罚的98件。", "98件", "420件"),
    # a sentence's leading numbers adding up to the previous sentence's total are its parts
    ("收到备案文件180件，其中县政府文件30件。经审查，予以备案171件；对存在问题的9件发出纠错建议。", "9件", "180件"),
    ("收到备案文件180件，其中县政府文件30件。经审查，予以备案172件；对存在问题的9件发出纠错建议。", "9件", None),
    # 其余 joins the part before it
    ("对存在问题的9件发出纠错建议，制定机关已纠正7件，其余2件正在修改。", "2件", "9件"),
    # a cleanup outcome may close its label (清理后决定修改); 存在问题 is a finding of an inspection
    ("共梳理现行有效文件236件，清理后决定修改23件、废止10件。", "10件", "236件"),
    ("抽查年度报告1,480份，发现存在问题的报告212份，已督促整改201份。", "212份", "1,480份"),
    ("抽查年度报告1,480份，发现存在问题的报告212份，已督促整改201份。", "201份", "212份"),
    # parts of two units after one 其中 go to the parallel totals of their units
    ("审批项目1.12万个，涉及投资约1.86万亿元；其中省级审批136个，涉及投资约3,270亿元。", "约3,270亿元", "约1.86万亿元"),
    ("审批项目1.12万个，涉及投资约1.86万亿元；其中省级审批136个，涉及投资约3,270亿元。", "136个", "1.12万个"),
    # 'X中' after a ; or a comma, naming a total of the same sentence
    ("一审审结42件，其中判决结案37件、撤诉5件；在判决结案的案件中，胜诉33件、败诉4件。", "33件", "37件"),
    ("共梳理证明事项214项，取消117项、保留97项，保留事项中实行告知承诺制的61项。", "61项", "97项"),
    ("共梳理证明事项214项，取消117项、保留97项，保留事项中实行告知承诺制的61项。", "97项", "214项"),
    ("局党组会议研究法治工作6次，理论学习中心组集体学法4次。", "4次", None),  # 中心组 is a word
    # a viewpoint after a split splits the whole again, not the last part
    ("作出处罚决定647件。上述决定中，简易程序的402件，普通程序的245件。从案件类型看，违建163件、占道118件。", "118件", "647件"),
    # (含…) after the total's noun; 'N个X中有M个'
    ("全市4,962个人民调解委员会(含行业性调解组织87个)每月排查纠纷。", "87个", "4,962个"),
    ("全市134个司法所中有41个为一人所。", "41个", "134个"),
    # a generic 个 among parts counted in 件 is a subject, not a part; a prior-year figure is no part
    ("收到备案文件1,126件，其中部门报送214件，18个市政府报送912件。", "18个", None),
    ("收到备案文件1,126件，其中部门报送214件，18个市政府报送912件。", "912件", "1,126件"),
    ("一审行政诉讼案件二百一十四件（上年二百三十二件）。", "二百三十二件", None),
    # a cleanup outcome after ; goes to the reviewed total, not to one of its parts
    ("共清理规章和文件801件，其中规章128件、文件673件；经清理，修改或废止的62件。", "62件", "801件"),
    # a viewpoint after ; splits the whole again; one naming a part (受理案件) splits that part
    ("决定3,215件。这些案件中，简易的1,438件、一般的1,777件；从执法领域看，城管1,102件、市场监管764件。", "764件", "3,215件"),
    ("收到2,164件，其中受理1,902件、不予受理187件。从受理案件的申请事项看，涉及处罚的713件，征收的398件。", "398件", "1,902件"),
    # actors sharing out a total with 分别 + a verb
    ("作出处罚决定2,317件，罚没款1,684万元，市场监管、城管和交通部门分别办理612件、845件和307件。", "307件", "2,317件"),
    # a finding after ; goes to the total it names again, not to a part of it
    ("开展抽查检查2.15万户次，其中联合抽查5,640户次，比重提高；抽查发现问题1,284户次。", "1,284户次", "2.15万户次"),
    # a correction opening its label is an outcome; a finding may reach back to the total it names
    ("开展公平竞争审查1,426件，纠正违反审查标准的政策措施23件。", "23件", "1,426件"),
    ("抽查市场主体12.7万户次，其中联合抽查3.1万户次。抽查发现问题1.03万户次，已责令整改9,184户次。", "1.03万户次", "12.7万户次"),
    # a viewpoint's list runs on across ; while clauses open with the same kind of count, each unit
    # to its own total; it stops at a clause opening otherwise and at a 其中
    (_VIEWPOINT_LIST, "9,860万元", "5.87亿元"),
    (_VIEWPOINT_LIST, "1,245件", "3.26万件"),
    ("作出决定6,842宗；按执法领域分，市场监管2,915宗，城管1,846宗；落实包容审慎监管；组织评查，抽评案卷320宗。", "320宗", None),
    ("审结1,153件。从审结结果看，调解结案的317件；作出决定的836件，其中维持503件。", "503件", "836件"),
    # 败诉案件中: the phrase's modifier names the part it splits
    ("法院审结548件，其中行政机关败诉39件。败诉案件中，因程序违法败诉的21件，因事实不清败诉的11件。", "21件", "39件"),
    # the total inside the 'X中，' phrase that opens its parts
    ("在结案的230件信访事项中，涉土地征收的61件，涉劳动报酬的47件。", "47件", "230件"),
    ("全年审结的1,420件民事案件中：调解结案512件；判决结案608件。", "608件", "1,420件"),
    ("在结案的30件信访事项中，涉土地征收的61件。", "61件", None),  # a part larger than the total
    # a sentence opening with a dimension (从案件类型看/按…分) splits the previous sentence's total
    ("全年办理案件120件。从案件类型看，刑事案件50件，民事案件70件。", "50件", "120件"),
    ("全年办理案件120件。按审理结果分，维持30件，撤销10件。", "10件", "120件"),
    ("全年办理案件120件。从全年来看，结案率95%，调解100件。", "100件", None),
    # 的 standing for the total's noun: 评为优秀的186卷 = 评为优秀的案卷
    ("共抽查案卷1,200卷，评为优秀的186卷，不合格的23卷。", "23卷", "1,200卷"),
    ("共抽查案卷1,200卷，新增的186卷。", "186卷", None),
    ("共抽查案卷100卷，评为优秀的86卷，不合格的23卷。", "23卷", None),  # parts exceed the total
    # the complement in parentheses is a sibling: both go to the total they add up to
    ("收到复议申请71件，受理64件(不予受理7件)，审结60件。", "7件", "71件"),
    ("收到复议申请71件，受理64件(不予受理7件)，审结60件。", "64件", "71件"),
    ("受理64件(其中不动产登记7件)。", "7件", "64件"),
    # 审结的案件中：… ；… a colon list after the named total runs across semicolons
    ("审结60件。审结的案件中：维持38件；驳回9件；终止5件。", "5件", "60件"),
    ("审结60件。办理中：维持38件；驳回9件。", "9件", None),  # names no total
    # findings of an inspection are its part, and the total of the follow-up
    ("抽查市场主体2.4万户，发现问题1,180户。", "1,180户", "2.4万户"),
    ("备案审查规范性文件88件，发现问题文件6件。", "6件", "88件"),
    ("检查企业50家，发现问题12个，已整改10个。", "12个", None),
    ("检查企业50家，发现问题12个，已整改10个。", "10个", "12个"),
    # outcomes of a review of rules are parts of what was reviewed (拟 included); never of a 制定 total
    ("共清理规范性文件1,208件，拟废止112件、拟修改57件。", "112件", "1,208件"),
    ("清理规章102部、规范性文件1,954件，修改规章7部，废止规章3部。", "3部", "102部"),
    ("制定政府规章12部，修改1部，废止1部。", "1部", None),
    ("清理规章5部，修改规章7部。", "7部", None),  # parts would exceed the total
    # a sum word and a short verb before the total (共需办理), parts summing to it exactly
    ("新收复议案件612件，加上上年结转的38件，共需办理650件。", "38件", "650件"),
    ("新收复议案件612件，加上上年结转的38件，共需办理660件。", "38件", None),
    # an outcome named anywhere in a 的-phrase standing for the total's noun
    ("审结复议案件3,106件，通过调解和解方式结案的1,027件。", "1,027件", "3,106件"),
    ("审结复议案件3,106件，当年新收的1,027件。", "1,027件", None),
    # exam and evaluation outcomes are parts of the candidates
    ("参考1,021人，合格1,009人，合格率98.8%。", "1,009人", "1,021人"),
    ("参考1,021人，培训1,009人。", "1,009人", None),
    # a sentence opening X中， names its total by shared words once 的 is gone
    ("立案查处各类违法案件3,675件，结案3,512件。查处的案件中，食品类1,208件，药品类436件。", "436件", "3,675件"),
    ("立案查处各类违法案件3,675件，结案3,512件。办理过程中，食品类1,208件，药品类436件。", "436件", None),
]

# Markdown pipes, a header rule, 其中 rows (as a reader or a user's text file may give them)
_PARTS_TABLE = (
    "| 指标 | 本年（件） |\n|---|---|\n| 收到申请 | 366 |\n| 其中：受理 | 311 |\n| 不予受理 | 55 |\n"
    "| 审结 | 148 |\n| 其中：维持 | 97 |\n| 撤销 | 12 |\n"
)
_TABLE = "单位：件\n领域 | 处罚 | 检查\n市场 | 284 | 912\n环境 | 61 | 340\n{label} | 345 | 1,252\n"


@pytest.mark.parametrize(
    "text,part,parent",
    [
        (_TABLE.format(label="合计"), "284", "345"),
        (_TABLE.format(label="合计"), "340", "1,252"),
        (_TABLE.format(label="总 计"), "61", "345"),
        (_TABLE.format(label="交通"), "284", None),  # an ordinary row is no total
        ("领域 | 处罚\n合计 | 90\n市场 | 50\n环境 | 40\n", "40", "90"),  # 合计 first: rows below
        ("指标 | 本年 | 上年\n复议 | 18 | 25\n诉讼 | 11 | 9\n合计 | 29 | 34\n", "25", "34"),
        ("审级 | 收案（件）\n市本级 | 268\n区县 | 197\n小计 | 465\n", "197", "465"),
        # 合计 after 小计 blocks: the 小计 rows are its parts, the plain rows the 小计's
        ("单位 | 件数\n甲区 | 10\n乙区 | 20\n城区小计 | 30\n丙县 | 40\n丁县 | 50\n县小计 | 90\n合计 | 120\n", "90", "120"),
        ("单位 | 件数\n甲区 | 10\n乙区 | 20\n城区小计 | 30\n丙县 | 40\n丁县 | 50\n县小计 | 90\n合计 | 120\n", "40", "90"),
        ("单位 | 件数\n甲区 | 10\n乙区 | 20\n城区小计 | 30\n丙县 | 40\n丁县 | 50\n县小计 | 90\n合计 | 120\n", "10", "30"),
        # cells of one row are different measures (办结 and 纠错), never parts of each other
        ("单位 | 办结（件） | 纠错（件）\n市本级 | 221 | 31\n合计 | 221 | 31\n", "31", "31"),
        # a 其中 row is a part of the row above; the rows after it too when they add up with it
        (_PARTS_TABLE, "311", "366"),
        (_PARTS_TABLE, "55", "366"),
        (_PARTS_TABLE, "148", None),
        (_PARTS_TABLE, "97", "148"),
        (_PARTS_TABLE, "12", None),  # 97 + 12 falls short of 148: only the 其中 row is sure
    ],
    ids=[
        "column1",
        "column2",
        "spaced-total",
        "no-total-row",
        "total-first",
        "prior-year-column",
        "subtotal",
        "total-of-subtotals",
        "row-under-second-subtotal",
        "row-under-first-subtotal",
        "row-is-no-sentence",
        "part-row",
        "sibling-adding-up",
        "row-after-parts",
        "part-row-partial",
        "sibling-not-adding-up",
    ],
)
def test_table_total_rows(text: str, part: str, parent: str | None) -> None:
    assert _parent_surface(text, part) == parent


@pytest.mark.parametrize("text,part,parent", CASES, ids=[f"{c[0][:16]}|{c[1]}" for c in CASES])
def test_parent_links(text: str, part: str, parent: str | None) -> None:
    assert _parent_surface(text, part) == parent


@pytest.mark.parametrize(
    "text,total,status",
    [
        ("审结29件，其中维持17件，撤销5件，确认违法3件，驳回2件，其他2件。", "29件", "exact"),
        ("刑事81件(指定辩护35件、认罪认罚44件)。", "81件", "partial"),
        ("出庭应诉案件1,146件，其中市政府部门421件，区县政府698件，乡镇63件。", "1,146件", "exceeds"),
        ("办理案件30件。", "30件", None),
    ],
)
def test_breakdown_status_is_recorded(text: str, total: str, status: str | None) -> None:
    s = at(text, total)
    assert s.breakdown_status == status
    if status == "exceeds":  # kept as written, not "fixed"
        assert s.value == 1146


def test_unit_inferred_from_sibling() -> None:
    text = "民事23(交通事故9件、物权纠纷6、合同纠纷4)。"
    s = at(text, "6")
    assert (s.unit, s.unit_inferred) == ("件", True)


_TABLE_THEN_PROSE = (
    "案件类别 | 数量（件）\n刑事案件 | 1,126\n民事案件 | 2,317\n合计 | 3,443\n\n"
    "在刑事案件中，适用认罪认罚的612件，通知辩护398件。民事案件中涉及农民工讨薪的有1,308件，追回欠薪2,186万元。"
    "在刑事案件中，未成年人案件41件；民事案件中，涉及婚姻家庭的77件。"
)


@pytest.mark.parametrize("part,parent", [("398件", "1,126"), ("1,308件", "2,317"), ("2,186万元", None), ("77件", "2,317")])
def test_sentences_after_a_table_name_its_rows(part: str, parent: str | None) -> None:
    assert _parent_surface(_TABLE_THEN_PROSE, part) == parent


def test_table_row_cells_are_not_parts_of_each_other() -> None:
    text = "单位 | 办结（件） | 纠错（件）\n市本级 | 221 | 31\n区县 | 392 | 48\n合计 | 613 | 79\n"
    stats = stats_of(text)
    by_surface = {s.surface: s for s in stats}
    assert by_surface["79"].parent_index is None  # 纠错 is an outcome word, yet a column of its own
    assert stats[by_surface["48"].parent_index].surface == "79"
