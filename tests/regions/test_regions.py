"""Region table coverage and resolution of a report's government (golden cases in cases/tricky_names.csv)."""

from __future__ import annotations

import csv
from pathlib import Path

import polars as pl
import pytest

from fazhi.regions import DIM_REGION_COLUMNS, Region, RegionDataError, RegionIndex

CASES = Path(__file__).parent / "cases" / "tricky_names.csv"
ROWS = list(csv.DictReader(CASES.open(encoding="utf-8")))


@pytest.fixture(scope="module")
def index() -> RegionIndex:
    return RegionIndex.load()


@pytest.fixture(scope="module")
def dim_region(index: RegionIndex) -> pl.DataFrame:
    return index.frame(extended=True)


@pytest.mark.parametrize("case", ROWS, ids=[r["case_id"] for r in ROWS])
def test_tricky_name(index: RegionIndex, case: dict[str, str]) -> None:
    texts = [case[k] or None for k in ("title", "publisher", "signature", "hint")]
    match = index.resolve(texts, int(case["year"]) if case["year"] else None)
    if case["expected_code"]:
        assert match.region is not None, match.reason
        assert (match.region.code, match.region.name) == (case["expected_code"], case["expected_name"])
        assert match.matched_text and match.matched_text in "".join(t or "" for t in texts).replace(" ", "")
        assert match.reason is None
    else:
        assert match.region is None, f"guessed {match.region}"
        assert match.reason  # unresolved always says why


def test_ambiguous_reason_lists_candidates(index: RegionIndex) -> None:
    match = index.resolve(["鼓楼区2021年法治政府建设年度报告"], 2021)
    assert match.region is None
    for code in ("320106", "320302", "350102", "410204"):
        assert code in (match.reason or "")


def test_case_list_is_large_enough() -> None:
    assert len(ROWS) >= 50
    assert sum(1 for r in ROWS if not r["expected_code"]) >= 8  # negative cases


def test_whole_country(dim_region: pl.DataFrame) -> None:
    current = dim_region.filter(pl.col("is_current") == "true")
    counts = dict(current.group_by("region_level").len().iter_rows())
    assert counts["province"] == 34
    assert counts["prefecture"] == 333
    assert 2800 <= counts["county"] <= 2900


def test_codes_unique_and_six_digits(dim_region: pl.DataFrame) -> None:
    assert dim_region["region_code"].n_unique() == dim_region.height
    assert dim_region["region_code"].str.contains(r"^\d{6}$").all()


def test_parents_exist_and_are_higher(index: RegionIndex, dim_region: pl.DataFrame) -> None:
    rank = {"province": 0, "prefecture": 1, "county": 2}
    for code, parent in dim_region.select("region_code", "parent_region_code").iter_rows():
        region = index.get(code)
        assert region is not None
        if region.level == "province":
            assert parent is None
            continue
        parent_region = index.get(parent)
        assert parent_region is not None, code
        assert rank[parent_region.level] < rank[region.level]
        assert parent_region.province_name == region.province_name


def test_successors_are_current_units(index: RegionIndex, dim_region: pl.DataFrame) -> None:
    historic = dim_region.filter(pl.col("successor_region_code").is_not_null())
    assert historic.height >= 80
    for code in historic["successor_region_code"]:
        successor = index.get(code)
        assert successor is not None and successor.is_current


def test_frame_contract_columns(index: RegionIndex) -> None:
    frame = index.frame()
    assert tuple(frame.columns) == DIM_REGION_COLUMNS
    assert all(dtype == pl.Utf8 for dtype in frame.dtypes)


def test_load_is_cached() -> None:
    assert RegionIndex.load() is RegionIndex.load()


def test_missing_table_fails_loudly(tmp_path: Path) -> None:
    with pytest.raises(RegionDataError, match="not found"):
        RegionIndex.load(tmp_path / "nope.csv")


def test_malformed_row_names_the_line(tmp_path: Path) -> None:
    source = (Path(__file__).resolve().parents[2] / "seeds" / "regions.csv").read_text(encoding="utf-8")
    header, first, *_ = source.splitlines()
    bad = tmp_path / "regions.csv"
    bad.write_text("\n".join([header, first, first.replace("110000", "11")]) + "\n", encoding="utf-8")
    with pytest.raises(RegionDataError, match=r"regions.csv:3"):
        RegionIndex.load(bad)


def _chain(index: RegionIndex, code: str) -> str:
    region = index.get(code)
    assert region is not None
    if region.level == "province":
        return region.name
    prefecture = region.prefecture_name if region.level == "county" else ""
    return region.province_name + (prefecture or "") + region.name


_INDEX = RegionIndex.load()
_PROVINCES = sorted({r.province_name for r in _INDEX.units() if r.is_current})
_HISTORIC = [r for r in _INDEX.units() if not r.is_current]


@pytest.mark.parametrize("province", _PROVINCES)
def test_every_current_unit_resolves_from_its_full_name(index: RegionIndex, province: str) -> None:
    wrong = []
    for region in (r for r in index.units() if r.is_current and r.province_name == province):
        for year in (2022, None):
            title = f"{_chain(index, region.code)}人民政府2022年法治政府建设年度报告"
            match = index.resolve([title], year)
            if match.region is None or match.region.code != region.code:
                wrong.append((region.code, title, year, match.reason))
    assert wrong == []


@pytest.mark.parametrize("province", _PROVINCES)
def test_plain_name_is_never_another_unit(index: RegionIndex, province: str) -> None:
    wrong = []
    for region in (r for r in index.units() if r.is_current and r.province_name == province):
        match = index.resolve([f"{region.name}2022年法治政府建设年度报告"], 2022)
        if match.region is not None and match.region.code != region.code:
            wrong.append((region.code, region.name, match.region.code))
    assert wrong == []  # resolved to itself or left unresolved with a reason, never guessed


@pytest.mark.parametrize("region", _HISTORIC, ids=[f"{r.code}{r.name}" for r in _HISTORIC])
def test_historic_unit_in_its_year_and_successor_after(index: RegionIndex, region: Region) -> None:
    last_year = (region.valid_to or 2017) - 1
    title = _chain(index, region.code) + "人民政府{}年法治政府建设年度报告"
    before = index.resolve([title.format(last_year)], last_year)
    assert before.region is not None and before.region.code == region.code, before.reason
    after = index.resolve([title.format(2024)], 2024)
    if region.successor_code:
        assert after.region is not None and after.region.code == region.successor_code, after.reason
    else:
        assert after.region is None or after.region.level != region.level  # never a different unit of its level
