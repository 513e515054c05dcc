"""`fazhi run` on the example report, as a user runs it: a real CLI process, a real DuckDB file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.conftest import EXAMPLE_REPORT, PROJECT_ROOT

FAZHI = [sys.executable, "-m", "fazhi.cli"]

# Facts annotated by hand from the example. Each is found by an anchor (text around the number,
# unique in the report) and the number's own text inside it; then value, unit and flags are checked.
# (anchor, number text, value, unit, approximate, target, period_year, parent anchor/number or None)
ANNOTATED = [
    ("法制审核11件", "11", 11, "件", False, False, 2021, None),
    ("书面意见11份", "11", 11, "份", False, False, 2021, None),
    ("镇政府行政权责清单121项", "121", 121, "项", False, False, 2021, None),
    ("共认领事项1126项", "1126", 1126, "项", False, False, 2021, None),
    ("为112家企业", "112", 112, "家", False, False, 2021, None),
    ("人员转隶1人", "1", 1, "人", False, False, 2021, None),
    ("具有法律职业资格的公务员1人", "1", 1, "人", False, True, 2022, None),
    ("行政诉讼案件共30件", "30", 30, "件", False, False, 2021, None),
    ("撤销9案", "9", 9, "案", False, False, 2021, ("行政诉讼案件共30件", "30")),
    ("确认违法或无效13案", "13", 13, "案", False, False, 2021, ("行政诉讼案件共30件", "30")),
    ("共计160余人", "160", 160, "人", True, False, 2021, None),
    ("共计50余人", "50", 50, "人", True, False, 2021, None),
    ("免费法律咨询1473件", "1473", 1473, "件", False, False, 2021, None),
    ("完成率132.8%", "132.8", 132.8, "%", False, False, 2021, None),
    ("满意度100%", "100", 100, "%", False, False, 2021, None),
    ("法律援助案件104", "104", 104, "件", False, False, 2021, None),
    ("刑事81", "81", 81, "件", False, False, 2021, ("法律援助案件104", "104")),
    ("认罪认罚44", "44", 44, "件", False, False, 2021, ("刑事81", "81")),
    ("解答法律咨询161人次", "161", 161, "人次", False, False, 2021, None),
    ("代写法律文书145份", "145", 145, "份", False, False, 2021, None),
]

# Numbers in the example that are not statistics: none may be loaded.
NOT_STATISTICS = [
    ("〔2021〕4-720-24号", "4-720-24"),
    ("企业开办1110”", "1110"),
    ("第六个全民国家安全教育日", "六"),
    ("第20个“安全生产月”", "20"),
    ("“6˙5”世界环境日", "6˙5"),
    ("“12·4”国家宪法日", "12·4"),
    ("建党100周年", "100"),
    ("“十四五”规划", "十四五"),
    ("第十一次党代会", "十一"),
    ("2022年1月25日", "2022"),
]


def _run(*args: str, env_extra: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **(env_extra or {})}
    return subprocess.run([*FAZHI, *args], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def loaded(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, subprocess.CompletedProcess[str], subprocess.CompletedProcess[str]]:
    """Run `fazhi run` twice on the example into a new warehouse; return the file and both runs."""
    warehouse = tmp_path_factory.mktemp("e2e") / "fazhi.duckdb"
    first = _run("run", str(EXAMPLE_REPORT.parent), "--warehouse", str(warehouse))
    second = _run("run", str(EXAMPLE_REPORT.parent), "--warehouse", str(warehouse))
    return warehouse, first, second


def _facts(warehouse: Path) -> tuple[str, list[dict[str, object]]]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        body = con.sql("SELECT body_text FROM dim_report WHERE is_current").fetchall()[0][0]
        rel = con.sql("SELECT * FROM fact_statistic ORDER BY char_start")
        rows = [dict(zip(rel.columns, r, strict=True)) for r in rel.fetchall()]
    return body, rows


def _covering(body: str, rows: list[dict[str, object]], anchor: str, number: str) -> dict[str, object] | None:
    start = body.index(anchor)
    offset = start + anchor.index(number)
    return next((r for r in rows if r["char_start"] <= offset < r["char_end"]), None)  # type: ignore[operator]


def test_first_run_publishes_and_exits_zero(
    loaded: tuple[Path, subprocess.CompletedProcess[str], subprocess.CompletedProcess[str]],
) -> None:
    warehouse, first, _ = loaded
    assert first.returncode == 0, first.stdout + first.stderr
    assert "Traceback" not in first.stdout + first.stderr
    assert "statistics published" in first.stdout
    assert warehouse.exists()


@pytest.mark.parametrize("case", ANNOTATED, ids=[a for a, *_ in ANNOTATED])
def test_annotated_fact(loaded: tuple[Path, object, object], case: tuple) -> None:  # type: ignore[type-arg]
    anchor, number, value, unit, approximate, target, period_year, parent = case
    body, rows = _facts(loaded[0])
    fact = _covering(body, rows, anchor, number)
    assert fact is not None, f"no statistic at {anchor}"
    assert fact["value"] == pytest.approx(value)
    assert fact["unit"] == unit
    assert fact["is_approximate"] is approximate
    assert fact["is_target"] is target
    assert fact["period_year"] == period_year
    if parent is None:
        assert fact["parent_statistic_key"] is None
    else:
        parent_fact = _covering(body, rows, *parent)
        assert parent_fact is not None
        assert fact["parent_statistic_key"] == parent_fact["statistic_key"]


@pytest.mark.parametrize("case", NOT_STATISTICS, ids=[a for a, _ in NOT_STATISTICS])
def test_non_statistic_not_loaded(loaded: tuple[Path, object, object], case: tuple[str, str]) -> None:
    body, rows = _facts(loaded[0])
    assert _covering(body, rows, *case) is None


def test_grounding_invariant_for_every_fact(loaded: tuple[Path, object, object]) -> None:
    with duckdb.connect(str(loaded[0]), read_only=True) as con:
        total, grounded = con.sql(
            """SELECT count(*), count(*) FILTER (substr(r.body_text, f.char_start + 1, f.char_end - f.char_start) = f.surface)
               FROM fact_statistic f JOIN dim_report r USING (report_key)"""
        ).fetchall()[0]
    assert total >= 30
    assert grounded == total


def test_report_metadata(loaded: tuple[Path, object, object]) -> None:
    with duckdb.connect(str(loaded[0]), read_only=True) as con:
        row = con.sql(
            """SELECT g.region_code, r.report_year, r.published_date_key, r.signed_date_key, r.version, r.is_current
               FROM dim_report r JOIN dim_region g USING (region_key)"""
        ).fetchall()
    assert row == [("141128", 2021, 20220222, 20220125, 1, True)]


def test_second_run_changes_nothing(
    loaded: tuple[Path, subprocess.CompletedProcess[str], subprocess.CompletedProcess[str]],
) -> None:
    warehouse, _, second = loaded
    assert second.returncode == 0, second.stdout + second.stderr
    with duckdb.connect(str(warehouse), read_only=True) as con:
        audits = con.sql(
            "SELECT documents_published, documents_skipped, facts_published FROM load_audit ORDER BY started_at"
        ).fetchall()
        reports = con.sql("SELECT count(*) FROM dim_report").fetchall()[0][0]
        load_ids = con.sql("SELECT count(DISTINCT load_id) FROM fact_statistic").fetchall()[0][0]
    assert audits[1] == (0, 1, 0)
    assert reports == 1
    assert load_ids == 1


def test_file_is_readable_by_duckdb_1_4_clients(loaded: tuple[Path, object, object]) -> None:
    with duckdb.connect(str(loaded[0]), read_only=True) as con:
        version = con.sql(
            "SELECT tags['storage_version'] FROM duckdb_databases() WHERE database_name = current_database()"
        ).fetchall()
    assert version and version[0][0] is not None and version[0][0].startswith("v1.")


def test_missing_input_is_quarantined_with_exit_code_3(tmp_path: Path) -> None:
    result = _run("run", str(EXAMPLE_REPORT), str(tmp_path / "nope.txt"), "--warehouse", str(tmp_path / "w.duckdb"))
    assert result.returncode == 3, result.stdout + result.stderr
    assert "nope.txt" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
