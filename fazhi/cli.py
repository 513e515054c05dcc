"""The `fazhi` command line. Exit codes: 0 all inputs published or unchanged; 3 some inputs
quarantined (the rest published); 4 the run could not publish at all; 2 wrong usage."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from fazhi.config import DEFAULT_REPORTS_DIR, DEFAULT_WAREHOUSE
from fazhi.model import FazhiError
from fazhi.redact import redact

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_QUARANTINED = 3
EXIT_FAILED = 4

app = typer.Typer(
    help="fazhi: rule-of-law government reports (法治政府建设情况报告) into a DuckDB warehouse.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
console = Console()
errors = Console(stderr=True)

WarehouseOption = Annotated[Path, typer.Option("--warehouse", "-w", help="Warehouse file (DuckDB).", envvar="FAZHI_WAREHOUSE")]


@app.callback()
def _commands() -> None:
    """fazhi: rule-of-law government reports (法治政府建设情况报告) into a DuckDB warehouse."""


def _fail(message: str, hint: str | None = None, code: int = EXIT_FAILED) -> None:
    errors.print(f"[bold red]fazhi:[/] {escape(redact(message))}", highlight=False, markup=True, soft_wrap=True)
    if hint:
        errors.print(f"hint: {escape(hint)}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def _print_summary(summary: Any, state_name: str) -> None:
    audit = summary.audit
    table = Table(title=f"Load {summary.load_id} · {state_name}", show_header=False)
    table.add_row("documents read", str(audit["documents_seen"]))
    table.add_row("published", str(audit["documents_published"]))
    if audit.get("documents_reextracted"):  # versions loaded before, redone by a new extractor version
        table.add_row("  of which re-extracted (new extractor)", str(audit["documents_reextracted"]))
    table.add_row("unchanged / duplicate (skipped)", str(audit["documents_skipped"]))
    table.add_row("quarantined", str(audit["documents_quarantined"]))
    table.add_row("statistics published", str(audit["facts_published"]))
    table.add_row("warnings", str(audit["warnings"]))
    table.add_row("warehouse", escape(str(summary.warehouse)))
    console.print(table)
    held = summary.documents.filter(summary.documents["outcome"] == "quarantined")
    for row in held.iter_rows(named=True):
        what = escape(redact(f"{row['source_uri']}: {row['reason']}"))  # report text and names are never markup
        console.print(f"[yellow]quarantined[/] {what}", highlight=False, soft_wrap=True)
    if audit["documents_quarantined"]:
        console.print("Details: `fazhi status` or SELECT * FROM quarantine.", highlight=False)


@app.command()
def run(
    sources: Annotated[
        list[str] | None, typer.Argument(help="Files, folders (searched recursively) or http(s) URLs.", show_default=False)
    ] = None,
    warehouse: WarehouseOption = DEFAULT_WAREHOUSE,
) -> None:
    """Load reports into the warehouse (default: seeds/reports/ into warehouse/fazhi.duckdb)."""
    with console.status("Starting Prefect and loading reports…", spinner="dots"):
        from flows.load import load_reports  # Prefect is imported only by commands that run a flow
        from flows.post_load import with_pages  # review and validation pages after the run

        given = sources or [str(DEFAULT_REPORTS_DIR)]
        state = with_pages(load_reports)(given, str(warehouse), return_state=True)
    if not state.is_completed():
        _fail(
            state.message or "the load failed", "nothing was published; the warehouse is as it was. `fazhi status` shows the load"
        )
    summary = state.result()
    _print_summary(summary, state.name or "Completed")
    raise typer.Exit(EXIT_QUARANTINED if summary.any_quarantined else EXIT_OK)


def _read_only(warehouse: Path) -> Any:
    from fazhi.warehouse.publish import connect

    if not warehouse.exists():
        _fail(f"no warehouse at {warehouse}", "run `fazhi run` first, or pass --warehouse")
    try:
        return connect(warehouse, read_only=True)
    except FazhiError as exc:
        _fail(str(exc), "close other programs writing to it, or wait for the running load")


def _show(relation: Any, title: str | None = None, max_width: int = 60) -> None:
    """Print a query result as a table."""
    table = Table(title=title)
    for column in relation.columns:
        table.add_column(column, overflow="fold", max_width=max_width)
    for row in relation.fetchall():
        table.add_row(*("" if v is None else escape(redact(str(v))) for v in row))
    console.print(table)


@app.command()
def status(
    warehouse: WarehouseOption = DEFAULT_WAREHOUSE, loads: Annotated[int, typer.Option(help="How many recent loads.")] = 5
) -> None:
    """Recent loads, their counts, and what they quarantined and why."""
    from fazhi.warehouse.sql import query_file

    con = _read_only(warehouse)
    _show(query_file(con, "cli/recent_loads.sql", {"limit": loads}), "Recent loads")
    _show(query_file(con, "cli/recent_quarantine.sql", {"limit": loads}), "Quarantined in these loads")


@app.command()
def unmapped(
    warehouse: WarehouseOption = DEFAULT_WAREHOUSE, limit: Annotated[int, typer.Option(help="How many labels.")] = 50
) -> None:
    """Labels that map to no catalog metric yet: add them as synonyms in seeds/metric_catalog.csv and rerun."""
    from fazhi.warehouse.sql import query_file

    con = _read_only(warehouse)
    _show(
        query_file(con, "cli/unmapped.sql", {"limit": limit}),
        "Unmapped labels (extend seeds/metric_catalog.csv, then `fazhi run`)",
    )


@app.command()
def sql(
    query: Annotated[str, typer.Argument(help="A SQL query, run read-only.")], warehouse: WarehouseOption = DEFAULT_WAREHOUSE
) -> None:
    """Query the warehouse read-only and print the result as a table."""
    import duckdb

    con = _read_only(warehouse)
    try:
        relation = con.sql(query)
    except duckdb.Error as exc:
        _fail(f"query failed: {exc}", "the warehouse is opened read-only; see README for table names", EXIT_USAGE)
    if relation is None:
        return
    _show(relation)


def _progress() -> Progress:
    """A progress bar for long commands (hidden when output is not a terminal)."""
    return Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=console, transient=True
    )


@app.command()
def export(
    out_dir: Annotated[Path, typer.Argument(help="Folder to write one file per table and mart view into.", show_default=False)],
    fmt: Annotated[str, typer.Option("--format", "-f", help="parquet or csv.")] = "parquet",
    warehouse: WarehouseOption = DEFAULT_WAREHOUSE,
) -> None:
    """Export the star schema and the mart views as Parquet or CSV files (read-only)."""
    from fazhi.export import FORMATS, ExportError, export_warehouse

    if fmt not in FORMATS:
        _fail(f"unknown format {fmt!r}", f"use --format {' or --format '.join(FORMATS)}", EXIT_USAGE)
    with _progress() as bar:
        task = bar.add_task("exporting", total=None)

        def step(relation: Any, number: int, total: int) -> None:
            bar.update(task, total=total, completed=number - 1, description=f"exporting {relation.name}")

        try:
            written = export_warehouse(warehouse, out_dir, fmt, step)
        except ExportError as exc:
            _fail(str(exc), "check --warehouse and the output folder", EXIT_FAILED)
    console.print(f"wrote {len(written)} {fmt} files to {out_dir}", highlight=False)


@app.command()
def review(
    warehouse: WarehouseOption = DEFAULT_WAREHOUSE,
    out_dir: Annotated[
        Path | None, typer.Option("--out", help="Folder for the pages (default: review/ and validation/ beside the warehouse).")
    ] = None,
    rebuild: Annotated[bool, typer.Option("--all", help="Rewrite every page (e.g. after editing the metric catalog).")] = False,
) -> None:
    """Write the review pages (each report's text with its statistics highlighted) and the validation report."""
    from fazhi.review import build_review, build_validation

    if not warehouse.exists():
        _fail(f"no warehouse at {warehouse}", "run `fazhi run` first, or pass --warehouse")
    with _progress() as bar:
        task = bar.add_task("review pages", total=None)
        try:
            pages = build_review(
                warehouse,
                out_dir / "review" if out_dir else None,
                lambda n, total: bar.update(task, completed=n, total=total),
                rebuild=rebuild,
            )
            checks = build_validation(warehouse, out_dir / "validation" if out_dir else None)
        except FazhiError as exc:
            _fail(str(exc), "close programs writing to the warehouse, or pass another --warehouse")
    console.print(f"review:     {pages[0]}  ({len(pages) - 1} reports)", highlight=False)
    console.print(f"validation: {checks[0]}  ({len(checks) - 1} loads)", highlight=False)


@app.command()
def serve(
    sources: Annotated[
        list[str] | None,
        typer.Argument(help="What each run reads (default: seeds/reports/ and seeds/sources.csv).", show_default=False),
    ] = None,
    warehouse: WarehouseOption = DEFAULT_WAREHOUSE,
    cron: Annotated[str, typer.Option(help="Cron schedule, in Asia/Shanghai time.")] = "0 6 * * *",
    name: Annotated[str, typer.Option(help="Deployment name.")] = "daily",
) -> None:
    """Serve the load as a scheduled Prefect deployment (daily 06:00 Beijing time) until Ctrl-C."""
    api = os.environ.get("PREFECT_API_URL")
    if not api:
        _fail(
            "scheduling needs a Prefect server and PREFECT_API_URL is not set",
            "start one with scripts/prefect-server.sh, then export PREFECT_API_URL=http://127.0.0.1:4200/api",
            EXIT_USAGE,
        )
    from flows.serve import is_valid_cron
    from flows.serve import serve as serve_deployment

    if not is_valid_cron(cron):
        _fail(f"not a cron expression: {cron!r}", "five fields, e.g. --cron '0 6 * * *' (06:00 daily)", EXIT_USAGE)

    console.print(f"serving fazhi-load/{name} ({cron}, Asia/Shanghai) against {api}; Ctrl-C to stop", highlight=False)
    serve_deployment(sources, str(warehouse), cron, name)


def main() -> None:
    """Console-script entry point: no traceback is ever the user interface (FAZHI_DEBUG=1 shows it)."""
    try:
        app()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        errors.print("fazhi: interrupted; the warehouse is as it was before this load")
        sys.exit(EXIT_FAILED)
    except Exception as exc:
        if os.environ.get("FAZHI_DEBUG"):
            raise
        errors.print(
            f"fazhi: internal error ({type(exc).__name__}: {exc}). Nothing partial was published. "
            "Rerun with FAZHI_DEBUG=1 for details and report it.",
            highlight=False,
            soft_wrap=True,
        )
        sys.exit(EXIT_FAILED)


if __name__ == "__main__":
    main()
