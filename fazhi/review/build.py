"""Writing the review and validation pages of a warehouse beside it (warehouse/review/, warehouse/validation/)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb

from fazhi.model import FazhiError
from fazhi.review.report import page_name, render_index, render_report_page
from fazhi.review.validation import load_page_name, render_load, render_validation_index
from fazhi.warehouse.sql import query_file

Progress = Callable[[int, int], None]


def _rows(con: duckdb.DuckDBPyConnection, path: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    relation = query_file(con, path, params)
    columns = relation.columns
    return [dict(zip(columns, row, strict=True)) for row in relation.fetchall()]


_GROUP = 500  # reports whose rows are fetched together


def _by_report(rows: list[dict[str, Any]]) -> dict[int, list[dict[str, Any]]]:
    """Rows grouped by their report_key, in query order."""
    grouped: dict[int, list[dict[str, Any]]] = {}
    for row in rows:
        grouped.setdefault(row["report_key"], []).append(row)
    return grouped


def _write(path: Path, text: str) -> Path:
    """Write atomically, so a browser never shows half a page."""
    scratch = path.with_name(f".{path.name}.tmp")
    scratch.write_text(text, encoding="utf-8")
    os.replace(scratch, path)
    return path


def _prune(folder: Path, pattern: str, keep: list[Path]) -> None:
    """Remove pages of earlier builds that no longer match a current report or a recent load."""
    kept = {path.name for path in keep}
    for stale in folder.glob(pattern):
        if stale.name not in kept:
            stale.unlink(missing_ok=True)


def _open(warehouse: Path) -> duckdb.DuckDBPyConnection:
    if not warehouse.is_file():
        raise FazhiError(f"no warehouse at {warehouse}; run `fazhi run` first or pass --warehouse")
    try:
        return duckdb.connect(str(warehouse), read_only=True)
    except duckdb.Error as exc:
        raise FazhiError(f"cannot open warehouse {warehouse}: {exc}") from None


def build_review(
    warehouse: Path, out_dir: Path | None = None, progress: Progress | None = None, rebuild: bool = False
) -> list[Path]:
    """One page per current report version plus index.html; returns the current pages (index first).

    A report version never changes once published, so its page is written once: a load writes pages
    only for the versions it added (the cost does not grow with the warehouse). rebuild=True rewrites
    every page, e.g. after the metric catalog changed the metric names shown.
    """
    out = out_dir or warehouse.parent / "review"
    out.mkdir(parents=True, exist_ok=True)
    con = _open(warehouse)
    try:
        reports = _rows(con, "review/reports.sql")
        pages = [_write(out / "index.html", render_index(reports))]
        pages += [out / page_name(r["report_key"]) for r in reports]
        todo = [r for r, page in zip(reports, pages[1:], strict=True) if rebuild or not page.exists()]
        done = len(reports) - len(todo)
        # a few queries per group of reports, not three per report: point lookups scan the fact table
        for start in range(0, len(todo), _GROUP):
            group = todo[start : start + _GROUP]
            keys = {"report_keys": [r["report_key"] for r in group]}
            bodies = {row["report_key"]: row["body_text"] for row in _rows(con, "review/report_body.sql", keys)}
            facts = _by_report(_rows(con, "review/report_facts.sql", keys))
            findings = _by_report(_rows(con, "review/report_findings.sql", keys))
            for report in group:
                key = report["report_key"]
                html = render_report_page(report, bodies[key], facts.get(key, []), findings.get(key, []))
                _write(out / page_name(key), html)
                done += 1
                if progress:
                    progress(done, len(reports))
    finally:
        con.close()
    _prune(out, "report-*.html", pages)
    return pages


def build_validation(warehouse: Path, out_dir: Path | None = None, loads: int = 20) -> list[Path]:
    """One page per recent load (gate results per input) plus index.html; returns the files written."""
    out = out_dir or warehouse.parent / "validation"
    out.mkdir(parents=True, exist_ok=True)
    con = _open(warehouse)
    try:
        recent = _rows(con, "review/loads.sql", {"limit": loads})
        written = [_write(out / "index.html", render_validation_index(recent))]
        for load in recent:
            key = {"load_id": load["load_id"]}
            html = render_load(load, _rows(con, "review/load_inputs.sql", key), _rows(con, "review/load_findings.sql", key))
            written.append(_write(out / load_page_name(load["load_id"]), html))
    finally:
        con.close()
    _prune(out, "load-*.html", written)
    return written
