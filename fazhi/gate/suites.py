"""Great Expectations suites from expectations/*.json, validated against pandas frames.

One ephemeral GX context per process (GX import and context creation cost seconds: done once).
"""

from __future__ import annotations

import json
import logging
import threading
import warnings
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import polars as pl

from fazhi.config import EXPECTATIONS_DIR
from fazhi.faults import checkpoint
from fazhi.gate.rows import failing_rows

SEVERITIES = ("blocking", "warning")


@dataclass(frozen=True)
class Failure:
    """One failed expectation: which rows (their index columns) failed and how severe it is."""

    suite: str
    check: str
    severity: str
    reason: str
    rows: list[dict[str, Any]]


def load_suite_spec(name: str, folder: Path = EXPECTATIONS_DIR) -> dict[str, Any]:
    """The reviewable JSON spec of one suite; every expectation must say its severity."""
    spec: dict[str, Any] = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
    for expectation in spec["expectations"]:
        meta = expectation.get("meta", {})
        if meta.get("severity") not in SEVERITIES or "check" not in meta:
            raise ValueError(f"expectations/{name}.json: every expectation needs meta.check and meta.severity in {SEVERITIES}")
    return spec


@cache
def _context() -> Any:
    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import great_expectations as gx
        from great_expectations.data_context.types.base import ProgressBarsConfig

    for name in ("great_expectations", "great_expectations.data_context.types.base"):
        logging.getLogger(name).setLevel(logging.ERROR)  # GX announces temp dirs at INFO on every run
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    return context


_SETUP = threading.Lock()  # the context and suites are built once even when prepare() runs on a thread


def prepare(names: tuple[str, ...] = ("dim_report", "fact_statistic")) -> None:
    """Import GX and build its context and suites now (~4 s): a load calls this on a background
    thread while the workers read and extract, so the gate itself costs only the validation."""
    with _SETUP:
        for name in names:
            _batch_definition(name)
            _suite(name)


@cache
def _batch_definition(name: str) -> Any:
    context = _context()
    source = context.data_sources.add_pandas(f"staged_{name}")
    return source.add_dataframe_asset(name).add_batch_definition_whole_dataframe("whole")


@cache
def _suite(name: str) -> Any:
    from great_expectations.core.expectation_suite import ExpectationSuite

    spec = load_suite_spec(name)
    suite = ExpectationSuite(name=spec["name"], expectations=spec["expectations"], meta=spec.get("meta", {}))
    return _context().suites.add(suite)


def validate(name: str, frame: pl.DataFrame, index_columns: list[str]) -> tuple[bool, list[Failure], Any]:
    """Validate frame with suite `name`: GX decides each expectation; failing rows are found with polars.

    Only the columns the suite checks go to GX (as pandas), so big text columns are never copied.
    """
    spec = load_suite_spec(name)
    checked = sorted({e["kwargs"]["column"] for e in spec["expectations"]})
    missing = [c for c in checked if c not in frame.columns]
    if missing:
        raise ValueError(f"suite {name} checks columns the staged frame lacks: {missing}")
    prepare((name,))
    batch = _batch_definition(name).get_batch(batch_parameters={"dataframe": frame.select(checked).to_pandas()})
    checkpoint("gate:validating")
    result = batch.validate(_suite(name), result_format={"result_format": "SUMMARY"})
    failures = []
    for item in result.results:
        if item.success:
            continue
        config = item.expectation_config
        meta = config.meta or {}
        if item.exception_info and item.exception_info.get("raised_exception"):
            rows: list[dict[str, Any]] = [{"error": item.exception_info.get("exception_message")}]
        else:
            rows = failing_rows(frame, config.type, dict(config.kwargs), index_columns)
        failures.append(Failure(name, meta["check"], meta["severity"], meta.get("reason", ""), rows))
    return bool(result.success), failures, result
