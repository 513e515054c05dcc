"""Mart views on the synthetic panel: values follow the inputs, rates only where both inputs exist."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from fazhi.config import SQL_DIR
from tests.marts.builder import build_report, load
from tests.marts.cases import COUNTIES, NO_DENOMINATOR, NO_LITIGATION, YEARS, ZERO_LOSSES, figures, value

MART_FILES = sorted(p.name for p in (SQL_DIR / "marts").glob("*.sql"))

# indicator code → (numerator label, denominator label) as the synthetic reports word them
FORMULAS = {
    "al_loss_rate": ("败诉", "一审审结"),
    "al_head_appearance_rate_hearings": ("行政机关负责人出庭应诉", "开庭审理"),
    "al_head_appearance_rate_cases": ("行政机关负责人出庭应诉", "行政诉讼案件"),
    "ar_correction_rate": ("纠错", "审结行政复议案件"),
    "ar_mediation_rate": ("调解撤回", "审结行政复议案件"),
    "ar_acceptance_rate": ("受理", "收到行政复议申请"),
}
CASES = [(c, y, code) for c in COUNTIES for y in YEARS for code in FORMULAS]


def _one(con: duckdb.DuckDBPyConnection, query: str, **params: object) -> list[tuple]:
    return con.sql(query, params=params or None).fetchall()


@pytest.mark.parametrize("mart", MART_FILES)
def test_every_mart_file_has_a_header_and_one_view(mart: str) -> None:
    text = (SQL_DIR / "marts" / mart).read_text(encoding="utf-8")
    assert text.startswith("-- "), "header comment saying what a row is"
    assert text.count("CREATE OR REPLACE VIEW") == 1
    view = mart.removesuffix(".sql").lstrip("0123456789_")
    assert f"VIEW {view} AS" in text, "file named after its view"


@pytest.mark.parametrize("mart", MART_FILES)
def test_every_view_is_queryable(panel: duckdb.DuckDBPyConnection, mart: str) -> None:
    view = mart.removesuffix(".sql").lstrip("0123456789_")
    (rows,) = panel.sql(f"SELECT count(*) FROM {view}").fetchall()
    # every label of the panel maps to a catalog metric, so only the curation queue is empty; a *_live
    # view computes materialised rows during a publish only, so it is empty between loads
    assert (rows[0] == 0) == (view == "v_unmapped_labels" or view.endswith("_live"))
    (comment,) = panel.sql("SELECT comment FROM duckdb_views() WHERE view_name = $v", params={"v": view}).fetchall()
    assert comment[0], "BI tools show the view comment as its description"


@pytest.mark.parametrize(("county", "year", "code"), CASES, ids=[f"{c}-{y}-{k}" for c, y, k in CASES])
def test_derived_indicator_follows_its_formula(panel: duckdb.DuckDBPyConnection, county: str, year: int, code: str) -> None:
    numerator_label, denominator_label = FORMULAS[code]
    numerator, denominator = value(county, year, numerator_label), value(county, year, denominator_label)
    rows = _one(
        panel,
        "SELECT value, numerator, denominator FROM v_derived_indicator"
        " WHERE region_name = $c AND report_year = $y AND indicator_code = $k",
        c=county,
        y=year,
        k=code,
    )
    if numerator is None or denominator is None:
        assert rows == [], "a rate is computed only where both inputs were reported"
    else:
        assert rows == [(round(100 * numerator / denominator, 2), numerator, denominator)]


@pytest.mark.parametrize(
    ("county", "code", "expected"),
    [
        (NO_LITIGATION, "al_loss_rate", 0),
        (NO_DENOMINATOR, "al_loss_rate", 0),
        (ZERO_LOSSES, "al_loss_rate", len(YEARS)),
        (NO_DENOMINATOR, "ar_correction_rate", len(YEARS)),
    ],
)
def test_rates_exist_only_for_reported_inputs(panel: duckdb.DuckDBPyConnection, county: str, code: str, expected: int) -> None:
    rows = _one(
        panel, "SELECT count(*) FROM v_derived_indicator WHERE region_name = $c AND indicator_code = $k", c=county, k=code
    )
    assert rows == [(expected,)]


@pytest.mark.parametrize(
    ("county", "metric", "status"),
    [
        (NO_LITIGATION, "al_lost", "not_reported"),
        (ZERO_LOSSES, "al_lost", "reported_as_zero"),
        (COUNTIES[0], "al_lost", "reported"),
        (NO_DENOMINATOR, "al_first_instance_concluded", "not_reported"),
        (COUNTIES[0], "normdoc_reviews", "not_reported"),
        (COUNTIES[0], "la_cases", "reported"),
    ],
)
def test_completeness_tells_not_reported_from_zero(
    panel: duckdb.DuckDBPyConnection, county: str, metric: str, status: str
) -> None:
    rows = _one(
        panel, "SELECT DISTINCT status FROM v_report_completeness WHERE region_name = $c AND metric_code = $m", c=county, m=metric
    )
    assert rows == [(status,)]


def test_completeness_counts_core_metrics_per_report(panel: duckdb.DuckDBPyConnection) -> None:
    rows = _one(
        panel,
        "SELECT region_name, report_year, any_value(core_metrics_reported), count(*) FROM v_report_completeness GROUP BY ALL",
    )
    assert len(rows) == len(COUNTIES) * len(YEARS)
    core = {
        "ar_applications": "收到行政复议申请",
        "ar_concluded": "审结行政复议案件",
        "ar_corrected": "纠错",
        "al_cases": "行政诉讼案件",
        "al_first_instance_concluded": "一审审结",
        "al_lost": "败诉",
        "al_head_appearances": "行政机关负责人出庭应诉",
        "la_cases": "办理法律援助案件",
    }
    for county, year, reported, total in rows:
        assert reported == sum(value(county, year, label) is not None for label in core.values())
        assert total >= len(core)


@pytest.mark.parametrize(("county", "year"), [(c, y) for c in COUNTIES for y in YEARS[1:]])
def test_year_over_year_change(panel: duckdb.DuckDBPyConnection, county: str, year: int) -> None:
    now, before = value(county, year, "办理法律援助案件"), value(county, year - 1, "办理法律援助案件")
    assert now is not None and before is not None
    rows = _one(
        panel,
        "SELECT previous_value, value, change, change_pct FROM v_indicator_yoy"
        " WHERE region_name = $c AND year = $y AND metric_code = 'la_cases'",
        c=county,
        y=year,
    )
    assert rows == [(before, now, now - before, round(100 * (now - before) / before, 2))]


def test_no_year_over_year_between_unresolved_regions(tmp_path: Path) -> None:
    warehouse = tmp_path / "fazhi.duckdb"
    load(warehouse, *(build_report("某某县", y, figures(COUNTIES[0], y), uri=f"mem://unknown-{y}") for y in YEARS[:2]))
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert _one(con, "SELECT DISTINCT region_key FROM v_metric_value") == [(-1,)]
        assert _one(con, "SELECT count(*) FROM v_indicator_yoy") == [(0,)]


def test_no_year_over_year_for_the_first_year(panel: duckdb.DuckDBPyConnection) -> None:
    assert _one(panel, "SELECT count(*) FROM v_indicator_yoy WHERE year = $y", y=YEARS[0]) == [(0,)]


@pytest.mark.parametrize(("county", "year"), [(c, y) for c in COUNTIES for y in YEARS])
def test_breakdown_consistency_sums_parts(panel: duckdb.DuckDBPyConnection, county: str, year: int) -> None:
    figs = figures(county, year)
    totals = {i: f for i, f in enumerate(figs) if any(p.parent == i for p in figs)}
    rows = _one(
        panel,
        "SELECT raw_label, total, parts, parts_sum, status FROM v_breakdown_consistency"
        " WHERE region_name = $c AND report_year = $y ORDER BY raw_label",
        c=county,
        y=year,
    )
    expected = []
    for i, total in totals.items():
        parts = [p.value for p in figs if p.parent == i]
        status = "exact" if sum(parts) == total.value else "partial" if sum(parts) < total.value else "exceeds"
        expected.append((total.label, total.value, len(parts), sum(parts), status))
    assert rows == sorted(expected)


def test_indicator_rows_keep_provenance(panel: duckdb.DuckDBPyConnection) -> None:
    bad = _one(
        panel,
        """SELECT count(*) FROM v_indicator AS v JOIN dim_report AS r USING (report_key)
           WHERE substr(r.body_text, v.char_start + 1, v.char_end - v.char_start) <> v.surface
              OR position(v.surface IN v.sentence) = 0 OR v.source_uri IS NULL""",
    )
    assert bad == [(0,)]


def test_marts_use_current_versions_only(tmp_path: Path) -> None:
    warehouse = tmp_path / "fazhi.duckdb"
    county, year = COUNTIES[0], YEARS[0]
    load(warehouse, build_report(county, year, figures(county, year), uri="a.txt"))
    changed = [f if f.label != "办理法律援助案件" else type(f)(f.label, 999) for f in figures(county, year)]
    load(warehouse, build_report(county, year, changed, uri="a.txt", extra="(修订版)"))
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert _one(con, "SELECT count(*) FROM dim_report") == [(2,)]
        assert _one(con, "SELECT value FROM v_metric_value WHERE metric_code = 'la_cases'") == [(999.0,)]
        assert _one(con, "SELECT count(DISTINCT report_key) FROM v_indicator") == [(1,)]


@pytest.mark.parametrize("live", sorted(p.name for p in (SQL_DIR / "marts").glob("*_live.sql")))
def test_materialised_marts_equal_a_full_recomputation(panel: duckdb.DuckDBPyConnection, live: str) -> None:
    """The per-report refresh at publish gives exactly what computing every current report at once gives."""
    text = (SQL_DIR / "marts" / live).read_text(encoding="utf-8")
    query = text[text.index(" AS\n", text.index("CREATE OR REPLACE VIEW")) + 4 : text.index("COMMENT ON")].rstrip().rstrip(";")
    everything = query.replace("IN (SELECT report_key FROM mart_refresh_keys)", "IS NOT NULL")
    assert everything != query
    view = live.removesuffix("_live.sql").lstrip("0123456789_")
    recomputed = sorted(panel.sql(everything).fetchall(), key=repr)
    materialised = sorted(panel.sql(f"SELECT * FROM {view}").fetchall(), key=repr)
    assert materialised and materialised == recomputed
