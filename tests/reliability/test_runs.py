"""Idempotency and concurrency: identical runs give identical tables, a rerun after a failure
completes the work, two loads of one warehouse never corrupt it, a BI reader sees a consistent
old state during a load (issue 9)."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from fazhi.warehouse.lock import load_lock
from tests.reliability import harness
from tests.reliability.conftest import CRASH_REPORTS, Reference
from tests.reliability.corpus import good_reports

BUSY_MESSAGE = "another fazhi load"


def _outcomes(warehouse: Path) -> list[dict[str, int]]:
    """Per load (in order): outcome → number of inputs."""
    rows = harness.query(
        warehouse,
        "SELECT a.load_id, d.outcome, count(*) FROM load_audit a JOIN load_document d USING (load_id) "
        "GROUP BY a.load_id, a.started_at, d.outcome ORDER BY a.started_at, a.load_id",
    )
    loads: dict[str, dict[str, int]] = {}
    for load_id, outcome, count in rows:
        loads.setdefault(str(load_id), {})[str(outcome)] = int(count)
    return list(loads.values())


@pytest.mark.slow
def test_two_cli_runs_at_once_one_publishes_one_waits(
    reference: Reference, crash_corpus: Path, prefect_env: dict[str, str], tmp_path: Path
) -> None:
    """Two `fazhi run` started together on a new warehouse: one publishes, the other waits for the lock and
    finds everything unchanged; the result equals an uninterrupted load by the other runner (identical runs)."""
    warehouse = tmp_path / "fazhi.duckdb"
    env = {**prefect_env, "FAZHI_LOCK_WAIT": "600"}
    command = [*harness.CLI, "run", str(crash_corpus), "--warehouse", str(warehouse)]
    first, second = harness.start(command, env), harness.start(command, env)
    results = [harness.finish(first, 900), harness.finish(second, 900)]
    for result in results:
        assert result.returncode == 0, result.stderr[-2000:]
        assert harness.TRACEBACK not in result.stdout + result.stderr
    assert harness.checksums(warehouse) == reference.checksums
    # started_at is taken before the lock, so the waiting load may have started first: compare as a set
    assert sorted(map(str, _outcomes(warehouse))) == sorted(
        map(str, [{"published": CRASH_REPORTS}, {"unchanged": CRASH_REPORTS}])
    )
    assert harness.scratch_files(warehouse) == []


@pytest.mark.slow
def test_busy_warehouse_fails_clearly_then_rerun_completes(
    reference: Reference, crash_corpus: Path, prefect_env: dict[str, str], local_env: dict[str, str], tmp_path: Path
) -> None:
    """While another load holds the lock, `fazhi run` with a short wait exits 4 with one clear line and
    changes nothing; once the lock is free a plain rerun publishes everything."""
    warehouse = tmp_path / "fazhi.duckdb"
    with load_lock(warehouse, 0):
        busy = harness.cli_run([str(crash_corpus)], warehouse, {**prefect_env, "FAZHI_LOCK_WAIT": "1"})
    assert busy.returncode == 4, busy.stdout[-2000:] + busy.stderr[-2000:]
    assert BUSY_MESSAGE in busy.stderr
    assert harness.TRACEBACK not in busy.stdout + busy.stderr
    assert not warehouse.exists(), "a load that never got the lock wrote the warehouse"
    rerun = harness.driver_run([str(crash_corpus)], warehouse, local_env)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    assert harness.checksums(warehouse) == reference.checksums


@pytest.mark.slow
def test_reader_during_load_sees_old_state_then_new(reference: Reference, local_env: dict[str, str], tmp_path: Path) -> None:
    """A read-only connection (a BI tool) held open through a load: the load succeeds, the reader keeps a
    consistent old view, a new connection sees the new reports."""
    warehouse = tmp_path / "fazhi.duckdb"
    shutil.copyfile(reference.warehouse, warehouse)
    new_reports = good_reports(tmp_path / "new", 5, seed=2024, year=2023)
    reader = duckdb.connect(str(warehouse), read_only=True)
    try:
        count = "SELECT count(*) FROM dim_report"
        ((before,),) = reader.sql(count).fetchall()
        outcome = harness.driver_run([str(tmp_path / "new")], warehouse, local_env)
        assert outcome.returncode == 0, outcome.stderr[-2000:]
        ((during,),) = reader.sql(count).fetchall()
        ((facts_ok,),) = reader.sql(
            "SELECT count(*) = 0 FROM fact_statistic f JOIN dim_report r USING (report_key) "
            "WHERE substr(r.body_text, f.char_start + 1, f.char_end - f.char_start) <> f.surface"
        ).fetchall()
        with pytest.raises(duckdb.Error):
            reader.execute("DELETE FROM fact_statistic")  # BI access is read-only
    finally:
        reader.close()
    assert before == during == CRASH_REPORTS and facts_ok
    ((after,),) = harness.query(warehouse, count)
    assert after == CRASH_REPORTS + len(new_reports)
