"""Gates end to end through publish: for each blocking check a violating batch leaves the published
tables unchanged and writes the right quarantine row; warnings publish and are recorded."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import duckdb
import pytest

from fazhi import pipeline
from tests.factories import BODY, default_statistics, report
from tests.gate.test_gate import BLOCKING_CASES
from tests.warehouse.test_publish import _checksums, _load


@pytest.fixture(scope="module")
def catalogs() -> pipeline.Catalogs:
    return pipeline.Catalogs.load()


@pytest.fixture
def published(warehouse: Path, catalogs: pipeline.Catalogs) -> tuple[Path, dict[str, str]]:
    """A warehouse with one good report, and the checksums of its published tables."""
    _load(warehouse, catalogs, report(uri="mem://good.txt"))
    return warehouse, _checksums(warehouse)


def _variant(case: dict) -> dict:  # type: ignore[type-arg]
    """The blocking case on a body of its own (a new content hash), same spans."""
    return {"uri": "mem://bad.txt", "title": "关于平遥县2023年度法治政府建设情况的报告(修订)", **case}


@pytest.mark.parametrize("check", list(BLOCKING_CASES))
def test_blocking_check_leaves_published_tables_unchanged(published, catalogs, check: str) -> None:  # type: ignore[no-untyped-def]
    warehouse, before = published
    summary = _load(warehouse, catalogs, report(**_variant(BLOCKING_CASES[check])))
    assert summary.audit["documents_quarantined"] == 1
    assert summary.audit["facts_published"] == 0
    assert _checksums(warehouse) == before
    with duckdb.connect(str(warehouse), read_only=True) as con:
        held = con.sql(
            "SELECT source_uri, stage, check_name, reason FROM quarantine WHERE load_id = $l", params={"l": summary.load_id}
        ).fetchall()
        outcome = con.sql("SELECT outcome FROM load_document WHERE load_id = $l", params={"l": summary.load_id}).fetchall()
    assert ("mem://bad.txt", "gate", check) in [row[:3] for row in held]
    assert all(len(row[3]) > 20 for row in held)
    assert outcome == [("quarantined",)]


def test_a_batch_with_only_warnings_publishes_and_records_them(published, catalogs) -> None:  # type: ignore[no-untyped-def]
    warehouse, _ = published
    body = BODY + "另附说明。"
    stats = default_statistics(body)
    stats[2] = replace(stats[2], value=30.0)  # parts 18 + 30 exceed the total 42: a warning
    summary = _load(warehouse, catalogs, report(body, stats, uri="mem://warned.txt"))
    assert summary.audit["documents_published"] == 1 and summary.audit["warnings"] >= 1
    with duckdb.connect(str(warehouse), read_only=True) as con:
        warnings = con.sql(
            "SELECT check_name, severity, details FROM gate_result WHERE load_id = $l AND source_uri = 'mem://warned.txt'",
            params={"l": summary.load_id},
        ).fetchall()
        published_facts = con.sql(
            "SELECT count(*) FROM fact_statistic f JOIN dim_report r USING (report_key) WHERE r.source_uri = 'mem://warned.txt'"
        ).fetchall()[0][0]
    assert ("breakdown_parts_exceed_total", "warning") in [w[:2] for w in warnings]
    assert published_facts == 7


def test_a_mixed_batch_publishes_the_good_report_only(warehouse: Path, catalogs: pipeline.Catalogs) -> None:
    bad_body = BODY + "又及。"
    bad_stats = [replace(s, value=-1.0) if s.index == 3 else s for s in default_statistics(bad_body)]
    summary = _load(warehouse, catalogs, report(uri="mem://good.txt"), report(bad_body, bad_stats, uri="mem://bad.txt"))
    assert (summary.audit["documents_published"], summary.audit["documents_quarantined"]) == (1, 1)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        uris = con.sql("SELECT DISTINCT r.source_uri FROM fact_statistic f JOIN dim_report r USING (report_key)").fetchall()
        status = con.sql("SELECT status FROM load_audit").fetchall()
    assert uris == [("mem://good.txt",)]
    assert status == [("completed_with_quarantine",)]
