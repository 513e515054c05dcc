"""`fazhi run` as a user runs it (a real process) rebuilds the review and validation pages after the load."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.conftest import PROJECT_ROOT

REPORT = (
    "关于平遥县2023年度法治政府建设情况的报告\n"
    "一、推进依法行政\n2023年,全县共收到行政复议申请42件,其中维持18件、纠错9件。办理法律援助案件210件。\n"
    "二、下一步工作\n继续推进法治政府建设。\n平遥县人民政府\n2024年3月15日\n"
)


@pytest.mark.slow
def test_run_writes_review_and_validation_pages(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "pingyao-2023.txt").write_text(REPORT, encoding="utf-8")
    (inbox / "empty.txt").write_text("", encoding="utf-8")  # quarantined: the validation report must say so
    warehouse = tmp_path / "wh" / "fazhi.duckdb"
    env = dict(os.environ)  # the session's PREFECT_HOME (tests/conftest.py), warm after the first run
    env.pop("PREFECT_API_URL", None)
    done = subprocess.run(
        [sys.executable, "-m", "fazhi.cli", "run", str(inbox), "--warehouse", str(warehouse)],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode in (0, 3), done.stderr[-2000:]
    with duckdb.connect(str(warehouse), read_only=True) as con:
        (load,) = con.sql("SELECT load_id FROM load_audit").fetchall()
        published = con.sql("SELECT report_key FROM dim_report WHERE is_current").fetchall()
    validation = warehouse.parent / "validation"
    assert load[0] in (validation / "index.html").read_text(encoding="utf-8")
    page = next(validation.glob("load-*.html")).read_text(encoding="utf-8")
    assert "empty.txt" in page and 'class="flag blocking"' in page
    review = warehouse.parent / "review"
    assert (review / "index.html").exists()
    assert sorted(p.name for p in review.glob("report-*.html")) == sorted(f"report-{k}.html" for (k,) in published)
