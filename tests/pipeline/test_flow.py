"""The Prefect flow itself: states a schedule can alert on, the per-input artifact, failures as one line."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from fazhi.warehouse.lock import load_lock
from tests.conftest import EXAMPLE_REPORT

pytestmark = pytest.mark.flow


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    """A folder with the example report and an input that cannot be read (an unsupported format)."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    shutil.copy(EXAMPLE_REPORT, folder / "fangshan.txt")
    (folder / "notes.xlsx").write_bytes(b"PK\x03\x04 not really a spreadsheet")
    return folder


def test_quarantine_gives_a_distinct_completed_state_and_an_artifact(prefect_harness: None, inbox: Path, warehouse: Path) -> None:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    from flows.load import load_reports

    state = load_reports([str(inbox)], str(warehouse), return_state=True)
    assert state.is_completed()
    assert state.name == "CompletedWithQuarantine"
    summary = state.result()
    assert summary.audit["documents_quarantined"] == 1
    assert summary.audit["documents_published"] == 1
    with get_client(sync_client=True) as client:
        artifacts = client.read_artifacts(artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["fazhi-load"])))
    assert artifacts
    table = str(artifacts[-1].data)
    assert "notes.xlsx" in table and "quarantined" in table and "fangshan.txt" in table
    with duckdb.connect(str(warehouse), read_only=True) as con:
        outcomes = dict(con.sql("SELECT source_uri, outcome FROM load_document").fetchall())
    assert outcomes == {str(inbox / "fangshan.txt"): "published", str(inbox / "notes.xlsx"): "quarantined"}


def test_a_clean_rerun_is_plain_completed(prefect_harness: None, warehouse: Path) -> None:
    from flows.load import load_reports

    load_reports([str(EXAMPLE_REPORT)], str(warehouse))
    state = load_reports([str(EXAMPLE_REPORT)], str(warehouse), return_state=True)
    assert state.is_completed() and state.name == "Completed"
    assert state.result().audit["documents_skipped"] == 1


def test_a_busy_warehouse_fails_the_run_with_one_clear_line(
    prefect_harness: None, warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flows.load import load_reports

    monkeypatch.setenv("FAZHI_LOCK_WAIT", "0.5")
    with load_lock(warehouse):
        state = load_reports([str(EXAMPLE_REPORT)], str(warehouse), return_state=True)
    assert state.is_failed()
    assert "another fazhi load" in (state.message or "")
    assert "Traceback" not in (state.message or "")
