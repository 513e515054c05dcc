"""The metric catalog: golden label mappings (cases/labels.csv), catalog integrity, frames."""

from __future__ import annotations

import csv
import shutil
import time
from pathlib import Path

import polars as pl
import pytest

from fazhi.metrics import UNCLASSIFIED, CatalogError, MetricCatalog

CASES = Path(__file__).parent / "cases" / "labels.csv"
ROWS = list(csv.DictReader(CASES.open(encoding="utf-8")))
SEED = Path(__file__).resolve().parents[2] / "seeds" / "metric_catalog.csv"


@pytest.fixture(scope="module")
def catalog() -> MetricCatalog:
    return MetricCatalog.load()


@pytest.mark.parametrize("case", ROWS, ids=[r["case_id"] for r in ROWS])
def test_label(catalog: MetricCatalog, case: dict[str, str]) -> None:
    got = catalog.map_label(case["raw_label"], case["unit"], case["parent_metric"] or None)
    assert got == (case["expected_metric"] or None)


def test_case_list_is_large_enough() -> None:
    assert len(ROWS) >= 80
    assert sum(1 for r in ROWS if not r["expected_metric"]) >= 10  # labels that must stay unmapped


def test_expected_metrics_exist(catalog: MetricCatalog) -> None:
    for row in ROWS:
        if row["expected_metric"]:
            assert catalog.get(row["expected_metric"]) is not None, row["case_id"]


def test_at_least_60_base_metrics(catalog: MetricCatalog) -> None:
    frame = catalog.frame().filter(pl.col("metric_code") != UNCLASSIFIED)
    assert frame.height >= 60
    assert frame.filter(pl.col("unit_family").is_null()).height == 0
    assert frame["metric_code"].n_unique() == frame.height


def test_frame_schema_and_unclassified_row(catalog: MetricCatalog) -> None:
    frame = catalog.frame()
    assert frame.schema == pl.Schema(
        {
            "metric_code": pl.Utf8,
            "name_zh": pl.Utf8,
            "name_en": pl.Utf8,
            "category": pl.Utf8,
            "unit": pl.Utf8,
            "is_additive": pl.Boolean,
            "parent_metric_code": pl.Utf8,
            "unit_family": pl.Utf8,
            "rate_max": pl.Float64,
        }
    )
    unclassified = frame.filter(pl.col("metric_code") == UNCLASSIFIED)
    assert unclassified.height == 1 and unclassified["is_additive"].to_list() == [False]


@pytest.mark.parametrize(
    ("code", "rate_max"),
    [
        ("gen_satisfaction_rate", 100.0),
        ("al_head_appearance_rate", 100.0),
        ("gs_online_rate", 100.0),
        ("gen_completion_rate", None),
        ("la_cases", None),
    ],
)
def test_rate_max(catalog: MetricCatalog, code: str, rate_max: float | None) -> None:
    row = catalog.frame().filter(pl.col("metric_code") == code)
    assert row["rate_max"].to_list() == [rate_max]


def test_rates_are_never_additive(catalog: MetricCatalog) -> None:
    rates = catalog.frame().filter(pl.col("unit") == "%")
    assert rates.height >= 10
    assert not rates["is_additive"].any()


def test_parents_are_catalog_metrics_without_cycles(catalog: MetricCatalog) -> None:
    frame = catalog.frame()
    parents = dict(frame.select("metric_code", "parent_metric_code").iter_rows())
    for code in parents:
        seen, current = set(), code
        while parents.get(current):
            assert parents[current] in parents
            assert current not in seen, f"cycle at {code}"
            seen.add(current)
            current = parents[current]


@pytest.mark.parametrize(
    ("code", "unit", "fits"),
    [
        ("pls_consultations", "件", True),
        ("pls_consultations", "人次", True),
        ("pls_consultations", "元", False),
        ("le_penalty_amount", "万元", True),
        ("la_cases", "%", False),
        ("gs_service_items", "个", True),
        ("la_cases", "", None),
        ("no_such_metric", "件", None),
    ],
)
def test_unit_fits(catalog: MetricCatalog, code: str, unit: str, fits: bool | None) -> None:
    assert catalog.unit_fits(code, unit) is fits


def test_map_frame_matches_map_label_and_keeps_order(catalog: MetricCatalog) -> None:
    labels = pl.DataFrame(
        {
            "raw_label": [r["raw_label"] for r in ROWS] + [None],
            "unit": [r["unit"] for r in ROWS] + ["件"],
            "parent_metric_code": [r["parent_metric"] or None for r in ROWS] + [None],
            "extra": list(range(len(ROWS) + 1)),
        }
    )
    out = catalog.map_frame(labels)
    assert out["extra"].to_list() == labels["extra"].to_list()
    assert out["metric_code"].to_list() == [r["expected_metric"] or None for r in ROWS] + [None]


def test_map_frame_without_parent_column(catalog: MetricCatalog) -> None:
    out = catalog.map_frame(pl.DataFrame({"raw_label": ["维持", "法律援助案件"], "unit": ["件", "件"]}))
    assert out["metric_code"].to_list() == [None, "la_cases"]


def test_mapping_is_fast(tmp_path: Path) -> None:
    fresh = MetricCatalog.load(Path(shutil.copy(SEED, tmp_path / "catalog.csv")))  # uncached: real matching
    labels = [(r["raw_label"] + str(i), r["unit"]) for i in range(20) for r in ROWS]
    started = time.perf_counter()
    for label, unit in labels:
        fresh.map_label(label, unit)
    per_label = (time.perf_counter() - started) / len(labels)
    assert per_label < 0.001  # 500k labels (10,000 reports × 50) in under ~8 minutes even uncached


def _write(tmp_path: Path, edit: str, replacement: str) -> Path:
    text = SEED.read_text(encoding="utf-8")
    assert edit in text
    target = tmp_path / "metric_catalog.csv"
    target.write_text(text.replace(edit, replacement, 1), encoding="utf-8")
    return target


@pytest.mark.parametrize(
    ("edit", "replacement", "message"),
    [
        ("la_cases,法律援助案件数", "la_criminal_cases,法律援助案件数", "duplicate metric_code"),
        (",la_cases,,刑事法律援助", ",no_such_parent,,刑事法律援助", "unknown parent_metric_code"),
        ("件,case,yes,la_cases,,刑事法律援助", "件,cases,yes,la_cases,,刑事法律援助", "unknown unit families"),
        ("件,case,yes,la_cases,,刑事法律援助", "件,case,maybe,la_cases,,刑事法律援助", "additivity"),
        ("%,percent,no,,100,满意度", "%,percent,no,,hundred,满意度", "rate_max"),
        ("元,money,yes,,,罚没款", "元,case,yes,,,罚没款", "not in its own unit_family"),
    ],
    ids=["duplicate", "parent", "family", "additivity", "rate_max", "unit_vs_family"],
)
def test_bad_catalog_is_refused(tmp_path: Path, edit: str, replacement: str, message: str) -> None:
    with pytest.raises(CatalogError, match=message):
        MetricCatalog.load(_write(tmp_path, edit, replacement))


def test_missing_catalog_fails_loudly(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="not found"):
        MetricCatalog.load(tmp_path / "nope.csv")


def test_map_facts_uses_parent_and_sentence_context(catalog: MetricCatalog) -> None:
    s1 = "收到行政复议申请37件，受理31件；审结29件，其中维持17件，撤销5件。"
    s2 = "一审行政诉讼案件30件，其中撤销9件。"
    facts = pl.DataFrame(
        {
            "statistic_key": [11, 12, 13, 14, 15, 21, 22, 31],
            "report_key": [1, 1, 1, 1, 1, 1, 1, 2],
            "parent_statistic_key": [None, None, None, 13, 13, None, 21, None],
            "sentence": [s1, s1, s1, s1, s1, s2, s2, "维持3件。"],
            "char_start": [0, 10, 20, 30, 40, 100, 110, 0],
            "raw_label": ["收到行政复议申请", "受理", "审结", "维持", "撤销", "一审行政诉讼案件", "撤销", "维持"],
            "unit": ["件"] * 8,
        }
    ).reverse()  # input order must not matter
    out = catalog.map_facts(facts)
    got = dict(zip(out["statistic_key"], out["metric_code"], strict=True))
    assert got == {
        11: "ar_applications",
        12: "ar_accepted",  # bare 受理 after a reconsideration figure in the same sentence
        13: "ar_concluded",
        14: "ar_upheld",
        15: "ar_corrected",  # 撤销 under reconsideration
        21: "al_cases",
        22: "al_lost",  # 撤销 under litigation
        31: None,  # bare 维持 with no context in its report
    }
    assert out["statistic_key"].to_list() == facts["statistic_key"].to_list()


def test_map_facts_names_missing_columns(catalog: MetricCatalog) -> None:
    with pytest.raises(ValueError, match="parent_statistic_key"):
        catalog.map_facts(pl.DataFrame({"raw_label": ["x"], "unit": ["件"]}))
