"""A warehouse holding the synthetic panel (tests/marts/cases.py), built once per test session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from tests.marts.builder import build_report, load
from tests.marts.cases import COUNTIES, YEARS, figures


@pytest.fixture(scope="session")
def panel_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The panel of five counties over three years, loaded in one load."""
    path = tmp_path_factory.mktemp("panel") / "fazhi.duckdb"
    load(path, *(build_report(c, y, figures(c, y)) for c in COUNTIES for y in YEARS))
    return path


@pytest.fixture
def panel(panel_warehouse: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to the panel warehouse."""
    con = duckdb.connect(str(panel_warehouse), read_only=True)
    yield con
    con.close()
