"""Headless Chromium for the page tests, and a warehouse whose reports try to inject markup."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from tests.marts.builder import Fig, build_report, load

# Report text that would run script or break attributes if it were not escaped.
HOSTILE = "<script>document.title='PWNED'</script><img src=x onerror=\"document.body.dataset.pwned=1\"> 'quoted' & \"double\""
HOSTILE_COUNTY = "平遥县"
BROKEN_COUNTY = "方山县"  # its report has a statistic whose span does not match: blocked by the gate
WARNED_COUNTY = "介休市"  # its legal-aid figure jumps year over year: a warning, published
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _hostile_report():  # type: ignore[no-untyped-def]
    report = build_report(
        HOSTILE_COUNTY,
        2022,
        [Fig("收到行政复议申请", 42), Fig("维持", 18, parent=0), Fig("办理法律援助案件", 160, approximate=True)],
        uri=f"mem://{HOSTILE}.txt",
        extra=HOSTILE,
    )
    stats = [replace(s, raw_label=s.raw_label + '"><b>x</b>') if s.index == 0 else s for s in report.statistics]
    return replace(report, statistics=stats)


def _broken_report():  # type: ignore[no-untyped-def]
    report = build_report(BROKEN_COUNTY, 2022, [Fig("收到行政复议申请", 42), Fig("办理法律援助案件", 20)])
    bad = replace(report.statistics[1], char_start=report.statistics[1].char_start + 1)
    return replace(report, statistics=[report.statistics[0], bad])


@pytest.fixture(scope="session")
def review_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two loads: a clean first year, then a hostile report, a blocked one and a warned one."""
    path = tmp_path_factory.mktemp("review") / "wh" / "fazhi.duckdb"
    load(path, build_report(WARNED_COUNTY, 2021, [Fig("办理法律援助案件", 100)]))
    load(
        path,
        _hostile_report(),
        _broken_report(),
        build_report(WARNED_COUNTY, 2022, [Fig("办理法律援助案件", 100)]),
        build_report(WARNED_COUNTY, 2023, [Fig("办理法律援助案件", 9000)]),
    )
    return path


@pytest.fixture(scope="session")
def chromium() -> str:
    """The chromium binary; installed with apt-get when missing (CI), else the test is skipped."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    if shutil.which("apt-get") and os.geteuid() == 0:
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        for step in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "chromium"]):
            done = subprocess.run(step, capture_output=True, text=True, env=env, timeout=600)
            if done.returncode:
                pytest.skip(f"chromium missing and `{' '.join(step)}` failed: {done.stderr.strip()[-300:]}")
        found = shutil.which("chromium")
    if not found:
        pytest.skip("chromium is not installed (Debian package `chromium`) and cannot be installed here")
    return found


def run_chromium(binary: str, tmp: Path, page: Path, *mode: str) -> str:
    """Run headless chromium on a local page with its own profile; return stdout (the DOM for --dump-dom)."""
    profile = tmp / "chromium-profile"
    done = subprocess.run(
        [binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *mode, page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout
