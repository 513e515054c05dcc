"""BI access: the client stack BI tools ship reads the warehouse read-only, and an open BI
connection neither blocks a load nor ever sees half of one."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.marts.builder import build_report, load
from tests.marts.cases import COUNTIES, YEARS, figures, value

CLIENT = Path(__file__).with_name("bi_client.py")
CONTRACT_TABLES = {"dim_region", "dim_date", "dim_metric", "dim_report", "fact_statistic", "load_audit", "quarantine"}
MARTS = {
    "v_indicator",
    "v_metric_value",
    "v_derived_indicator",
    "v_indicator_yoy",
    "v_report_completeness",
    "v_breakdown_consistency",
    "v_unmapped_labels",
}


@pytest.fixture(scope="module")
def reflected(bi_python: Path, panel_warehouse: Path) -> dict:
    done = subprocess.run([str(bi_python), str(CLIENT), str(panel_warehouse)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


@pytest.mark.slow
def test_bi_stack_is_what_bi_tools_ship(reflected: dict) -> None:
    assert reflected["versions"]["duckdb"].startswith("1.5.")
    assert reflected["versions"]["sqlalchemy"].startswith("1.4.")


@pytest.mark.slow
def test_bi_client_reflects_tables_views_and_comments(reflected: dict) -> None:
    assert set(reflected["tables"]) >= CONTRACT_TABLES
    assert set(reflected["views"]) >= MARTS
    for table in CONTRACT_TABLES:
        assert reflected["table_comments"][table], table
        uncommented = [c for c, comment in reflected["columns"][table].items() if not comment]
        assert uncommented == [], table


@pytest.mark.slow
@pytest.mark.parametrize("view", sorted(MARTS - {"v_unmapped_labels"}))
def test_bi_client_queries_each_mart(reflected: dict, view: str) -> None:
    assert reflected["marts"][view], f"{view} returned no rows through duckdb-engine"


@pytest.mark.slow
def test_bi_client_gets_the_same_rates(reflected: dict) -> None:
    expected = []
    for county in sorted(COUNTIES):
        for year in YEARS:
            lost, concluded = value(county, year, "败诉"), value(county, year, "一审审结")
            if lost is not None and concluded is not None:
                expected.append([county, year, round(100 * lost / concluded, 2)])
    assert reflected["loss_rates"] == expected


@pytest.mark.slow
def test_bi_client_cannot_write(reflected: dict) -> None:
    assert reflected["write_rejected"] is True


class Reader:
    """A process holding one read-only connection open, answering 'count' on stdin."""

    def __init__(self, python: Path, warehouse: Path) -> None:
        self.process = subprocess.Popen(
            [str(python), str(CLIENT), str(warehouse), "--hold"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.first = self._line()

    def _line(self) -> dict:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        assert line, f"reader died: {self.process.stderr.read() if self.process.stderr else ''}"
        return json.loads(line)

    def ask(self) -> dict:
        assert self.process.stdin is not None
        self.process.stdin.write("count\n")
        self.process.stdin.flush()
        return self._line()

    def close(self) -> None:
        if self.process.poll() is None:
            assert self.process.stdin is not None
            self.process.stdin.write("quit\n")
            self.process.stdin.close()
            self.process.wait(10)


@pytest.mark.slow
@pytest.mark.parametrize("client", ["duckdb-2", "bi-stack"])
def test_open_reader_does_not_block_a_load_and_sees_no_half_state(
    client: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    python = Path(sys.executable) if client == "duckdb-2" else request.getfixturevalue("bi_python")
    warehouse = tmp_path / "fazhi.duckdb"
    first = [build_report(c, YEARS[0], figures(c, YEARS[0])) for c in COUNTIES[:2]]
    load(warehouse, *first)
    reader = Reader(python, warehouse)
    try:
        before = reader.ask()
        summary = load(warehouse, *(build_report(c, YEARS[1], figures(c, YEARS[1])) for c in COUNTIES))
        assert summary.audit["status"] == "completed"
        with duckdb.connect(str(warehouse), read_only=True) as fresh:
            (after,) = fresh.sql("SELECT count(DISTINCT report_key) FROM v_indicator").fetchall()
        assert after[0] == len(first) + len(COUNTIES), "new connections see the new load"
        still = reader.ask()
        assert still == before, "the open connection keeps its consistent old view"
        assert still["reports"] == len(first)
    finally:
        reader.close()
    assert reader.process.returncode == 0


@pytest.mark.parametrize("tool", ["Superset", "Metabase", "DBeaver"])
def test_docs_explain_each_bi_tool_read_only(tool: str) -> None:
    from fazhi.config import PROJECT_ROOT

    guide = (PROJECT_ROOT / "docs" / "bi.md").read_text(encoding="utf-8")
    section = guide.split(f"## {tool}", 1)[1].split("\n## ", 1)[0]
    assert "read" in section.lower() and "only" in section.lower(), f"{tool}: how to connect read-only"
    assert "fazhi.duckdb" in section


def test_docs_give_the_uri_the_bi_client_uses() -> None:
    from fazhi.config import PROJECT_ROOT

    uri = CLIENT.read_text(encoding="utf-8").split('create_engine(f"', 1)[1].split('"', 1)[0]
    assert uri.replace("{path}", "/absolute/path/to/warehouse/fazhi.duckdb") in (PROJECT_ROOT / "docs" / "bi.md").read_text(
        encoding="utf-8"
    )
