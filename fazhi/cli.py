"""The `fazhi` command line. Exit codes: 0 all inputs published or unchanged; 3 some inputs
quarantined (the rest published); 4 the run could not publish at all; 2 wrong usage."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from fazhi.config import DEFAULT_REPORTS_DIR, DEFAULT_WAREHOUSE
from fazhi.model import FazhiError

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
    errors.print(f"[bold red]fazhi:[/] {message}", highlight=False, markup=True, soft_wrap=True)
    if hint:
        errors.print(f"hint: {hint}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def _print_summary(summary: Any, state_name: str) -> None:
    audit = summary.audit
    table = Table(title=f"Load {summary.load_id} · {state_name}", show_header=False)
    table.add_row("documents read", str(audit["documents_seen"]))
    table.add_row("published", str(audit["documents_published"]))
    table.add_row("unchanged / duplicate (skipped)", str(audit["documents_skipped"]))
    table.add_row("quarantined", str(audit["documents_quarantined"]))
    table.add_row("statistics published", str(audit["facts_published"]))
    table.add_row("warnings", str(audit["warnings"]))
    table.add_row("warehouse", str(summary.warehouse))
    console.print(table)
    held = summary.documents.filter(summary.documents["outcome"] == "quarantined")
    for row in held.iter_rows(named=True):
        console.print(f"[yellow]quarantined[/] {row['source_uri']}: {row['reason']}", highlight=False, soft_wrap=True)
    if audit["documents_quarantined"]:
        console.print("Details: `fazhi status` or SELECT * FROM quarantine.", highlight=False)


@app.command()
def run(
    sources: Annotated[list[str] | None, typer.Argument(help="Files, folders (searched recursively) or http(s) URLs.", show_default=False)] = None,
    warehouse: WarehouseOption = DEFAULT_WAREHOUSE,
) -> None:
    """Load reports into the warehouse (default: seeds/reports/ into warehouse/fazhi.duckdb)."""
    from flows.load import load_reports  # Prefect is imported only by commands that run a flow

    given = sources or [str(DEFAULT_REPORTS_DIR)]
    state = load_reports(given, str(warehouse), return_state=True)
    if not state.is_completed():
        _fail(state.message or "the load failed", "nothing was published; the warehouse is as it was. `fazhi status` shows the load")
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
        table.add_row(*("" if v is None else str(v) for v in row))
    console.print(table)


@app.command()
def status(warehouse: WarehouseOption = DEFAULT_WAREHOUSE, loads: Annotated[int, typer.Option(help="How many recent loads.")] = 5) -> None:
    """Recent loads, their counts, and what they quarantined and why."""
    from fazhi.warehouse.sql import query_file

    con = _read_only(warehouse)
    _show(query_file(con, "cli/recent_loads.sql", {"limit": loads}), "Recent loads")
    _show(query_file(con, "cli/recent_quarantine.sql", {"limit": loads}), "Quarantined in these loads")


@app.command()
def unmapped(warehouse: WarehouseOption = DEFAULT_WAREHOUSE, limit: Annotated[int, typer.Option(help="How many labels.")] = 50) -> None:
    """Labels that map to no catalog metric yet: add them as synonyms in seeds/metric_catalog.csv and rerun."""
    from fazhi.warehouse.sql import query_file

    con = _read_only(warehouse)
    _show(query_file(con, "cli/unmapped.sql", {"limit": limit}), "Unmapped labels (extend seeds/metric_catalog.csv, then `fazhi run`)")


@app.command()
def sql(query: Annotated[str, typer.Argument(help="A SQL query, run read-only.")], warehouse: WarehouseOption = DEFAULT_WAREHOUSE) -> None:
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
        errors.print(f"fazhi: internal error ({type(exc).__name__}: {exc}). Nothing partial was published. Rerun with FAZHI_DEBUG=1 for details and report it.", highlight=False, soft_wrap=True)
        sys.exit(EXIT_FAILED)


if __name__ == "__main__":
    main()
