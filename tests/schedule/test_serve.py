"""Scheduled runs against a real Prefect server: `fazhi serve` registers the daily deployment
(cron 0 6 * * *, Asia/Shanghai), a triggered run completes, and review pages appear after it."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE_REPORT, PROJECT_ROOT

BIN = Path(sys.executable).parent
START_TIMEOUT = 90  # seconds; a server is ready in ~6 s on an idle 2-core machine


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _stop(process: subprocess.Popen[bytes], grace: float = 15) -> None:
    """SIGTERM the process group we started, then SIGKILL it if it lingers."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(grace)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(5)


def _wait_healthy(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        assert process.poll() is None, f"prefect server exited: {log.read_text()[-2000:]}"
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"prefect server not healthy after {START_TIMEOUT} s: {log.read_text()[-2000:]}")


@pytest.fixture
def prefect_server(tmp_path: Path) -> Iterator[tuple[str, dict[str, str]]]:
    """scripts/prefect-server.sh on a free loopback port with its own PREFECT_HOME; stopped afterwards."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    env.update(PREFECT_HOME=str(tmp_path / "prefect-home"), PREFECT_SERVER_ANALYTICS_ENABLED="false", DO_NOT_TRACK="1")
    port = _free_port()
    log = tmp_path / "server.log"
    with open(log, "wb") as out:
        server = subprocess.Popen(
            [str(PROJECT_ROOT / "scripts" / "prefect-server.sh"), str(port)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}/api"
    try:
        _wait_healthy(url, server, log)
        deadline = time.monotonic() + 10  # the script prints the UI URL once the API answers
        while "Prefect server ready" not in log.read_text() and time.monotonic() < deadline:
            time.sleep(0.2)
        printed = log.read_text()
        assert f"UI:              http://127.0.0.1:{port}" in printed and f"PREFECT_API_URL={url}" in printed, printed[-2000:]
        yield url, {**env, "PREFECT_API_URL": url}
    finally:
        _stop(server)
        urls_answering = True
        try:
            urllib.request.urlopen(f"{url}/health", timeout=2)
        except OSError:
            urls_answering = False
        assert not urls_answering, "the server was left running"


@pytest.mark.slow
def test_serve_registers_the_daily_deployment_and_a_run_completes(
    prefect_server: tuple[str, dict[str, str]], tmp_path: Path
) -> None:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.objects import StateType
    from prefect.deployments import run_deployment
    from prefect.settings import PREFECT_API_URL, temporary_settings

    url, env = prefect_server
    reports = tmp_path / "reports"
    reports.mkdir()
    shutil.copy(EXAMPLE_REPORT, reports)
    warehouse = tmp_path / "wh" / "fazhi.duckdb"
    log = tmp_path / "serve.log"
    env = {**env, "PREFECT_RUNNER_POLL_FREQUENCY": "1"}  # pick the triggered run up in 1 s, not 10
    marks = {"start": time.monotonic()}
    with open(log, "wb") as out:
        served = subprocess.Popen(
            [str(BIN / "fazhi"), "serve", str(reports), "--warehouse", str(warehouse), "--name", "daily"],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        with temporary_settings({PREFECT_API_URL: url}):
            with get_client(sync_client=True) as client:
                deadline = time.monotonic() + START_TIMEOUT
                deployment = None
                while deployment is None and time.monotonic() < deadline:
                    assert served.poll() is None, f"fazhi serve exited: {log.read_text()[-3000:]}"
                    try:
                        deployment = client.read_deployment_by_name("fazhi-load/daily")
                    except Exception:
                        time.sleep(0.5)
                marks["registered"] = time.monotonic()
                assert deployment is not None, f"deployment never registered: {log.read_text()[-3000:]}"
                (schedule,) = deployment.schedules
                assert schedule.schedule.cron == "0 6 * * *"
                assert schedule.schedule.timezone == "Asia/Shanghai"
                assert schedule.active
                assert deployment.parameters["warehouse"] == str(warehouse)

            run = run_deployment("fazhi-load/daily", timeout=180, poll_interval=1)
            marks["run"] = time.monotonic()
        print({k: round(v - marks["start"], 1) for k, v in marks.items()})
        assert run.state is not None
        assert run.state.type == StateType.COMPLETED, f"{run.state!r}\n{log.read_text()[-3000:]}"
        assert warehouse.exists()
        # the post-load hook ran in the served process: review and validation pages exist
        assert (warehouse.parent / "review" / "index.html").exists(), log.read_text()[-3000:]
        assert (warehouse.parent / "validation" / "index.html").exists()
    finally:
        _stop(served)
    assert served.poll() is not None

    # prefect.yaml deploys the same deployment to a process work pool
    deploy_env = {**env, "FAZHI_PROJECT_DIR": str(PROJECT_ROOT)}
    for step in (["work-pool", "create", "fazhi-process", "--type", "process"], ["--no-prompt", "deploy", "--all"]):
        done = subprocess.run(
            [str(BIN / "prefect"), *step], cwd=PROJECT_ROOT, env=deploy_env, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    with temporary_settings({PREFECT_API_URL: url}), get_client(sync_client=True) as client:
        deployed = client.read_deployment_by_name("fazhi-load/daily")
    assert deployed.work_pool_name == "fazhi-process"
    assert deployed.entrypoint == "flows/serve.py:scheduled_load"
    assert [(s.schedule.cron, s.schedule.timezone) for s in deployed.schedules] == [("0 6 * * *", "Asia/Shanghai")]
