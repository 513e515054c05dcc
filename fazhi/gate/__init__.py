"""gate: validate a staged batch with Great Expectations; blocking failures hold back whole reports.

Write-audit-publish: the batch (CleanBatch) is staged in memory, checked here, and only the
reports that pass every blocking expectation go on to publish. Warnings publish and are recorded.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from typing import Any

import polars as pl
from polars._typing import PolarsDataType

from fazhi.clean import CleanBatch
from fazhi.gate.checks import fact_checks, report_checks
from fazhi.gate.suites import Failure, prepare, validate

FINDING_SCHEMA: dict[str, PolarsDataType] = {
    "report_key": pl.Int64,
    "source_uri": pl.Utf8,
    "content_sha256": pl.Utf8,
    "suite": pl.Utf8,
    "check_name": pl.Utf8,
    "severity": pl.Utf8,
    "reason": pl.Utf8,
    "failed_rows": pl.Int32,
    "details": pl.Utf8,
}
_FACT_INDEX = ["report_key", "statistic_key", "surface", "value", "parts_sum", "raw_label"]
_REPORT_INDEX = ["report_key", "source_uri", "report_year"]
_MAX_DETAIL_ROWS = 20


@dataclass
class GateOutcome:
    """What passed (to publish), and every finding (blocking ones name the quarantined reports)."""

    passed: CleanBatch
    findings: pl.DataFrame
    blocked_report_keys: set[int]
    validation_results: list[Any]

    def findings_for(self, severity: str) -> pl.DataFrame:
        """Findings of one severity."""
        return self.findings.filter(pl.col("severity") == severity)


def _json_safe(value: Any) -> Any:
    if hasattr(value, "item"):
        return value.item()
    if isinstance(value, float) and value != value:
        return None
    return value


def _findings(failures: list[Failure], reports: pl.DataFrame) -> list[dict[str, Any]]:
    """One finding per (failed check, report); a failure that names no report blames every report."""
    all_keys = reports.get_column("report_key").to_list()
    info = {r["report_key"]: r for r in reports.select("report_key", "source_uri", "content_sha256").to_dicts()}
    out: list[dict[str, Any]] = []
    for failure in failures:
        by_report: dict[int, list[dict[str, Any]]] = {}
        for row in failure.rows:
            clean_row = {k: _json_safe(v) for k, v in row.items()}
            key = clean_row.get("report_key")
            for report_key in [key] if key is not None else all_keys:
                by_report.setdefault(int(report_key), []).append(clean_row)
        if not failure.rows:  # a table-level failure
            by_report = {k: [] for k in all_keys}
        for report_key, rows in by_report.items():
            meta = info.get(report_key, {})
            out.append(
                {
                    "report_key": report_key,
                    "source_uri": meta.get("source_uri", "?"),
                    "content_sha256": meta.get("content_sha256"),
                    "suite": failure.suite,
                    "check_name": failure.check,
                    "severity": failure.severity,
                    "reason": failure.reason,
                    "failed_rows": len(rows),
                    "details": json.dumps(rows[:_MAX_DETAIL_ROWS], ensure_ascii=False, default=str),
                }
            )
    return out


_warmup: list[threading.Thread] = []


def prepare_in_background() -> threading.Thread:
    """Start importing GX and building the suites on a daemon thread, once per process (gate() waits for it)."""
    if not _warmup:
        _warmup.append(threading.Thread(target=prepare, name="gx-prepare", daemon=True))
        _warmup[0].start()
    return _warmup[0]


def gate(batch: CleanBatch, history: pl.DataFrame | None = None) -> GateOutcome:
    """Validate the staged batch; return the passing part, findings and the blocked report keys."""
    if batch.reports.height == 0:  # nothing staged (e.g. a no-change rerun): nothing to validate
        empty = pl.DataFrame(schema=FINDING_SCHEMA)
        return GateOutcome(passed=batch, findings=empty, blocked_report_keys=set(), validation_results=[])
    facts = fact_checks(batch.facts, batch.reports, batch.metrics, history)
    reports = report_checks(batch.reports, batch.facts, batch.regions)
    failures: list[Failure] = []
    results = []
    for name, frame, index in (("dim_report", reports, _REPORT_INDEX), ("fact_statistic", facts, _FACT_INDEX)):
        _, found, result = validate(name, frame, index)
        failures.extend(found)
        results.append(result)
    findings = pl.DataFrame(_findings(failures, batch.reports), schema=FINDING_SCHEMA)
    blocked = set(findings.filter(pl.col("severity") == "blocking").get_column("report_key").to_list())
    keep = ~pl.col("report_key").is_in(list(blocked))
    passed = CleanBatch(
        reports=batch.reports.filter(keep),
        facts=batch.facts.filter(keep),
        dates=batch.dates,
        metrics=batch.metrics,
        regions=batch.regions,
    )
    return GateOutcome(passed=passed, findings=findings, blocked_report_keys=blocked, validation_results=results)
