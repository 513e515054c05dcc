"""publish (DuckDB): one load's gated batch into the contract tables, all or nothing.

Write-audit-publish with an atomic swap: the warehouse file is copied beside itself, the load is
applied to the copy in one transaction and checkpointed, then the copy replaces the original with
os.replace. Readers (BI tools) holding the old file keep a consistent old view; new connections
see the new one; a crash at any moment leaves either the old or the new file, never a mix.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from fazhi.clean import CleanBatch
from fazhi.config import STORAGE_COMPATIBILITY
from fazhi.faults import checkpoint
from fazhi.model import FazhiError
from fazhi.warehouse.sql import ensure_schema, query_file, refresh_marts, run_file

PUBLISH_STEPS = (
    "publish/03_insert_dim_date.sql",
    "publish/04_insert_dim_report.sql",
    "publish/05_mark_current_versions.sql",
    "publish/06_insert_fact_statistic.sql",
)
CATALOG_HASH_KEY = "catalog_sha256"


class PublishError(FazhiError):
    """The load could not be published; the warehouse is exactly as it was."""


@dataclass
class LoadRecord:
    """Everything a load writes besides the batch: its inputs' outcomes, quarantine and findings."""

    load_id: str
    flow_run_id: str | None
    started_at: datetime
    documents: pl.DataFrame  # source_uri, content_sha256, report_key, outcome, reason
    quarantine: pl.DataFrame  # source_uri, content_sha256, stage, check_name, reason, details
    findings: pl.DataFrame  # gate findings (fazhi.gate.FINDING_SCHEMA)
    extractor_version: str

    def counts(self) -> dict[str, int]:
        """documents seen/published/skipped/quarantined and warnings, from the document ledger."""
        outcome = self.documents.get_column("outcome")
        return {
            "documents_seen": self.documents.height,
            "documents_published": int((outcome == "published").sum()),
            "documents_skipped": int(outcome.is_in(["unchanged", "duplicate"]).sum()),
            "documents_quarantined": int((outcome == "quarantined").sum()),
            "warnings": int((self.findings.get_column("severity") == "warning").sum()) if self.findings.height else 0,
        }


def connect(path: Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open a warehouse file; a new file is written so DuckDB 1.4+ clients can read it."""
    try:
        if read_only:
            return duckdb.connect(str(path), read_only=True)
        return duckdb.connect(str(path), config={"storage_compatibility_version": STORAGE_COMPATIBILITY})
    except duckdb.Error as exc:
        raise FazhiError(f"cannot open warehouse {path}: {exc}. Is it a DuckDB file? Give another --warehouse path.") from None


@contextmanager
def _staged_copy(warehouse: Path) -> Iterator[Path]:
    """A private copy of the warehouse to write to; it replaces the original only if the block succeeds."""
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    scratch = warehouse.with_name(f".{warehouse.name}.next-{os.getpid()}")
    for leftover in warehouse.parent.glob(f".{warehouse.name}.next-*"):  # a killed load's copy (we hold the lock)
        leftover.unlink(missing_ok=True)
    if warehouse.exists():
        shutil.copyfile(warehouse, scratch)
    checkpoint("publish:copied")
    try:
        yield scratch
        checkpoint("publish:committed")
        os.replace(scratch, warehouse)
        checkpoint("publish:swapped")
    finally:
        for leftover in (scratch, scratch.with_name(scratch.name + ".wal")):
            leftover.unlink(missing_ok=True)


def _register(con: duckdb.DuckDBPyConnection, frames: dict[str, pl.DataFrame]) -> None:
    for name, frame in frames.items():
        con.register(name, frame.to_arrow())


def publish(
    warehouse: Path,
    batch: CleanBatch,
    load: LoadRecord,
    catalog_sha256: str,
    relabel: Callable[[pl.DataFrame], pl.DataFrame],
) -> dict[str, Any]:
    """Publish the passing batch and the load's records in one transaction; returns the audit row."""
    finished = datetime.now()
    counts = load.counts()
    audit: dict[str, Any] = {
        "load_id": load.load_id,
        "flow_run_id": load.flow_run_id,
        "started_at": load.started_at,
        "finished_at": finished,
        "status": "completed_with_quarantine" if counts["documents_quarantined"] else "completed",
        **counts,
        "facts_published": batch.facts.height,
        "extractor_version": load.extractor_version,
    }
    with _staged_copy(warehouse) as scratch:
        con = connect(scratch)
        try:
            rebuild_marts = ensure_schema(con)
            _register(
                con,
                {
                    "stg_region": batch.regions,
                    "stg_metric": batch.metrics,
                    "stg_date": batch.dates,
                    "stg_report": batch.reports,
                    "stg_fact": batch.facts,
                    "stg_quarantine": load.quarantine,
                    "stg_finding": load.findings,
                    "stg_document": load.documents,
                },
            )
            con.execute("BEGIN TRANSACTION")
            try:
                _apply(con, batch, load, audit, catalog_sha256, relabel, rebuild_marts)
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
            con.execute("CHECKPOINT")
        except duckdb.Error as exc:
            raise PublishError(
                f"publishing load {load.load_id} into {warehouse} failed: {exc}; the warehouse is unchanged"
            ) from exc
        finally:
            con.close()
    return audit


def _apply(
    con: duckdb.DuckDBPyConnection,
    batch: CleanBatch,
    load: LoadRecord,
    audit: dict[str, Any],
    catalog_sha256: str,
    relabel: Callable[[pl.DataFrame], pl.DataFrame],
    rebuild_marts: bool,
) -> None:
    """The statements of one load, inside the caller's transaction."""
    params = {"load_id": load.load_id, "loaded_at": audit["finished_at"], "quarantined_at": audit["finished_at"]}
    previous = next(iter(query_file(con, "state/get_meta.sql", {"key": CATALOG_HASH_KEY}).fetchall()), None)
    if batch.regions.height:
        run_file(con, "publish/01_replace_dim_region.sql")
    catalog_changed = previous is None or previous[0] != catalog_sha256
    if catalog_changed:
        run_file(con, "publish/02_replace_dim_metric.sql")
    for step in PUBLISH_STEPS:
        run_file(con, step, params)
    checkpoint("publish:in_transaction")
    if catalog_changed:
        facts = query_file(con, "state/facts_for_mapping.sql").pl()
        _register(con, {"stg_label_map": relabel(facts).select("statistic_key", "metric_key", "unit_in_family")})
        run_file(con, "publish/07_remap_metrics.sql")
        run_file(con, "publish/12_set_meta.sql", {"key": CATALOG_HASH_KEY, "value": catalog_sha256})
    refresh_marts(con, load.load_id, full=rebuild_marts or catalog_changed)
    for step in ("publish/08_insert_quarantine.sql", "publish/09_insert_gate_result.sql", "publish/10_insert_load_document.sql"):
        run_file(con, step, params)
    run_file(con, "publish/11_insert_load_audit.sql", audit)


def record_failed_load(warehouse: Path, load: LoadRecord, error: str) -> None:
    """Write the load_audit row (status failed) and ledger of a load that could not publish; data untouched."""
    counts = load.counts()
    audit: dict[str, Any] = {
        "load_id": load.load_id,
        "flow_run_id": load.flow_run_id,
        "started_at": load.started_at,
        "finished_at": datetime.now(),
        "status": "failed",
        **counts,
        "facts_published": 0,
        "extractor_version": load.extractor_version,
    }
    failure = pl.DataFrame(
        [
            {
                "source_uri": "(load)",
                "content_sha256": None,
                "stage": "publish",
                "check_name": "load_failed",
                "reason": error,
                "details": None,
            }
        ],
        schema=load.quarantine.schema,
    )
    with _staged_copy(warehouse) as scratch:
        con = connect(scratch)
        try:
            ensure_schema(con)
            _register(con, {"stg_quarantine": pl.concat([load.quarantine, failure]), "stg_document": load.documents})
            con.execute("BEGIN TRANSACTION")
            try:
                params = {"load_id": load.load_id, "quarantined_at": audit["finished_at"]}
                run_file(con, "publish/08_insert_quarantine.sql", params)
                run_file(con, "publish/10_insert_load_document.sql", params)
                run_file(con, "publish/11_insert_load_audit.sql", audit)
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
            con.execute("CHECKPOINT")
        finally:
            con.close()
