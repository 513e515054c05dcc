"""Which rows fail an expectation: GX decides pass/fail for the batch (fast SUMMARY results);
this finds the failing rows with polars, so each failure can be pinned on its report.

GX's COMPLETE result format with index columns costs ~200 µs per row (11 s for 55k facts);
the same answer from polars takes milliseconds. Only the expectation types used in
expectations/*.json are supported; a new type fails loudly here until it is added.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import polars as pl

_FAILING: dict[str, Callable[[dict[str, Any]], pl.Expr]] = {
    "expect_column_values_to_not_be_null": lambda kw: pl.col(kw["column"]).is_null(),
    "expect_column_values_to_be_unique": lambda kw: pl.col(kw["column"]).is_not_null() & pl.col(kw["column"]).is_duplicated(),
    "expect_column_values_to_be_in_set": lambda kw: (
        pl.col(kw["column"]).is_not_null() & ~pl.col(kw["column"]).is_in(kw["value_set"])
    ),
    "expect_column_values_to_be_between": lambda kw: (
        pl.col(kw["column"]).is_not_null()
        & ~pl.col(kw["column"]).is_between(
            kw.get("min_value") if kw.get("min_value") is not None else float("-inf"),
            kw.get("max_value") if kw.get("max_value") is not None else float("inf"),
        )
    ),
}


def supported(expectation_type: str) -> bool:
    """True when failing rows of this expectation type can be found here."""
    return expectation_type in _FAILING


def failing_rows(frame: pl.DataFrame, expectation_type: str, kwargs: dict[str, Any], columns: list[str]) -> list[dict[str, Any]]:
    """The rows of frame (only the given columns, plus the checked one) that fail the expectation."""
    if expectation_type not in _FAILING:
        raise ValueError(f"no row finder for {expectation_type}: add one to fazhi/gate/rows.py")
    checked = kwargs["column"]
    keep = [c for c in dict.fromkeys([checked, *columns]) if c in frame.columns]
    return frame.filter(_FAILING[expectation_type](kwargs)).select(keep).to_dicts()
