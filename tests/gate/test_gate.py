"""Each blocking check holds back the whole report; warnings publish; a mixed batch publishes the good."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from fazhi.clean import clean
from fazhi.gate import gate
from fazhi.metrics import MetricCatalog
from fazhi.regions import RegionIndex
from tests.factories import BODY, default_statistics, report, statistic


@pytest.fixture(scope="module")
def catalogs() -> tuple[RegionIndex, MetricCatalog]:
    return RegionIndex.load(), MetricCatalog.load()


def _gate(catalogs, *reports):  # type: ignore[no-untyped-def]
    return gate(clean(list(reports), *catalogs))


def _broken(index: int, **changes: object) -> list:  # type: ignore[type-arg]
    stats = default_statistics()
    stats[index] = replace(stats[index], **changes)
    return stats


def test_a_correct_report_passes(catalogs) -> None:  # type: ignore[no-untyped-def]
    outcome = _gate(catalogs, report())
    assert not outcome.blocked_report_keys
    assert outcome.passed.facts.height == 7
    assert outcome.findings_for("blocking").height == 0


BLOCKING_CASES = {
    "grounding_invariant": dict(stats=_broken(0, surface="43件")),
    "span_valid": dict(stats=_broken(0, char_start=len(BODY) + 5, char_end=len(BODY) + 8)),
    "counts_and_amounts_nonnegative": dict(stats=_broken(3, value=-210)),
    "kind_known": dict(stats=_broken(3, kind="ratio")),
    "unit_known": dict(stats=_broken(3, unit="斤斤")),
    "bounded_rate_at_most_100": dict(stats=_broken(4, value=120.0)),
    "range_bounds_ordered": dict(stats=_broken(5, kind="range", value_max=100.0)),
    "period_year_near_report_year": dict(stats=_broken(3, period_year=2011)),
    "parent_in_same_report": dict(stats=_broken(1, parent_index=99)),
    "report_year_plausible": dict(report_year=2003),
}


@pytest.mark.parametrize("check", list(BLOCKING_CASES))
def test_blocking_check_holds_back_the_whole_report(catalogs, check: str) -> None:  # type: ignore[no-untyped-def]
    outcome = _gate(catalogs, report(**BLOCKING_CASES[check]))
    blocking = outcome.findings_for("blocking")
    assert check in blocking.get_column("check_name").to_list()
    assert outcome.passed.reports.height == 0
    assert outcome.passed.facts.height == 0


def test_report_year_after_publication_is_blocking(catalogs) -> None:  # type: ignore[no-untyped-def]
    outcome = _gate(catalogs, report(report_year=2025, published_date=date(2024, 3, 20)))
    assert "report_year_plausible" in outcome.findings_for("blocking").get_column("check_name").to_list()


def test_completion_rate_may_exceed_100(catalogs) -> None:  # type: ignore[no-untyped-def]
    body = BODY + "法律咨询完成率132.8%。"
    stats = [*default_statistics(body), statistic(body, "132.8%", 132.8, "%", 7, raw_label="法律咨询完成率")]
    outcome = _gate(catalogs, report(body, stats))
    assert not outcome.blocked_report_keys


def test_parts_exceeding_their_total_only_warn_and_name_both_numbers(catalogs) -> None:  # type: ignore[no-untyped-def]
    stats = _broken(2, value=30.0)  # 18 + 30 > 42
    outcome = _gate(catalogs, report(stats=stats))
    assert not outcome.blocked_report_keys
    warning = outcome.findings_for("warning").filter(outcome.findings["check_name"] == "breakdown_parts_exceed_total")
    assert warning.height == 1
    details = warning.get_column("details")[0]
    assert '"value": 42.0' in details and '"parts_sum": 48.0' in details
    assert outcome.passed.facts.height == 7


def test_report_without_statistics_warns(catalogs) -> None:  # type: ignore[no-untyped-def]
    outcome = _gate(catalogs, report(stats=[]))
    assert not outcome.blocked_report_keys
    assert "report_has_statistics" in outcome.findings_for("warning").get_column("check_name").to_list()


def test_mixed_batch_publishes_only_the_good_reports(catalogs) -> None:  # type: ignore[no-untyped-def]
    good = report(uri="mem://good.txt")
    bad_body = BODY + "另有新增。"
    bad = report(
        bad_body, [replace(s, value=-1.0) if s.index == 3 else s for s in default_statistics(bad_body)], uri="mem://bad.txt"
    )
    outcome = _gate(catalogs, good, bad)
    assert outcome.passed.reports.get_column("source_uri").to_list() == ["mem://good.txt"]
    assert set(outcome.passed.facts.get_column("report_key").to_list()) == set(
        outcome.passed.reports.get_column("report_key").to_list()
    )
    blocked_uris = outcome.findings_for("blocking").get_column("source_uri").unique().to_list()
    assert blocked_uris == ["mem://bad.txt"]
