"""Shared fixtures. Prefect state is isolated per test session: PREFECT_HOME is a temp folder set
before anything imports prefect (STACK_NOTES.md: the harness isolates the DB, not result storage)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ["PREFECT_HOME"] = tempfile.mkdtemp(prefix="fazhi-prefect-home-")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

PROJECT_ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_REPORT = PROJECT_ROOT / "seeds" / "reports" / "fangshan-2021.txt"


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    """One temporary Prefect API for every flow test of the session (~10-15 s to start)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=90):
        yield


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    """A path for a fresh warehouse file."""
    return tmp_path / "wh" / "fazhi.duckdb"
