"""The stages as batch functions: each takes a batch, returns what passed and what it held back.

flows/ wraps these in Prefect tasks; `run_local` runs the same story without Prefect (benchmarks).
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

import polars as pl

from fazhi.clean import CleanBatch, ExtractedReport, clean, label_mapping, metric_dimension
from fazhi.config import SEEDS_DIR, Settings
from fazhi.discover import discover, load_raw
from fazhi.extract import EXTRACTOR_VERSION, extract_statistics
from fazhi.faults import checkpoint
from fazhi.gate import FINDING_SCHEMA, GateOutcome, gate, prepare_in_background
from fazhi.ledger import Ledger
from fazhi.metrics import MetricCatalog
from fazhi.model import Document, InputError, RawDocument, Source
from fazhi.read import read_document
from fazhi.reextract import PublishedVersion, Reextraction, stored_document
from fazhi.regions import RegionIndex
from fazhi.warehouse.publish import LoadRecord, Publisher, publish, record_failed_load

T = TypeVar("T")
R = TypeVar("R")

# What a batch reads and extracts: new inputs' bytes, or the stored Document of a published version to re-extract.
Admitted = RawDocument | Document


@dataclass(frozen=True)
class Held:
    """An input held back by a stage, with its content hash when known."""

    error: InputError
    content_sha256: str | None = None


@dataclass
class Catalogs:
    """Reference data loaded once per run."""

    regions: RegionIndex
    metrics: MetricCatalog
    metric_sha256: str

    @classmethod
    def load(cls) -> Catalogs:
        """Load seeds/regions.csv and seeds/metric_catalog.csv."""
        catalog_file = SEEDS_DIR / "metric_catalog.csv"
        digest = hashlib.sha256(catalog_file.read_bytes()).hexdigest() if catalog_file.exists() else "none"
        return cls(regions=RegionIndex.load(), metrics=MetricCatalog.load(), metric_sha256=digest)

    def relabel(self, facts: pl.DataFrame) -> pl.DataFrame:
        """Current mapping of published facts to metrics (the curation loop)."""
        return label_mapping(facts, self.metrics, metric_dimension(self.metrics))


@dataclass
class RunSummary:
    """What one load did, for the CLI and the flow's artifact."""

    load_id: str
    warehouse: Path
    audit: dict[str, Any]
    documents: pl.DataFrame
    quarantine: pl.DataFrame
    findings: pl.DataFrame = field(default_factory=pl.DataFrame)

    @property
    def any_quarantined(self) -> bool:
        """True when some input was held back."""
        return int(self.audit.get("documents_quarantined", 0)) > 0


def new_load_id() -> str:
    """A sortable, unique load id: UTC time plus a random suffix."""
    return f"{datetime.now().strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:8]}"


def _each(
    items: Sequence[T], stage: str, work: Callable[[T], R], uri: Callable[[T], str], sha: Callable[[T], str | None]
) -> tuple[list[R], list[Held]]:
    """Apply work to each item; InputErrors and unexpected errors hold that item back, the rest go on."""
    done: list[R] = []
    held: list[Held] = []
    for item in items:
        try:
            done.append(work(item))
            checkpoint(f"{stage}:item")
        except InputError as exc:
            held.append(Held(exc, sha(item)))
        except Exception as exc:  # a bug must not lose the input or stop the run: hold it with the cause
            reason = f"internal error in the {stage} stage ({type(exc).__name__}: {exc}); please report it with this input"
            held.append(Held(InputError(uri(item), stage, "internal_error", reason), sha(item)))
    return done, held


def load_files(sources: Sequence[Source]) -> tuple[list[RawDocument], list[Held]]:
    """Read the bytes of file sources."""
    return _each(sources, "discover", load_raw, lambda s: s.uri, lambda s: None)


def _read(item: Admitted) -> Document:
    return item if isinstance(item, Document) else read_document(item)


def read_documents(raws: Sequence[Admitted]) -> tuple[list[Document], list[Held]]:
    """Decode and clean each document (a re-extraction's stored Document is already read)."""
    return _each(raws, "read", _read, lambda r: r.source_uri, lambda r: r.content_sha256)


def _extract_one(doc: Document) -> ExtractedReport:
    return ExtractedReport(doc, extract_statistics(doc.body_text, doc.report_year), EXTRACTOR_VERSION)


def extract_reports(docs: Sequence[Document]) -> tuple[list[ExtractedReport], list[Held]]:
    """Find the statistics of each document."""
    return _each(docs, "extract", _extract_one, lambda d: d.source_uri, lambda d: d.content_sha256)


@dataclass
class ChunkResult:
    """One chunk of documents read, extracted and cleaned, plus what it held back."""

    batch: CleanBatch
    held: list[Held]


def process_chunk(raws: Sequence[Admitted]) -> ChunkResult:
    """read → extract → clean for one chunk; runs in a worker process (or on another machine via Dask)."""
    docs, held = read_documents(raws)
    extracted, more = extract_reports(docs)
    catalogs = Catalogs.load()  # cached per process
    return ChunkResult(clean(extracted, catalogs.regions, catalogs.metrics), held + more)


def chunked(items: Sequence[T], size: int) -> list[list[T]]:
    """items in consecutive chunks of at most size."""
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def process_all(raws: Sequence[Admitted], workers: int, chunk_size: int) -> list[ChunkResult]:
    """read → extract → clean every chunk, on `workers` local processes (inline when one chunk or one worker).

    Workers are spawned, not forked: the parent may hold threads (Prefect's API client) that a fork would copy mid-lock.
    """
    chunks = chunked(raws, chunk_size)
    if workers <= 1 or len(chunks) <= 1:
        return [process_chunk(c) for c in chunks]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(min(workers, len(chunks)), mp_context=multiprocessing.get_context("spawn")) as pool:
        return list(pool.map(process_chunk, chunks))


def combine(results: Sequence[ChunkResult], catalogs: Catalogs) -> tuple[CleanBatch, list[Held]]:
    """One batch from the chunks' batches (the reference frames are the same in every chunk)."""
    held = [h for r in results for h in r.held]
    if not results:
        return clean([], catalogs.regions, catalogs.metrics), held
    first = results[0].batch
    batch = CleanBatch(
        reports=pl.concat([r.batch.reports for r in results]),
        facts=pl.concat([r.batch.facts for r in results]),
        dates=pl.concat([r.batch.dates for r in results]).unique("date_key").sort("date_key"),
        metrics=first.metrics,
        regions=first.regions,
    )
    return batch, held


def settle(outcome: GateOutcome, batch: CleanBatch, ledger: Ledger) -> None:
    """Record each gated report in the ledger: published, or held back with its blocking findings."""
    blocking = outcome.findings_for("blocking")
    for row in batch.reports.select("report_key", "source_uri", "content_sha256").iter_rows(named=True):
        if row["report_key"] in outcome.blocked_report_keys:
            checks = blocking.filter(pl.col("report_key") == row["report_key"]).to_dicts()
            ledger.hold_report(row["source_uri"], row["content_sha256"], row["report_key"], checks)
        else:
            ledger.published(row["source_uri"], row["content_sha256"], row["report_key"])


def record(ledger: Ledger, held: Sequence[Held]) -> None:
    """Put held inputs in the ledger."""
    for item in held:
        ledger.quarantine(item.error, item.content_sha256)


def publish_load(
    settings: Settings,
    outcome: GateOutcome,
    ledger: Ledger,
    catalogs: Catalogs,
    load_id: str,
    started: datetime,
    flow_run_id: str | None = None,
) -> RunSummary:
    """Publish the gated batch and the ledger in one transaction."""
    load = LoadRecord(
        load_id=load_id,
        flow_run_id=flow_run_id,
        started_at=started,
        documents=ledger.documents_frame(),
        quarantine=ledger.quarantine_frame(),
        findings=outcome.findings.drop("reason", "content_sha256"),
        extractor_version=EXTRACTOR_VERSION,
    )
    audit = publish(settings.warehouse, outcome.passed, load, catalogs.metric_sha256, catalogs.relabel)
    return RunSummary(load_id, settings.warehouse, audit, load.documents, load.quarantine, outcome.findings)


def describe_failure(exc: BaseException) -> str:
    """One line for a load that could not publish: the error's own message for user errors, else its type too."""
    from fazhi.model import FazhiError

    if isinstance(exc, FazhiError):
        return str(exc)
    return f"internal error ({type(exc).__name__}: {exc}); nothing was published. Please report it"


def record_failure(
    settings: Settings, ledger: Ledger, load_id: str, started: datetime, exc: BaseException, flow_run_id: str | None = None
) -> str:
    """Record a load that could not publish (audit row 'failed'); returns the message. Never raises."""
    message = describe_failure(exc)
    load = LoadRecord(
        load_id, flow_run_id, started, ledger.documents_frame(), ledger.quarantine_frame(), pl.DataFrame(), EXTRACTOR_VERSION
    )
    try:
        record_failed_load(settings.warehouse, load, message)
    except Exception as record_exc:  # the warehouse itself may be what failed
        message += f" (and the failure could not be recorded in the warehouse: {record_exc})"
    return message


@dataclass
class Load:
    """One load's state across its batches: the ledger, the gate findings and the open publisher."""

    settings: Settings
    catalogs: Catalogs
    publisher: Publisher
    load_id: str = field(default_factory=lambda: new_load_id())
    started: datetime = field(default_factory=datetime.now)
    flow_run_id: str | None = None
    ledger: Ledger = field(default_factory=Ledger)
    findings: list[pl.DataFrame] = field(default_factory=list)
    published: dict[str, PublishedVersion] = field(default_factory=dict)  # content hash → version, before this load
    seen: dict[str, str] = field(default_factory=dict)  # content hash → source, in this load

    def admit(self, raws: Sequence[RawDocument]) -> list[Admitted]:
        """Inputs of a batch to read and extract: new ones, and published versions whose facts another extractor
        version made (as their stored Document, re-extracted from the text their spans refer to). Unchanged and
        duplicate inputs go to the ledger with the reason, and are not decoded or extracted again."""
        admitted: list[Admitted] = []
        redo: dict[str, int] = {}  # content hash → position in admitted, filled with the stored Document below
        for raw in raws:
            sha, known = raw.content_sha256, self.published.get(raw.content_sha256)
            if known is not None and known.is_current(EXTRACTOR_VERSION):
                self.ledger.skip(raw.source_uri, sha, "unchanged", f"same content already published from {known.source_uri}")
            elif sha in self.seen:
                self.ledger.skip(raw.source_uri, sha, "duplicate", f"same content as {self.seen[sha]} in this load")
            else:
                self.seen[sha] = raw.source_uri
                if known is not None:
                    redo[sha] = len(admitted)
                    self.ledger.reextracting(sha, Reextraction(known.extractor_version, EXTRACTOR_VERSION))
                admitted.append(raw)
        if redo:
            stored = self.publisher.published_documents(list(redo))
            for sha, position in redo.items():
                admitted[position] = stored_document(stored[sha], admitted[position].source_uri)
        return admitted


def open_load(settings: Settings, publisher: Publisher, catalogs: Catalogs, flow_run_id: str | None = None) -> Load:
    """Start a load on an open publisher (the caller holds the warehouse lock)."""
    return Load(settings, catalogs, publisher, flow_run_id=flow_run_id, published=publisher.published_versions())


def gate_and_publish(load: Load, batch: CleanBatch) -> GateOutcome:
    """Gate one batch and publish what passes (one transaction); held reports go to the ledger."""
    outcome = gate(batch, load.publisher.yoy_history())
    settle(outcome, batch, load.ledger)
    load.findings.append(outcome.findings)
    load.publisher.add(outcome.passed, load.load_id, datetime.now())
    return outcome


def finish_load(load: Load) -> RunSummary:
    """Write the load's ledger, findings and audit row (the publisher swaps the warehouse in on exit)."""
    findings = pl.concat(load.findings) if load.findings else pl.DataFrame(schema=FINDING_SCHEMA)
    record_ = LoadRecord(
        load_id=load.load_id,
        flow_run_id=load.flow_run_id,
        started_at=load.started,
        documents=load.ledger.documents_frame(),
        quarantine=load.ledger.quarantine_frame(),
        findings=findings.drop("reason", "content_sha256"),
        extractor_version=EXTRACTOR_VERSION,
    )
    regions = load.catalogs.regions.frame(extended=True)
    audit = load.publisher.finish(record_, regions, metric_dimension(load.catalogs.metrics))
    return RunSummary(load.load_id, load.settings.warehouse, audit, record_.documents, record_.quarantine, findings)


def run_local(sources: Sequence[str], settings: Settings, timings: dict[str, float] | None = None) -> RunSummary:
    """The whole load without Prefect (same stages, same order, same batches): for benchmarks and debugging.

    The caller holds the warehouse's load_lock when other loads may run (the flow takes it itself).

    timings, when given, receives the wall seconds of each stage.
    """
    clock = _Clock(timings if timings is not None else {})
    catalogs = Catalogs.load()
    with Publisher(settings.warehouse, catalogs.metric_sha256, catalogs.relabel) as publisher:
        load = open_load(settings, publisher, catalogs)
        with clock("discover"):
            found, rejected = discover(sources)
        checkpoint("discover:done")
        record(load.ledger, [Held(e) for e in rejected])
        files = list(found)  # load_raw fetches URL sources too (without Prefect's retries)
        for part in chunked(files, settings.batch_size):
            with clock("load"):
                raws, held = load_files(part)
                record(load.ledger, held)
                admitted = load.admit(raws)
                del raws
            if admitted:
                prepare_in_background()  # once; GX's import overlaps with the workers' reading and extracting
            with clock("read+extract+clean"):
                batch, held = combine(process_all(admitted, settings.workers, settings.chunk_size), catalogs)
                record(load.ledger, held)
                del admitted
            with clock("gate+publish"):
                gate_and_publish(load, batch)
        with clock("finish"):
            return finish_load(load)


@dataclass
class _Clock:
    """Adds the wall time of `with clock(name):` blocks to a dict."""

    seconds: dict[str, float]

    def __call__(self, name: str) -> Any:
        import time
        from contextlib import contextmanager

        @contextmanager
        def timed() -> Any:
            begin = time.perf_counter()
            try:
                yield
            finally:
                self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - begin

        return timed()
