"""The main flow: discover → read → extract → clean → gate → publish, one batch per stage."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

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
from fazhi.gate import GateOutcome, gate, prepare_in_background
from fazhi.ledger import Ledger
from fazhi.model import FazhiError, InputError, RawDocument, Source
from fazhi.warehouse.lock import WarehouseBusy, load_lock
from fazhi.warehouse.state import published_hashes, yoy_history
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
admit_task = task(pipeline.admit, name="skip-unchanged", **_BATCH)
read_extract_clean_task = task(pipeline.process_all, name="read-extract-clean", **_BATCH)
chunk_task = task(pipeline.process_chunk, name="read-extract-clean-chunk", **_BATCH)
gate_task = task(gate, name="gate", **_BATCH)
publish_task = task(pipeline.publish_load, name="publish", **_BATCH)


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


def _artifact(summary: pipeline.RunSummary, outcome: GateOutcome) -> None:
    """A table per input (published / warned / quarantined) on the flow run, for a person to check."""
    warned = outcome.findings_for("warning").group_by("report_key").len()
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
    started, load_id, ledger = datetime.now(), pipeline.new_load_id(), Ledger()
    run_id = str(flow_run.get_id() or "")
    try:
        settings = Settings.from_env(warehouse)
        with load_lock(settings.warehouse, settings.lock_wait_seconds):
            try:
                summary, outcome = _load(sources or [str(DEFAULT_REPORTS_DIR)], settings, ledger, load_id, started, run_id)
            except Exception as exc:
                return Failed(message=pipeline.record_failure(settings, ledger, load_id, started, exc, run_id))
    except (FazhiError, WarehouseBusy) as exc:
        return Failed(message=pipeline.describe_failure(exc))
    _artifact(summary, outcome)
    if summary.any_quarantined:
        quarantined = summary.audit["documents_quarantined"]
        return Completed(name="CompletedWithQuarantine", message=f"{quarantined} input(s) quarantined", data=summary)
    return Completed(message="all inputs published or unchanged", data=summary)


def _load(
    sources: list[str], settings: Settings, ledger: Ledger, load_id: str, started: datetime, run_id: str
) -> tuple[pipeline.RunSummary, GateOutcome]:
    """The story of one load, each stage a task over the whole batch."""
    found, rejected = discover_task(sources)
    checkpoint("discover:done")
    pipeline.record(ledger, [pipeline.Held(e) for e in rejected])
    raws, held = load_files_task([s for s in found if not s.is_url])
    pipeline.record(ledger, held)
    fetched, held = _fetch_all([s for s in found if s.is_url])
    pipeline.record(ledger, held)
    admitted, skipped = admit_task(raws + fetched, published_hashes(settings.warehouse))
    for raw, outcome_name, reason in skipped:
        ledger.skip(raw.source_uri, raw.content_sha256, outcome_name, reason)
    if admitted:
        prepare_in_background()  # GX's import overlaps with the workers' reading and extracting
    # read → extract → clean in chunks: one task over local worker processes, or a task per chunk on Dask
    runner = task_runner_for(settings)
    if runner is not None:
        with runner:
            futures = runner.map(chunk_task, {"raws": pipeline.chunked(admitted, settings.chunk_size)})
            results = [f.result() for f in futures]
    else:
        results = read_extract_clean_task(admitted, settings.workers, settings.chunk_size)
    catalogs = pipeline.Catalogs.load()
    batch, held = pipeline.combine(results, catalogs)
    pipeline.record(ledger, held)
    outcome: GateOutcome = gate_task(batch, yoy_history(settings.warehouse))
    pipeline.settle(outcome, batch, ledger)
    summary = publish_task(settings, outcome, ledger, catalogs, load_id, started, run_id)
    return summary, outcome
