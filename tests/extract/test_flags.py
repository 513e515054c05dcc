"""Flags and periods: approximate, target (with its year), prior-year values, partial periods."""

from __future__ import annotations

import pytest

from tests.extract.helpers import at, stats_of

# (text, surface part, approximate, target, partial, period)
CASES = [
    ("累计清理证明事项121项，比上年同期多清理45项。", "45", False, False, False, 2021),
    ("培训人大代表共计160余人。", "160", True, False, False, 2021),
    ("覆盖群众2万余人次。", "2万", True, False, False, 2021),
    ("调解和解率约19.2%。", "19.2", True, False, False, 2021),
    ("参训干部近千人。", "千", True, False, False, 2021),
    ("开展宣传活动120多场次。", "120", True, False, False, 2021),
    ("覆盖群众超过3000人次。", "3000", True, False, False, 2021),
    ("成功率98%以上。", "98", True, False, False, 2021),
    ("参加人数300人左右。", "300", True, False, False, 2021),
    ("每年组织培训不少于2次。", "2次", True, False, False, 2021),
    ("受理案件30件。", "30", False, False, False, 2021),
    ("2022年计划招录公务员1人。", "1人", False, True, False, 2022),
    ("力争办结率达到100%。", "100", False, True, False, 2022),
    ("下一步，将培训执法人员500人次。", "500", False, True, False, 2022),
    ("到2025年，建成法治文化阵地50个。", "50", False, True, False, 2025),
    ("拟订规范性文件3件。", "3件", False, False, False, 2021),
    ("受理申请226件，比上年的198件增长14.1%。", "198", False, False, False, 2020),
    ("受理申请226件，比上年的198件增长14.1%。", "14.1", False, False, False, 2021),
    ("2020年为150件。", "150", False, False, False, 2020),
    ("截止12月20日，监管行为录入24799条。", "24799", False, False, True, 2021),
    ("今年以来，共办理案件58件。", "58", False, False, True, 2021),
    ("1-10月，受理投诉860件。", "860", False, False, True, 2021),
    ("2021年1—11月，共收到申请2,345件。", "2,345", False, False, True, 2021),
    ("共收到申请135件，比2020年（112件）增加23件。", "112", False, False, False, 2020),
    ("截至2021年底，共有律师120名。", "120", False, False, False, 2021),
    ("自2019年以来，累计办理案件300件。", "300", False, False, False, 2021),
    # 拟 + a cleanup outcome is this year's decision (a target flag, the report year)
    ("共清理规范性文件1,208件，拟废止112件、拟修改57件。", "57件", False, True, False, 2021),
    ("拟出台规范性文件3件。", "3件", False, True, False, 2022),  # any other 拟 is next year's plan
    ("制定抽查计划146项。", "146项", False, False, False, 2021),  # 计划 right before the number: a noun
    ("计划培训执法人员500人次。", "500人次", False, True, False, 2022),
    ("拟修改规章7部。2022年工作打算", "7部", False, True, False, 2021),
]


@pytest.mark.parametrize("text,part,approx,target,partial,period", CASES, ids=[f"{c[0]}|{c[1]}" for c in CASES])
def test_flags_and_period(text: str, part: str, approx: bool, target: bool, partial: bool, period: int) -> None:
    s = at(text, part)
    assert (s.is_approximate, s.is_target, s.is_partial_period, s.period_year) == (approx, target, partial, period)


def test_plan_section_numbers_are_targets_for_next_year() -> None:
    text = "一、主要成效\n办理案件30件。\n三、2022年工作计划\n组织培训6期。"
    s = at(text, "6期")
    assert s.is_target and s.period_year == 2022
    assert not at(text, "30件").is_target


def test_shang_is_approximate_only_before_chinese_numerals() -> None:
    """上千人 is 'about a thousand'; in 线上15期 the 上 ends the word 线上."""
    online = [s for s in stats_of("组织网上培训5期，线上考试15期。") if s.value == 15]
    assert online and online[0].surface == "15期" and not online[0].is_approximate
    about = stats_of("参训干部上千人。")
    assert about and about[0].is_approximate


def test_cutoff_year_is_no_period() -> None:
    """对2019年底前印发的文件进行清理: the year describes the documents, the count is this year's."""
    stats = stats_of("对2019年底前印发的文件进行清理，共清理文件1,230件。", 2021)
    assert [(s.surface, s.period_year) for s in stats] == [("1,230件", 2021)]


@pytest.mark.parametrize("text", ["败诉率控制在5%以内。", "平均工作人员不足3人。", "差错率降至0.2%以下。", "办理时间不超过3天。"])
def test_bounds_are_approximate(text: str) -> None:
    stats = stats_of(text)
    assert len(stats) == 1 and stats[0].is_approximate


def test_proposed_documents_are_no_plan() -> None:
    """拟发文件 are documents about to be issued, reviewed this year: no target."""
    s = stats_of("审查市政府拟发文件57件。", 2021)[0]
    assert (s.is_target, s.period_year) == (False, 2021)


_PROBLEMS_AND_PLANS = (
    "七、存在的问题和2022年工作打算\n"
    "一是基层执法力量不足，司法所平均工作人员仅2.5人；二是普法针对性不强。\n"
    "2022年，我县将力争培训执法人员500人次。\n"
)


def test_problems_before_the_plans_describe_the_report_year() -> None:
    """A heading naming problems and plans is a plan only from the paragraph opening the plans."""
    problem, plan = stats_of(_PROBLEMS_AND_PLANS, 2021)
    assert (problem.is_target, problem.period_year) == (False, 2021)
    assert (plan.is_target, plan.period_year) == (True, 2022)


def test_carried_over_cases_count_in_the_report_year() -> None:
    """审结1,153件(含2023年结转的41件): the year says where they came from, not their period."""
    stats = stats_of("全年审结1,153件(含2023年结转的41件)。", 2024)
    assert [(s.surface, s.period_year) for s in stats] == [("1,153件", 2024), ("41件", 2024)]
