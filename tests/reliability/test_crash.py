"""Crash consistency: kill -9 the whole load at each named moment; the warehouse stays whole and a
plain rerun ends exactly where an uninterrupted load ends (issue 9).

Each case starts from a warehouse holding half the corpus (an earlier load) and loads the whole
corpus, so "as it was" is a real state with data, not a missing file.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from fazhi.faults import CHECKPOINTS
from tests.reliability import harness
from tests.reliability.conftest import CRASH_REPORTS, HALF, Reference

DRIVER_KILLS = harness.kill_points(HALF)
CLI_KILLS = [("extract:item", HALF // 3), ("publish:in_transaction", 1)]


def test_every_named_checkpoint_is_covered() -> None:
    """A checkpoint added to fazhi/faults.py without a crash case here fails this test."""
    covered = {name for name, _ in DRIVER_KILLS}
    assert set(CHECKPOINTS) <= covered


def _check_after_kill(warehouse: Path, checkpoint: str, before: dict[str, tuple[int, str]], reference: Reference) -> None:
    """The killed load left either the old warehouse or the new one, whole and grounded."""
    assert harness.after_kill_problems(warehouse, checkpoint, before, reference.checksums, reference.facts) == []


def _check_rerun(warehouse: Path, outcome: harness.Outcome, corpus: Path, reference: Reference) -> None:
    """A plain rerun completes the work: same tables as an uninterrupted load, every input accounted."""
    assert harness.rerun_problems(warehouse, outcome, {str(p) for p in corpus.iterdir()}, reference.checksums) == []


@pytest.fixture
def start_state(half_loaded: Path, tmp_path: Path) -> Path:
    """A private copy of the half-loaded warehouse."""
    warehouse = tmp_path / "wh" / "fazhi.duckdb"
    warehouse.parent.mkdir()
    shutil.copyfile(half_loaded, warehouse)
    return warehouse


@pytest.mark.slow
@pytest.mark.parametrize(("checkpoint", "after"), DRIVER_KILLS, ids=[f"{c}#{n}" for c, n in DRIVER_KILLS])
def test_kill_during_load_then_rerun(
    checkpoint: str, after: int, start_state: Path, crash_corpus: Path, reference: Reference, local_env: dict[str, str]
) -> None:
    """kill -9 at one moment (same stages as `fazhi run`, without Prefect), check, rerun, compare."""
    before = harness.checksums(start_state)
    killed = harness.driver_run([str(crash_corpus)], start_state, harness.faulted(local_env, checkpoint, after))
    assert killed.killed, f"the run was not killed at {checkpoint} (exit {killed.returncode}): {killed.stderr[-2000:]}"
    _check_after_kill(start_state, checkpoint, before, reference)
    _check_rerun(start_state, harness.driver_run([str(crash_corpus)], start_state, local_env), crash_corpus, reference)


@pytest.mark.slow
@pytest.mark.parametrize(("checkpoint", "after"), CLI_KILLS, ids=[f"cli-{c}#{n}" for c, n in CLI_KILLS])
def test_kill_cli_load_then_rerun(
    checkpoint: str, after: int, start_state: Path, crash_corpus: Path, reference: Reference, prefect_env: dict[str, str]
) -> None:
    """The same with the real `fazhi run` (Prefect flow): killed, then rerun by the CLI with no manual step."""
    before = harness.checksums(start_state)
    killed = harness.cli_run([str(crash_corpus)], start_state, harness.faulted(prefect_env, checkpoint, after))
    assert killed.killed, f"the CLI was not killed at {checkpoint} (exit {killed.returncode}): {killed.stderr[-2000:]}"
    _check_after_kill(start_state, checkpoint, before, reference)
    _check_rerun(start_state, harness.cli_run([str(crash_corpus)], start_state, prefect_env), crash_corpus, reference)


def test_corpus_is_multi_hundred(crash_corpus: Path, reference: Reference) -> None:
    """The crash corpus is what the issue asks for: hundreds of reports, all published by the reference load."""
    assert len(list(crash_corpus.iterdir())) == CRASH_REPORTS
    assert reference.checksums["dim_report"][0] == CRASH_REPORTS
    assert all(n > 0 for n in reference.facts.values())


DAMAGE = {
    "facts of one report deleted": "DELETE FROM fact_statistic WHERE report_key = (SELECT min(report_key) FROM dim_report)",
    "a surface changed": "UPDATE fact_statistic SET surface = surface || '0' "
    "WHERE statistic_key = (SELECT min(statistic_key) FROM fact_statistic)",
    "a report deleted": "DELETE FROM dim_report WHERE report_key = (SELECT max(report_key) FROM dim_report)",
}


@pytest.mark.parametrize("statement", DAMAGE.values(), ids=list(DAMAGE))
def test_checks_detect_a_damaged_warehouse(statement: str, reference: Reference, tmp_path: Path) -> None:
    """The after-kill checks are not vacuous: a partly published or altered warehouse is reported."""
    warehouse = tmp_path / "fazhi.duckdb"
    shutil.copyfile(reference.warehouse, warehouse)
    con = duckdb.connect(str(warehouse))
    con.execute(statement)
    con.close()
    assert harness.after_kill_problems(warehouse, "publish:swapped", reference.checksums, reference.checksums, reference.facts)
