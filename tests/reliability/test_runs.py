"""Idempotency and concurrency: identical runs give identical tables, a rerun after a failure
completes the work, two loads of one warehouse never corrupt it, a BI reader sees a consistent
old state during the loads (issue 9)."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from fazhi.warehouse.lock import load_lock
from tests.reliability import harness
from tests.reliability.conftest import CRASH_REPORTS, HALF, Reference

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
def test_two_cli_runs_at_once_with_a_reader(
    reference: Reference, half_loaded: Path, crash_corpus: Path, prefect_env: dict[str, str], tmp_path: Path
) -> None:
    """Two `fazhi run` started together while a read-only connection (a BI tool) is open: one publishes, the
    other waits for the lock and finds everything unchanged; the reader keeps a consistent old view, a new
    connection sees the new data, and the result equals one uninterrupted load (identical runs)."""
    warehouse = tmp_path / "fazhi.duckdb"
    shutil.copyfile(half_loaded, warehouse)
    reader = duckdb.connect(str(warehouse), read_only=True)
    count = "SELECT count(*) FROM dim_report"
    try:
        ((before,),) = reader.sql(count).fetchall()
        env = {**prefect_env, "FAZHI_LOCK_WAIT": "600"}
        command = [*harness.CLI, "run", str(crash_corpus), "--warehouse", str(warehouse)]
        first, second = harness.start(command, env), harness.start(command, env)
        results = [harness.finish(first, 900), harness.finish(second, 900)]
        ((during,),) = reader.sql(count).fetchall()
        ((grounded,),) = reader.sql(
            "SELECT count(*) = 0 FROM fact_statistic f JOIN dim_report r USING (report_key) "
            "WHERE substr(r.body_text, f.char_start + 1, f.char_end - f.char_start) <> f.surface"
        ).fetchall()
    finally:
        reader.close()
    for result in results:
        assert result.returncode == 0, result.stderr[-2000:]
        assert harness.TRACEBACK not in result.stdout + result.stderr
    assert before == during == HALF and grounded, "the open reader saw the load change under it"
    assert harness.query(warehouse, count) == [(CRASH_REPORTS,)]
    assert harness.checksums(warehouse) == reference.checksums
    # started_at is taken before the lock, so the waiting load may have started first: compare as a set
    loads = sorted(sorted(load.items()) for load in _outcomes(warehouse)[1:])
    assert loads == sorted([[("published", HALF), ("unchanged", HALF)], [("unchanged", CRASH_REPORTS)]])
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
