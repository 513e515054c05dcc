"""clean: base units, deduplication of a statistic stated twice, stable keys, metric mapping kept."""

from __future__ import annotations

import pytest

from fazhi.clean import FACT_SCHEMA, REPORT_SCHEMA, clean
from fazhi.keys import UNRESOLVED_REGION_KEY
from fazhi.metrics import UNCLASSIFIED, MetricCatalog
from fazhi.regions import RegionIndex
from tests.factories import report, statistic

BODY = "全年罚没款3.5亿元,共办理法律援助案件1.2万件。前述法律援助案件1.2万件中,刑事案件3000件。另有不知所云指标7个。"


@pytest.fixture(scope="module")
def catalogs() -> tuple[RegionIndex, MetricCatalog]:
    return RegionIndex.load(), MetricCatalog.load()


def _stats() -> list:  # type: ignore[type-arg]
    return [
        statistic(BODY, "3.5亿元", 3.5, "亿元", 0, kind="amount", raw_label="罚没款"),
        statistic(BODY, "1.2万件", 1.2, "万件", 1, raw_label="法律援助案件"),
        statistic(BODY, "1.2万件", 1.2, "万件", 2, occurrence=1, raw_label="法律援助案件"),
        statistic(BODY, "3000件", 3000, "件", 3, raw_label="刑事案件", parent_index=2),
        statistic(BODY, "7个", 7, "个", 4, raw_label="不知所云指标"),
    ]


def test_schemas_are_declared(catalogs) -> None:  # type: ignore[no-untyped-def]
    batch = clean([report(BODY, _stats())], *catalogs)
    assert dict(batch.facts.schema) == FACT_SCHEMA
    assert dict(batch.reports.schema) == REPORT_SCHEMA


def test_values_are_in_base_units(catalogs) -> None:  # type: ignore[no-untyped-def]
    facts = clean([report(BODY, _stats())], *catalogs).facts
    by_surface = {r["surface"]: r for r in facts.to_dicts()}
    assert (by_surface["3.5亿元"]["value"], by_surface["3.5亿元"]["unit"]) == (350_000_000, "元")
    assert (by_surface["1.2万件"]["value"], by_surface["1.2万件"]["unit"]) == (12_000, "件")


def test_a_statistic_stated_twice_is_kept_once_with_both_spans(catalogs) -> None:  # type: ignore[no-untyped-def]
    facts = clean([report(BODY, _stats())], *catalogs).facts
    repeated = facts.filter(facts["surface"] == "1.2万件").to_dicts()
    assert len(repeated) == 1
    second = BODY.index("1.2万件", BODY.index("1.2万件") + 1)
    assert repeated[0]["also_at"] == f"{second}-{second + 5}"
    part = facts.filter(facts["surface"] == "3000件").to_dicts()[0]
    assert part["parent_statistic_key"] == repeated[0]["statistic_key"]  # re-pointed to the kept mention


def test_keys_are_stable_across_runs(catalogs) -> None:  # type: ignore[no-untyped-def]
    first = clean([report(BODY, _stats())], *catalogs)
    second = clean([report(BODY, _stats())], *catalogs)
    assert first.facts.get_column("statistic_key").to_list() == second.facts.get_column("statistic_key").to_list()
    assert first.reports.get_column("report_key").to_list() == second.reports.get_column("report_key").to_list()


def test_unmapped_labels_are_kept_as_unclassified(catalogs) -> None:  # type: ignore[no-untyped-def]
    facts = clean([report(BODY, _stats())], *catalogs).facts
    odd = facts.filter(facts["raw_label"] == "不知所云指标").to_dicts()
    assert len(odd) == 1 and odd[0]["metric_code"] == UNCLASSIFIED


def test_an_unresolvable_region_is_kept_with_a_reason(catalogs) -> None:  # type: ignore[no-untyped-def]
    batch = clean(
        [report(BODY, _stats(), title="关于本单位2023年法治建设情况的报告", publisher=None, region_hint=None)], *catalogs
    )
    row = batch.reports.to_dicts()[0]
    assert row["region_key"] == UNRESOLVED_REGION_KEY
    assert row["region_unresolved_reason"]
