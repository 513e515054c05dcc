"""The command line: every command documented with --help, export/review/serve behaviour, one-line errors."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from fazhi.cli import EXIT_FAILED, EXIT_OK, EXIT_USAGE, app
from fazhi.config import PROJECT_ROOT
from fazhi.export import FORMATS, quote_identifier

runner = CliRunner()
COMMANDS = sorted(c.name or c.callback.__name__ for c in app.registered_commands)  # type: ignore[union-attr]


def _invoke(*args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), env=env)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str) -> None:
    result = _invoke(command, "--help")
    assert result.exit_code == EXIT_OK, result.output
    assert "Usage:" in result.output and "--help" in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_readme_documents_every_command(command: str) -> None:
    assert f"fazhi {command}" in (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_export_writes_every_table_and_mart(panel_warehouse: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / 'it\'s "odd"; DROP TABLE x; --'  # never spliced into SQL
    result = _invoke("export", str(out), "--format", fmt, "--warehouse", str(panel_warehouse))
    assert result.exit_code == EXIT_OK, result.output
    with duckdb.connect(str(panel_warehouse), read_only=True) as con:
        tables = {t for (t,) in con.sql("SELECT table_name FROM duckdb_tables() WHERE table_name <> 'warehouse_meta'").fetchall()}
        views = {v for (v,) in con.sql("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
        assert {p.stem for p in out.iterdir()} == tables | views
        reader = "read_parquet" if fmt == "parquet" else "read_csv"
        for name in tables | views:
            (exported,) = con.sql(
                f"SELECT count(*) FROM {reader}($p)", params={"p": str(out / f"{name}{FORMATS[fmt][0]}")}
            ).fetchall()
            (source,) = con.sql(f"SELECT count(*) FROM {quote_identifier(name)}").fetchall()
            assert exported == source, name


def test_export_keeps_values_and_chinese_text(panel_warehouse: Path, tmp_path: Path) -> None:
    assert _invoke("export", str(tmp_path), "--warehouse", str(panel_warehouse)).exit_code == EXIT_OK
    with duckdb.connect(str(panel_warehouse), read_only=True) as con:
        original = con.sql(
            "SELECT region_name, report_year, indicator_code, value FROM v_derived_indicator ORDER BY ALL"
        ).fetchall()
        exported = con.sql(
            "SELECT region_name, report_year, indicator_code, value FROM read_parquet($p) ORDER BY ALL",
            params={"p": str(tmp_path / "v_derived_indicator.parquet")},
        ).fetchall()
    assert exported == original and original


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["export", "OUT", "--format", "xlsx"], EXIT_USAGE, "unknown format"),
        (["export", "OUT", "--warehouse", "MISSING"], EXIT_FAILED, "no warehouse"),
        (["export", "FILE", "--warehouse", "PANEL"], EXIT_FAILED, "is a file"),
        (["review", "--warehouse", "MISSING"], EXIT_FAILED, "no warehouse"),
        (["serve", "--cron", "0 6 * * *"], EXIT_USAGE, "PREFECT_API_URL is not set"),
        (["sql", "SELEC nonsense", "--warehouse", "PANEL"], EXIT_USAGE, "query failed"),
        (["export"], EXIT_USAGE, "Missing argument"),
    ],
    ids=["bad-format", "no-warehouse", "out-is-file", "review-no-warehouse", "serve-no-server", "bad-sql", "missing-arg"],
)
def test_errors_are_one_clear_line_with_a_hint(
    panel_warehouse: Path, tmp_path: Path, args: list[str], code: int, message: str
) -> None:
    (tmp_path / "FILE").write_text("not a folder")
    paths = {
        "OUT": str(tmp_path / "out"),
        "MISSING": str(tmp_path / "missing.duckdb"),
        "PANEL": str(panel_warehouse),
        "FILE": str(tmp_path / "FILE"),
    }
    result = _invoke(*[paths.get(a, a) for a in args], env={"PREFECT_API_URL": ""})
    assert result.exit_code == code, result.output
    assert message in result.output
    assert "Traceback" not in result.output
    if code != EXIT_USAGE or message != "Missing argument":
        assert "hint:" in result.output


def test_serve_rejects_a_bad_cron() -> None:
    result = _invoke("serve", "--cron", "61 25 * * *", env={"PREFECT_API_URL": "http://127.0.0.1:9/api"})
    assert result.exit_code == EXIT_USAGE
    assert "not a cron expression" in result.output and "hint:" in result.output


def test_review_writes_pages_beside_the_warehouse(panel_warehouse: Path, tmp_path: Path) -> None:
    result = _invoke("review", "--warehouse", str(panel_warehouse), "--out", str(tmp_path))
    assert result.exit_code == EXIT_OK, result.output
    assert (tmp_path / "review" / "index.html").exists() and (tmp_path / "validation" / "index.html").exists()
    assert len(list((tmp_path / "review").glob("report-*.html"))) == 15


@pytest.mark.parametrize(
    ("name", "quoted"), [("dim_report", '"dim_report"'), ('we"ird', '"we""ird"'), ("a b; --", '"a b; --"'), ("", '""')]
)
def test_quote_identifier(name: str, quoted: str) -> None:
    assert quote_identifier(name) == quoted
    with duckdb.connect() as con:
        if name:
            con.execute(f"CREATE TABLE {quote_identifier(name)} (x INTEGER)")
            assert con.sql("SELECT table_name FROM duckdb_tables()").fetchall() == [(name,)]


@pytest.mark.parametrize("command", ["status", "unmapped"])
def test_existing_commands_still_work(panel_warehouse: Path, command: str) -> None:
    result = _invoke(command, "--warehouse", str(panel_warehouse))
    assert result.exit_code == EXIT_OK, result.output
