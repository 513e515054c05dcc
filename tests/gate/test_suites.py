"""The suites in expectations/ are reviewable, complete and consistent with the code that runs them."""

from __future__ import annotations

import json

import polars as pl
import pytest

from fazhi.config import EXPECTATIONS_DIR
from fazhi.gate.rows import failing_rows, supported
from fazhi.gate.suites import SEVERITIES, load_suite_spec

SUITES = sorted(p.stem for p in EXPECTATIONS_DIR.glob("*.json"))


@pytest.mark.parametrize("name", SUITES)
def test_every_expectation_has_a_check_name_severity_reason_and_row_finder(name: str) -> None:
    spec = load_suite_spec(name)
    checks = [e["meta"]["check"] for e in spec["expectations"]]
    assert len(checks) == len(set(checks)), "check names must be unique within a suite"
    for expectation in spec["expectations"]:
        assert expectation["meta"]["severity"] in SEVERITIES
        assert len(expectation["meta"]["reason"]) > 20
        assert supported(expectation["type"])


def test_both_contract_tables_have_a_suite() -> None:
    assert {"fact_statistic", "dim_report"} <= set(SUITES)
    assert json.loads((EXPECTATIONS_DIR / "fact_statistic.json").read_text(encoding="utf-8"))["meta"]["about"]


def test_a_suite_without_severity_is_refused(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "bad.json").write_text(
        '{"name": "bad", "expectations": [{"type": "expect_column_values_to_not_be_null", '
        '"kwargs": {"column": "x"}, "meta": {"check": "x"}}]}'
    )
    with pytest.raises(ValueError, match="severity"):
        load_suite_spec("bad", tmp_path)


ROWS = pl.DataFrame({"k": [1, 2, 2, None], "kind": ["count", "x", "count", None], "v": [5.0, -1.0, 200.0, None]})


@pytest.mark.parametrize(
    ("etype", "kwargs", "expected_k"),
    [
        ("expect_column_values_to_not_be_null", {"column": "k"}, [None]),
        ("expect_column_values_to_be_unique", {"column": "k"}, [2, 2]),
        ("expect_column_values_to_be_in_set", {"column": "kind", "value_set": ["count"]}, [2]),
        ("expect_column_values_to_be_between", {"column": "v", "min_value": 0, "max_value": 100}, [2, 2]),
    ],
)
def test_failing_rows_match_gx_semantics(etype: str, kwargs: dict, expected_k: list) -> None:  # type: ignore[type-arg]
    assert [r["k"] for r in failing_rows(ROWS, etype, kwargs, ["k"])] == expected_k
