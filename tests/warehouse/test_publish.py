"""Write-audit-publish: all or nothing, idempotent, every version kept, contract tables documented."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from fazhi import pipeline
from fazhi.clean import clean
from fazhi.config import Settings
from fazhi.gate import gate
from fazhi.ledger import Ledger
from fazhi.warehouse import publish as publish_module
from fazhi.warehouse.lock import WarehouseBusy, load_lock
from fazhi.warehouse.publish import PublishError
from fazhi.warehouse.state import published_hashes
from tests.conftest import PROJECT_ROOT
from tests.factories import BODY, default_statistics, report, statistic

CONTRACT = {
    "dim_region": [
        "region_key",
        "region_code",
        "region_name",
        "region_level",
        "province_name",
        "prefecture_name",
        "county_name",
        "parent_region_code",
    ],
    "dim_date": ["date_key", "full_date", "year", "quarter", "month", "day"],
    "dim_metric": ["metric_key", "metric_code", "name_zh", "name_en", "category", "unit", "is_additive"],
    "dim_report": [
        "report_key",
        "title",
        "region_key",
        "report_year",
        "published_date_key",
        "signed_date_key",
        "publisher",
        "source_uri",
        "content_sha256",
        "body_text",
        "loaded_at",
    ],
    "fact_statistic": [
        "statistic_key",
        "report_key",
        "region_key",
        "metric_key",
        "period_year",
        "value",
        "value_max",
        "unit",
        "kind",
        "is_approximate",
        "is_target",
        "parent_statistic_key",
        "raw_label",
        "surface",
        "sentence",
        "char_start",
        "char_end",
        "section_path",
        "extractor_version",
        "load_id",
    ],
    "load_audit": [
        "load_id",
        "flow_run_id",
        "started_at",
        "finished_at",
        "status",
        "documents_seen",
        "documents_published",
        "documents_skipped",
        "documents_quarantined",
        "facts_published",
        "warnings",
    ],
    "quarantine": ["load_id", "source_uri", "content_sha256", "stage", "check_name", "reason", "details", "quarantined_at"],
}
PUBLISHED_TABLES = ["dim_region", "dim_date", "dim_metric", "dim_report", "fact_statistic"]


@pytest.fixture(scope="module")
def catalogs() -> pipeline.Catalogs:
    return pipeline.Catalogs.load()


def _load(warehouse: Path, catalogs: pipeline.Catalogs, *reports) -> pipeline.RunSummary:  # type: ignore[no-untyped-def]
    """One load of in-memory reports through clean → gate → publish, as the flow does it."""
    ledger = Ledger()
    known = published_hashes(warehouse)
    fresh = [r for r in reports if r.document.content_sha256 not in known]
    for r in reports:
        if r.document.content_sha256 in known:
            ledger.skip(r.document.source_uri, r.document.content_sha256, "unchanged", "same content")
    batch = clean(fresh, catalogs.regions, catalogs.metrics)
    outcome = gate(batch)
    pipeline.settle(outcome, batch, ledger)
    return pipeline.publish_load(Settings(warehouse=warehouse), outcome, ledger, catalogs, pipeline.new_load_id(), datetime.now())


def _checksums(warehouse: Path) -> dict[str, str]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        out = {}
        for table in PUBLISHED_TABLES:
            rows = con.sql(
                f"SELECT * EXCLUDE (loaded_at) FROM {table}" if table == "dim_report" else f"SELECT * FROM {table}"
            ).fetchall()
            out[table] = hashlib.sha256(repr(sorted(rows, key=repr)).encode()).hexdigest()
        return out


def test_contract_tables_and_comments(warehouse: Path, catalogs: pipeline.Catalogs) -> None:
    _load(warehouse, catalogs, report())
    with duckdb.connect(str(warehouse), read_only=True) as con:
        for table, columns in CONTRACT.items():
            present = [
                r[0]
                for r in con.sql("SELECT column_name FROM duckdb_columns() WHERE table_name = $t", params={"t": table}).fetchall()
            ]
            assert set(columns) <= set(present), table
            uncommented = con.sql(
                "SELECT column_name FROM duckdb_columns() WHERE table_name = $t AND comment IS NULL", params={"t": table}
            ).fetchall()
            assert uncommented == [], table
            assert con.sql("SELECT comment FROM duckdb_tables() WHERE table_name = $t", params={"t": table}).fetchall()[0][0]


def test_published_facts_are_grounded_and_linked(warehouse: Path, catalogs: pipeline.Catalogs) -> None:
    _load(warehouse, catalogs, report())
    with duckdb.connect(str(warehouse), read_only=True) as con:
        bad = con.sql(
            """SELECT count(*) FROM fact_statistic f JOIN dim_report r USING (report_key)
               WHERE substr(r.body_text, f.char_start + 1, f.char_end - f.char_start) <> f.surface"""
        ).fetchall()[0][0]
        parents = con.sql(
            """SELECT c.surface, p.surface FROM fact_statistic c JOIN fact_statistic p
               ON c.parent_statistic_key = p.statistic_key ORDER BY c.char_start"""
        ).fetchall()
        orphans = con.sql(
            """SELECT count(*) FROM fact_statistic f
               WHERE f.metric_key NOT IN (SELECT metric_key FROM dim_metric)
                  OR f.region_key NOT IN (SELECT region_key FROM dim_region)"""
        ).fetchall()[0][0]
    assert bad == 0
    assert parents == [("18件", "42件"), ("9件", "42件")]
    assert orphans == 0


def test_loading_twice_changes_nothing(warehouse: Path, catalogs: pipeline.Catalogs) -> None:
    _load(warehouse, catalogs, report())
    before = _checksums(warehouse)
    second = _load(warehouse, catalogs, report())
    assert second.audit["documents_skipped"] == 1 and second.audit["facts_published"] == 0
    assert _checksums(warehouse) == before


def test_blocking_failure_leaves_published_tables_unchanged(warehouse: Path, catalogs: pipeline.Catalogs) -> None:
    _load(warehouse, catalogs, report())
    before = _checksums(warehouse)
    body = BODY + "补充说明。"
    stats = default_statistics(body)
    stats[3] = replace(stats[3], value=-5.0)
    summary = _load(warehouse, catalogs, report(body, stats, uri="mem://bad.txt"))
    assert summary.audit["documents_quarantined"] == 1
    assert _checksums(warehouse) == before
    with duckdb.connect(str(warehouse), read_only=True) as con:
        held = con.sql("SELECT source_uri, stage, check_name FROM quarantine").fetchall()
        status = con.sql("SELECT status FROM load_audit ORDER BY started_at DESC LIMIT 1").fetchall()[0][0]
    assert held == [("mem://bad.txt", "gate", "counts_and_amounts_nonnegative")]
    assert status == "completed_with_quarantine"


def test_a_changed_report_is_a_new_version_and_the_old_one_is_kept(warehouse: Path, catalogs: pipeline.Catalogs) -> None:
    _load(warehouse, catalogs, report())
    body = BODY.replace("210件", "212件")  # same length: the spans of BODY still hold
    stats = default_statistics(BODY)
    stats[3] = replace(stats[3], value=212.0, surface="212件")
    _load(warehouse, catalogs, report(body, stats))
    with duckdb.connect(str(warehouse), read_only=True) as con:
        versions = con.sql("SELECT version, is_current FROM dim_report ORDER BY version").fetchall()
        current_value = con.sql(
            "SELECT f.value FROM fact_statistic f JOIN dim_report r USING (report_key) "
            "WHERE r.is_current AND f.raw_label = '法律援助案件'"
        ).fetchall()
        marts = con.sql(
            "SELECT DISTINCT m.report_key, r.version FROM v_metric_value m JOIN dim_report r USING (report_key)"
        ).fetchall()
    assert versions == [(1, False), (2, True)]
    assert current_value == [(212.0,)]
    assert [v for _, v in marts] == [2]  # the materialised mart dropped the superseded version's rows


def test_an_error_during_publish_leaves_the_file_untouched(
    warehouse: Path, catalogs: pipeline.Catalogs, monkeypatch: pytest.MonkeyPatch
) -> None:
    _load(warehouse, catalogs, report())
    before_bytes = warehouse.read_bytes()
    real_run_file = publish_module.run_file

    def failing(con, path, params=None):  # type: ignore[no-untyped-def]
        if path.endswith("06_insert_fact_statistic.sql"):
            raise duckdb.IOException("disk full (simulated)")
        return real_run_file(con, path, params)

    monkeypatch.setattr(publish_module, "run_file", failing)
    body = BODY + "再补充。"
    with pytest.raises(PublishError, match="warehouse is unchanged"):
        _load(warehouse, catalogs, report(body, default_statistics(body), uri="mem://other.txt"))
    assert warehouse.read_bytes() == before_bytes
    assert not list(warehouse.parent.glob(".*next*"))


def test_a_second_load_waits_then_fails_clearly(warehouse: Path) -> None:
    with (
        load_lock(warehouse),
        pytest.raises(WarehouseBusy, match="another fazhi load"),
        load_lock(warehouse, wait_seconds=0.5),
    ):
        pass


def test_curation_loop_remaps_published_facts_without_reextracting(
    warehouse: Path, catalogs: pipeline.Catalogs, tmp_path: Path
) -> None:
    from fazhi.metrics import MetricCatalog

    body = BODY + "开展无人机飞行45架次。"
    stats = [*default_statistics(body), statistic(body, "45架次", 45, "次", 7, raw_label="开展无人机飞行")]
    _load(warehouse, catalogs, report(body, stats))
    query = """SELECT m.metric_code FROM fact_statistic f JOIN dim_metric m USING (metric_key)
               WHERE f.raw_label = '开展无人机飞行'"""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.sql(query).fetchall() == [("unclassified",)]
        assert con.sql("SELECT raw_label FROM v_unmapped_labels").fetchall().count(("开展无人机飞行",)) == 1
    # an analyst adds a metric with that synonym to the catalog CSV and reruns
    extended = tmp_path / "metric_catalog.csv"
    original = (PROJECT_ROOT / "seeds" / "metric_catalog.csv").read_text(encoding="utf-8")
    extended.write_text(
        original + "drone_patrol_flights,无人机飞行架次,Drone flights,enforcement,次,session,yes,,,无人机飞行,,\n",
        encoding="utf-8",
    )
    curated = pipeline.Catalogs(catalogs.regions, MetricCatalog.load(extended), hashlib.sha256(extended.read_bytes()).hexdigest())
    second = _load(warehouse, curated, report(body, stats))
    assert second.audit["documents_skipped"] == 1  # nothing re-extracted
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.sql(query).fetchall() == [("drone_patrol_flights",)]
