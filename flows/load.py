"""The main flow: discover, then per batch read → extract → clean → gate → publish, then finish the load."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import polars as pl
from prefect import flow, task
from prefect.artifacts import create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run
from prefect.states import Completed, Failed, State

from fazhi import pipeline
from fazhi.config import DEFAULT_REPORTS_DIR, Settings
from fazhi.discover import discover, load_raw
from fazhi.faults import checkpoint
from fazhi.fetch import TransientFetchError
from fazhi.gate import prepare_in_background
from fazhi.ledger import Ledger
from fazhi.model import FazhiError, InputError, RawDocument, Source
from fazhi.warehouse.lock import WarehouseBusy, load_lock
from fazhi.warehouse.publish import Publisher
from flows.runners import task_runner_for


def _retry_only_transient(task: Any, task_run: Any, state: State) -> bool:
    """Retry a fetch only for failures worth retrying (timeouts, 5xx, 429)."""
    try:
        state.result()
    except TransientFetchError:
        return True
    except Exception:
        return False
    return False


# Tasks take whole batches; hashing them for a cache key or persisting them would cost more than
# the work (STACK_NOTES.md), and unchanged documents are skipped by content hash instead.
_BATCH = {"cache_policy": NO_CACHE, "persist_result": False}
discover_task = task(discover, name="discover", **_BATCH)
load_files_task = task(pipeline.load_files, name="load-files", **_BATCH)
fetch_task = task(
    load_raw, name="fetch", retries=3, retry_delay_seconds=[2, 5, 10], retry_condition_fn=_retry_only_transient, **_BATCH
)
read_extract_clean_task = task(pipeline.process_all, name="read-extract-clean", **_BATCH)
chunk_task = task(pipeline.process_chunk, name="read-extract-clean-chunk", **_BATCH)
gate_publish_task = task(pipeline.gate_and_publish, name="gate-publish", **_BATCH)
finish_task = task(pipeline.finish_load, name="finish-load", **_BATCH)


def _fetch_all(urls: Sequence[Source]) -> tuple[list[RawDocument], list[pipeline.Held]]:
    """Fetch URL sources (each its own task, for retries); a failure after retries holds the URL back."""
    raws: list[RawDocument] = []
    held: list[pipeline.Held] = []
    for source in urls:
        state = fetch_task(source, return_state=True)
        result = state.result(raise_on_failure=False)
        if isinstance(result, RawDocument):
            raws.append(result)
        elif isinstance(result, InputError):
            held.append(pipeline.Held(result))
        else:
            held.append(pipeline.Held(InputError(source.uri, "fetch", "fetch_failed", f"could not fetch: {result}")))
    return raws, held


def _artifact(summary: pipeline.RunSummary) -> None:
    """A table per input (published / warned / quarantined) on the flow run, for a person to check."""
    warned = summary.findings.filter(pl.col("severity") == "warning").group_by("report_key").len()
    warnings = dict(zip(warned.get_column("report_key").to_list(), warned.get_column("len").to_list(), strict=True))
    rows = [
        {
            "source": row["source_uri"],
            "outcome": "published with warnings"
            if row["outcome"] == "published" and warnings.get(row["report_key"])
            else row["outcome"],
            "warnings": warnings.get(row["report_key"], 0),
            "reason": row["reason"] or "",
        }
        for row in summary.documents.to_dicts()
    ]
    create_table_artifact(key="fazhi-load", table=rows, description=f"Load {summary.load_id} into {summary.warehouse}")


@flow(name="fazhi-load", persist_result=False)
def load_reports(sources: list[str] | None = None, warehouse: str | None = None) -> State:
    """Load report files, folders and URLs into the warehouse: Completed, CompletedWithQuarantine or Failed."""
    run_id = str(flow_run.get_id() or "")
    load: pipeline.Load | None = None
    try:
        settings = Settings.from_env(warehouse)
        catalogs = pipeline.Catalogs.load()
        with load_lock(settings.warehouse, settings.lock_wait_seconds):
            try:
                with Publisher(settings.warehouse, catalogs.metric_sha256, catalogs.relabel) as publisher:
                    load = pipeline.open_load(settings, publisher, catalogs, run_id)
                    summary = _load(sources or [str(DEFAULT_REPORTS_DIR)], load)
            except Exception as exc:
                ledger = load.ledger if load else Ledger()
                started = load.started if load else datetime.now()
                load_id = load.load_id if load else pipeline.new_load_id()
                return Failed(message=pipeline.record_failure(settings, ledger, load_id, started, exc, run_id))
    except (FazhiError, WarehouseBusy) as exc:
        return Failed(message=pipeline.describe_failure(exc))
    _artifact(summary)
    if summary.any_quarantined:
        quarantined = summary.audit["documents_quarantined"]
        return Completed(name="CompletedWithQuarantine", message=f"{quarantined} input(s) quarantined", data=summary)
    return Completed(message="all inputs published or unchanged", data=summary)


def _load(sources: list[str], load: pipeline.Load) -> pipeline.RunSummary:
    """The story of one load: discover, then per batch read → extract → clean → gate → publish, then finish."""
    settings, ledger = load.settings, load.ledger
    found, rejected = discover_task(sources)
    checkpoint("discover:done")
    pipeline.record(ledger, [pipeline.Held(e) for e in rejected])
    fetched, held = _fetch_all([s for s in found if s.is_url])
    pipeline.record(ledger, held)
    files = [s for s in found if not s.is_url]
    for number, part in enumerate(pipeline.chunked(files, settings.batch_size) or [[]]):
        raws, held = load_files_task(part)
        pipeline.record(ledger, held)
        admitted = load.admit(raws + (fetched if number == 0 else []))
        del raws
        if admitted:
            prepare_in_background()  # once; GX's import overlaps with the workers' reading and extracting
        batch, held = pipeline.combine(_read_extract_clean(admitted, settings), load.catalogs)
        pipeline.record(ledger, held)
        del admitted
        gate_publish_task(load, batch)
    return finish_task(load)


def _read_extract_clean(admitted: list[pipeline.Admitted], settings: Settings) -> list[pipeline.ChunkResult]:
    """One task over local worker processes, or a task per chunk on a Dask cluster (FAZHI_DASK_ADDRESS)."""
    runner = task_runner_for(settings)
    if runner is None:
        return read_extract_clean_task(admitted, settings.workers, settings.chunk_size)
    with runner:
        futures = runner.map(chunk_task, {"raws": pipeline.chunked(admitted, settings.chunk_size)})
        return [f.result() for f in futures]
