"""The example queries in sql/analytics/ run on the panel and answer what their header says."""

from __future__ import annotations

import itertools
import statistics

import duckdb
import pytest

from fazhi.config import PROJECT_ROOT, SQL_DIR
from tests.marts.cases import COUNTIES, NO_DENOMINATOR, NO_LITIGATION, OUTLIER, YEARS, figures, value

QUERIES = sorted(p.name for p in (SQL_DIR / "analytics").glob("*.sql"))


@pytest.mark.parametrize("name", QUERIES)
def test_query_runs_and_is_shown_in_the_readme(panel: duckdb.DuckDBPyConnection, name: str) -> None:
    text = (SQL_DIR / "analytics" / name).read_text(encoding="utf-8")
    assert text.startswith("-- ")
    assert panel.sql(text).fetchall(), f"{name} returned nothing on the panel"
    assert f"sql/analytics/{name}" in (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")


def test_cross_county_comparison_ranks_loss_rates(panel: duckdb.DuckDBPyConnection) -> None:
    rows = panel.sql((SQL_DIR / "analytics" / "cross_county_comparison.sql").read_text()).fetchall()
    by_county = {r[1]: r for r in rows}
    assert set(by_county) == set(COUNTIES)
    year = 2022
    for county in COUNTIES:
        lost, concluded = value(county, year, "败诉"), value(county, year, "一审审结")
        expected = None if lost is None or concluded is None else round(100 * lost / concluded, 2)
        assert by_county[county][2] == expected, county
    ranked = [r[2] for r in rows if r[2] is not None]
    assert ranked == sorted(ranked, reverse=True)
    assert by_county[NO_LITIGATION][2] is None and by_county[NO_DENOMINATOR][2] is None


def test_county_over_years_lists_each_year(panel: duckdb.DuckDBPyConnection) -> None:
    rows = panel.sql((SQL_DIR / "analytics" / "county_over_years.sql").read_text()).fetchall()
    county = rows[0][0]
    legal_aid = [(r[3], r[4], r[6]) for r in rows if r[1] == "la_cases"]
    values = [value(county, y, "办理法律援助案件") for y in YEARS]
    changes = [None] + [b - a for a, b in itertools.pairwise(values)]  # type: ignore[operator]
    assert legal_aid == list(zip(YEARS, values, changes, strict=True))


def test_outliers_find_the_planted_figure_only(panel: duckdb.DuckDBPyConnection) -> None:
    rows = panel.sql((SQL_DIR / "analytics" / "outliers.sql").read_text()).fetchall()
    assert [(r[1], r[2], r[3]) for r in rows] == [(OUTLIER[0], OUTLIER[1], "la_cases")]
    others = [value(c, OUTLIER[1], "办理法律援助案件") for c in COUNTIES]
    assert rows[0][7] == statistics.median(others)


def test_outliers_need_enough_reports(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.marts.builder import build_report, load

    warehouse = tmp_path / "fazhi.duckdb"
    load(warehouse, *(build_report(c, OUTLIER[1], figures(c, OUTLIER[1])) for c in COUNTIES[:3]))
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.sql((SQL_DIR / "analytics" / "outliers.sql").read_text()).fetchall() == []
