"""Running loads the way users do (CLI, or the same stages without Prefect) and checking warehouses.

Checks compare warehouses by content: checksums of sorted rows of the published tables, leaving
out what differs between two correct runs by design (load ids and timestamps).
"""

from __future__ import annotations

import hashlib
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb

PROJECT_ROOT = Path(__file__).resolve().parents[2]

CLI = [sys.executable, "-m", "fazhi.cli"]
DRIVER = [sys.executable, "-m", "tests.reliability.driver"]
# The tables a user queries; ledger tables (load_audit, load_document, quarantine) differ per load.
PUBLISHED_TABLES = ("dim_region", "dim_date", "dim_metric", "dim_report", "fact_statistic", "gate_result")
LEDGER_OUTCOMES = ("published", "unchanged", "duplicate", "quarantined")
TRACEBACK = "Traceback (most recent call last)"
GNU_TIME = "/usr/bin/time"


def base_env(prefect_home: Path, api_url: str | None = None, **extra: str) -> dict[str, str]:
    """The environment of a run under test: offline Prefect settings, no inherited fault settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FAZHI_", "PREFECT_"))}
    env.update(
        {
            "PREFECT_HOME": str(prefect_home),
            "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
            "DO_NOT_TRACK": "1",
            "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
            "PYTHONPATH": str(PROJECT_ROOT),
        }
    )
    if api_url:
        env["PREFECT_API_URL"] = api_url
    env.update(extra)
    return env


@dataclass
class Outcome:
    """How a run under test ended."""

    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_rss_mb: float | None = None

    @property
    def killed(self) -> bool:
        """True when the run died of SIGKILL (a fault checkpoint fired)."""
        return self.returncode == -signal.SIGKILL


def run(cmd: list[str], env: dict[str, str], timeout: float = 300, measure: bool = False) -> Outcome:
    """Run cmd in its own process group (a fault kills only it) and wait; with measure, record its
    peak RSS (GNU time writes it to a file, so the run's own stdout/stderr stay as the user sees them)."""
    peak_file = None
    if measure and Path(GNU_TIME).exists():
        handle, peak_file = tempfile.mkstemp(prefix="fazhi-peak-")
        os.close(handle)
        cmd = [GNU_TIME, "-v", "-o", peak_file, *cmd]
    started = time.monotonic()
    process = subprocess.Popen(
        cmd, cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        out, err = process.communicate()
        raise AssertionError(f"{cmd} did not finish within {timeout} s (hang)\n{err[-2000:]}") from None
    seconds = time.monotonic() - started
    return Outcome(process.returncode, out, err, seconds, _peak_mb(peak_file))


def _peak_mb(peak_file: str | None) -> float | None:
    """Maximum resident set size from GNU time's report, in MB."""
    if peak_file is None:
        return None
    try:
        text = Path(peak_file).read_text(encoding="utf-8", errors="replace")
    finally:
        Path(peak_file).unlink(missing_ok=True)
    match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    return int(match[1]) / 1024 if match else None


def start(cmd: list[str], env: dict[str, str]) -> subprocess.Popen[str]:
    """Start cmd in its own process group without waiting (concurrency tests)."""
    return subprocess.Popen(
        cmd, cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )


def finish(process: subprocess.Popen[str], timeout: float = 300) -> Outcome:
    """Wait for a started process; kill its group on timeout."""
    started = time.monotonic()
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise AssertionError(f"run did not finish within {timeout} s") from None
    return Outcome(process.returncode, out, err, time.monotonic() - started)


def cli_run(sources: list[str], warehouse: Path, env: dict[str, str], timeout: float = 300, measure: bool = False) -> Outcome:
    """`fazhi run SOURCES --warehouse W` as a user types it."""
    return run([*CLI, "run", *sources, "--warehouse", str(warehouse)], env, timeout, measure)


def driver_run(sources: list[str], warehouse: Path, env: dict[str, str], timeout: float = 300, measure: bool = False) -> Outcome:
    """The same stages and checkpoints without Prefect (tests/reliability/driver.py)."""
    return run([*DRIVER, str(warehouse), *sources], env, timeout, measure)


def faulted(env: dict[str, str], at: str, after: int = 1) -> dict[str, str]:
    """env plus the fault-injection settings for one checkpoint."""
    return {**env, "FAZHI_FAULT_AT": at, "FAZHI_FAULT_AFTER": str(after)}


def _kept_columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    """Columns compared between runs: all but load ids and timestamps (they differ by design)."""
    described = con.sql(f'DESCRIBE "{table}"').fetchall()  # table names come from PUBLISHED_TABLES only
    load_ids = ("load_id", "extracted_load_id", "flow_run_id")
    return [name for name, kind, *_ in described if name not in load_ids and "TIMESTAMP" not in kind]


def checksums(warehouse: Path) -> dict[str, tuple[int, str]]:
    """table → (row count, sha256 of its sorted rows) for the published tables."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        out = {}
        for table in PUBLISHED_TABLES:
            columns = ", ".join(f'"{c}"' for c in _kept_columns(con, table))
            rows = sorted(repr(row) for row in con.sql(f'SELECT {columns} FROM "{table}"').fetchall())
            out[table] = (len(rows), hashlib.sha256("\n".join(rows).encode("utf-8")).hexdigest())
        return out
    finally:
        con.close()


def facts_per_report(warehouse: Path) -> dict[str, int]:
    """content_sha256 → number of facts published for that report version (0 when none)."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        rows = con.sql(
            "SELECT r.content_sha256, count(f.statistic_key) FROM dim_report r "
            "LEFT JOIN fact_statistic f USING (report_key) GROUP BY r.content_sha256"
        ).fetchall()
        return dict(rows)
    finally:
        con.close()


def grounding_violations(warehouse: Path) -> int:
    """Facts whose surface is not the body_text at their span (the grounding invariant)."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        ((count,),) = con.sql(
            "SELECT count(*) FROM fact_statistic f JOIN dim_report r USING (report_key) "
            "WHERE substr(r.body_text, f.char_start + 1, f.char_end - f.char_start) IS DISTINCT FROM f.surface"
        ).fetchall()
        return int(count)
    finally:
        con.close()


def query(warehouse: Path, sql: str, params: list[object] | None = None) -> list[tuple[object, ...]]:
    """Rows of a read-only query (test-owned SQL, values always bound)."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.sql(sql, params=params).fetchall()
    finally:
        con.close()


def last_load_documents(warehouse: Path) -> dict[str, tuple[str, str | None]]:
    """source_uri → (outcome, reason) in the most recent load's load_document rows."""
    rows = query(
        warehouse,
        "SELECT source_uri, outcome, reason FROM load_document "
        "WHERE load_id = (SELECT load_id FROM load_audit ORDER BY started_at DESC, load_id DESC LIMIT 1)",
    )
    return {uri: (outcome, reason) for uri, outcome, reason in rows}


def scratch_files(warehouse: Path) -> list[Path]:
    """Leftover scratch copies of a warehouse (.NAME.next-PID and their WALs)."""
    return sorted(warehouse.parent.glob(f".{warehouse.name}.next-*"))


# Kill moments: (checkpoint, n-th time reached). Item checkpoints fire mid-batch (a load adds `half`
# new reports to a warehouse holding the other half); the others fire once per load.
def kill_points(half: int) -> list[tuple[str, int]]:
    """One kill per named checkpoint of fazhi/faults.py, item checkpoints in the middle of the batch."""
    return [
        ("discover:done", 1),
        ("read:item", half // 2),
        ("extract:item", half - 10),
        ("gate:validating", 1),
        ("publish:copied", 1),
        ("publish:in_transaction", 1),
        ("publish:committed", 1),
        ("publish:swapped", 1),
    ]


SWAPPED = {"publish:swapped"}  # killed after the new file is in place: the load is published


def after_kill_problems(
    warehouse: Path,
    checkpoint: str,
    before: dict[str, tuple[int, str]],
    reference: dict[str, tuple[int, str]],
    facts: dict[str, int],
) -> list[str]:
    """What is wrong with a warehouse after a kill: it must open and hold exactly the old or the new load."""
    try:
        duckdb.connect(str(warehouse), read_only=True).close()
    except duckdb.Error as exc:
        return [f"the warehouse does not open: {exc}"]
    problems = []
    expected = reference if checkpoint in SWAPPED else before
    if checksums(warehouse) != expected:
        problems.append("the published tables are neither the old nor the new load")
    partial = {sha: n for sha, n in facts_per_report(warehouse).items() if facts.get(sha) != n}
    if partial:
        problems.append(f"{len(partial)} report(s) with some but not all facts")
    if grounding_violations(warehouse):
        problems.append("facts whose surface is not the text at their span")
    return problems


def rerun_problems(warehouse: Path, outcome: Outcome, inputs: set[str], reference: dict[str, tuple[int, str]]) -> list[str]:
    """What is wrong after a plain rerun: it must end exactly where an uninterrupted load ends."""
    problems = []
    if outcome.returncode != 0:
        problems.append(f"rerun exit {outcome.returncode}: {outcome.stderr[-500:]}")
    if TRACEBACK in outcome.stdout + outcome.stderr:
        problems.append("a traceback was printed")
    if not warehouse.exists():
        return [*problems, "no warehouse after the rerun"]
    if checksums(warehouse) != reference:
        problems.append("published tables differ from the uninterrupted load")
    if scratch_files(warehouse):
        problems.append(f"scratch copies left: {scratch_files(warehouse)}")
    ledger = last_load_documents(warehouse)
    if set(ledger) != inputs:
        problems.append(f"{len(inputs ^ set(ledger))} input(s) missing from or extra in the ledger")
    if {o for o, _ in ledger.values()} - {"published", "unchanged"}:
        problems.append("inputs neither published nor unchanged")
    return problems


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def prefect_server(home: Path, startup_seconds: float = 120) -> Iterator[dict[str, str]]:
    """A `prefect server` for many CLI runs (each skips its own ephemeral server start); yields the
    environment pointing at it, or an ephemeral-server environment if it does not come up."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}/api"
    server = subprocess.Popen(
        [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=base_env(home),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + startup_seconds
    ready = False
    while not ready and time.monotonic() < deadline and server.poll() is None:
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=2) as response:
                ready = response.status == 200
        except OSError:
            time.sleep(1)
    try:
        yield base_env(home, url if ready else None)
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
