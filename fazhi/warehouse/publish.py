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
from contextlib import ExitStack, contextmanager
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
from fazhi.reextract import PublishedVersion
from fazhi.warehouse.sql import ensure_schema, query_file, refresh_marts, run_file

PUBLISH_STEPS = (
    "publish/03_insert_dim_date.sql",
    "publish/04_insert_dim_report.sql",
    "publish/04b_reextract_versions.sql",
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
    documents: pl.DataFrame  # source_uri, content_sha256, report_key, outcome, reason, reextracted
    quarantine: pl.DataFrame  # source_uri, content_sha256, stage, check_name, reason, details
    findings: pl.DataFrame  # gate findings (fazhi.gate.FINDING_SCHEMA)
    extractor_version: str

    def counts(self) -> dict[str, int]:
        """documents seen/published (of which re-extracted)/skipped/quarantined and warnings, from the document ledger."""
        outcome = self.documents.get_column("outcome")
        reextracted = self.documents.get_column("reextracted").fill_null(False)
        return {
            "documents_seen": self.documents.height,
            "documents_published": int((outcome == "published").sum()),
            "documents_reextracted": int(((outcome == "published") & reextracted).sum()),
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


class Publisher:
    """One load's writes: a private copy of the warehouse, one transaction per batch, swapped in at the end.

    Batches bound a load's memory (the flow publishes every FAZHI_BATCH_SIZE documents); the copy
    keeps the load all-or-nothing: if anything fails before finish(), the copy is discarded and the
    published warehouse is exactly as it was.
    """

    def __init__(self, warehouse: Path, catalog_sha256: str, relabel: Callable[[pl.DataFrame], pl.DataFrame]) -> None:
        self.warehouse, self.catalog_sha256, self.relabel = warehouse, catalog_sha256, relabel
        self._stack = ExitStack()
        self.con: duckdb.DuckDBPyConnection | None = None
        self.facts_published = 0
        self._rebuild_marts = False

    def __enter__(self) -> Publisher:
        scratch = self._stack.enter_context(_staged_copy(self.warehouse))
        self.con = connect(scratch)
        self._stack.callback(self.con.close)
        self._rebuild_marts = self._guard(lambda: ensure_schema(self._db))
        return self

    def __exit__(self, kind: Any, error: Any, trace: Any) -> None:
        self._stack.__exit__(kind, error, trace)

    @property
    def _db(self) -> duckdb.DuckDBPyConnection:
        if self.con is None:
            raise RuntimeError("Publisher used outside its with-block")
        return self.con

    def _guard(self, work: Callable[[], Any]) -> Any:
        try:
            return work()
        except duckdb.Error as exc:
            raise PublishError(f"publishing into {self.warehouse} failed: {exc}; the warehouse is unchanged") from exc

    def _transaction(self, work: Callable[[], Any]) -> Any:
        def run() -> Any:
            self._db.execute("BEGIN TRANSACTION")
            try:
                result = work()
                self._db.execute("COMMIT")  # after a failed statement DuckDB's COMMIT rolls back silently:
            except BaseException:  # so every error is caught here, rolled back and raised
                self._db.execute("ROLLBACK")
                raise
            return result

        return self._guard(run)

    def published_versions(self) -> dict[str, PublishedVersion]:
        """content_sha256 → source and extractor version of every report version published (at the load's start)."""
        rows = self._guard(lambda: query_file(self._db, "state/published_hashes.sql").fetchall())
        return {sha: PublishedVersion(uri, version) for sha, uri, version in rows}

    def published_documents(self, hashes: list[str]) -> dict[str, dict[str, Any]]:
        """content_sha256 → stored text and metadata of these published versions (to re-extract them)."""
        rel = self._guard(lambda: query_file(self._db, "state/published_documents.sql", {"hashes": hashes}))
        return {row["content_sha256"]: row for row in self._guard(lambda: rel.pl().to_dicts())}

    def yoy_history(self) -> pl.DataFrame:
        """Current published values for the year-over-year gate, this load's earlier batches included."""
        return self._guard(lambda: query_file(self._db, "state/history_for_yoy.sql").pl())

    def add(self, batch: CleanBatch, load_id: str, loaded_at: datetime) -> None:
        """Publish one gated batch's reports and facts in one transaction."""
        if batch.reports.height == 0:
            return
        _register(self._db, {"stg_date": batch.dates, "stg_report": batch.reports, "stg_fact": batch.facts})
        params = {"load_id": load_id, "loaded_at": loaded_at}

        def work() -> None:
            for step in PUBLISH_STEPS:
                run_file(self._db, step, params)
            checkpoint("publish:in_transaction")

        self._transaction(work)
        self.facts_published += batch.facts.height

    def finish(self, load: LoadRecord, regions: pl.DataFrame, metrics: pl.DataFrame) -> dict[str, Any]:
        """Reference data, curation remap, marts, the load's ledger and audit row; then checkpoint."""
        status = "completed_with_quarantine" if load.counts()["documents_quarantined"] else "completed"
        audit = _audit(load, status, self.facts_published)
        _register(
            self._db,
            {
                "stg_region": regions,
                "stg_metric": metrics,
                "stg_quarantine": load.quarantine,
                "stg_finding": load.findings,
                "stg_document": load.documents,
            },
        )
        self._transaction(lambda: self._finish(load, audit, regions.height > 0))
        self._guard(lambda: self._db.execute("CHECKPOINT"))
        return audit

    def _finish(self, load: LoadRecord, audit: dict[str, Any], has_regions: bool) -> None:
        con = self._db
        params = {"load_id": load.load_id, "quarantined_at": audit["finished_at"]}
        previous = next(iter(query_file(con, "state/get_meta.sql", {"key": CATALOG_HASH_KEY}).fetchall()), None)
        if has_regions:
            run_file(con, "publish/01_replace_dim_region.sql")
        catalog_changed = previous is None or previous[0] != self.catalog_sha256
        if catalog_changed:
            run_file(con, "publish/02_replace_dim_metric.sql")
            facts = query_file(con, "state/facts_for_mapping.sql").pl()
            _register(con, {"stg_label_map": self.relabel(facts).select("statistic_key", "metric_key", "unit_in_family")})
            run_file(con, "publish/07_remap_metrics.sql")
            run_file(con, "publish/12_set_meta.sql", {"key": CATALOG_HASH_KEY, "value": self.catalog_sha256})
        refresh_marts(con, load.load_id, full=self._rebuild_marts or catalog_changed)
        run_file(con, "publish/09_insert_gate_result.sql", params)
        _write_ledger(con, load, audit)

    def record_failure(self, load: LoadRecord, error: str) -> None:
        """Only the ledger and a 'failed' audit row (no data) for a load that could not publish; then checkpoint."""
        audit = _audit(load, "failed", 0)
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
        _register(self._db, {"stg_quarantine": pl.concat([load.quarantine, failure]), "stg_document": load.documents})
        self._transaction(lambda: _write_ledger(self._db, load, audit))
        self._guard(lambda: self._db.execute("CHECKPOINT"))


def _audit(load: LoadRecord, status: str, facts_published: int) -> dict[str, Any]:
    """The load_audit row of a load, finished now."""
    return {
        "load_id": load.load_id,
        "flow_run_id": load.flow_run_id,
        "started_at": load.started_at,
        "finished_at": datetime.now(),
        "status": status,
        **load.counts(),
        "facts_published": facts_published,
        "extractor_version": load.extractor_version,
    }


def _write_ledger(con: duckdb.DuckDBPyConnection, load: LoadRecord, audit: dict[str, Any]) -> None:
    """quarantine and load_document rows (staged as stg_quarantine, stg_document), then the audit row last."""
    params = {"load_id": load.load_id, "quarantined_at": audit["finished_at"]}
    run_file(con, "publish/08_insert_quarantine.sql", params)
    run_file(con, "publish/10_insert_load_document.sql", params)
    run_file(con, "publish/11_insert_load_audit.sql", audit)


def publish(
    warehouse: Path,
    batch: CleanBatch,
    load: LoadRecord,
    catalog_sha256: str,
    relabel: Callable[[pl.DataFrame], pl.DataFrame],
) -> dict[str, Any]:
    """Publish one batch and the load's records (a load of a single batch); returns the audit row."""
    with Publisher(warehouse, catalog_sha256, relabel) as publisher:
        publisher.add(batch, load.load_id, datetime.now())
        return publisher.finish(load, batch.regions, batch.metrics)


def record_failed_load(warehouse: Path, load: LoadRecord, error: str) -> None:
    """Write the load_audit row (status failed) and ledger of a load that could not publish; data untouched."""
    with Publisher(warehouse, catalog_sha256="", relabel=lambda facts: facts) as publisher:
        publisher.record_failure(load, error)
