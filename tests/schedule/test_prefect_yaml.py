"""prefect.yaml declares the same daily deployment as `fazhi serve`, with an entrypoint that loads."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from fazhi.config import PROJECT_ROOT
from flows import serve

SPEC = yaml.safe_load((PROJECT_ROOT / "prefect.yaml").read_text(encoding="utf-8"))
(DAILY,) = SPEC["deployments"]


def test_schedule_matches_fazhi_serve() -> None:
    (schedule,) = DAILY["schedules"]
    assert (schedule["cron"], schedule["timezone"]) == (serve.CRON, serve.TIMEZONE)
    assert DAILY["name"] == serve.DEPLOYMENT_NAME
    assert schedule["active"] is True


def test_sources_are_what_serve_reads() -> None:
    expected = {str(Path(p).relative_to(PROJECT_ROOT)) for p in serve.scheduled_sources()}
    assert set(DAILY["parameters"]["sources"]) == expected
    assert all((PROJECT_ROOT / p).exists() for p in DAILY["parameters"]["sources"])


def test_entrypoint_loads_the_hooked_load_flow(monkeypatch: pytest.MonkeyPatch) -> None:
    from prefect.flows import load_flow_from_entrypoint

    monkeypatch.chdir(PROJECT_ROOT)
    flow = load_flow_from_entrypoint(DAILY["entrypoint"])
    assert flow.name == "fazhi-load"
    assert [h.__name__ for h in flow.on_completion_hooks] == ["write_pages_hook"]
    assert [h.__name__ for h in flow.on_failure_hooks] == ["write_pages_hook"]


def test_schedule_is_beijing_morning() -> None:
    import asyncio
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from prefect.server.schemas.schedules import CronSchedule  # what the server's scheduler computes with

    schedule = CronSchedule(cron=serve.CRON, timezone=serve.TIMEZONE)
    start = datetime(2026, 3, 1, tzinfo=ZoneInfo("UTC"))
    dates = asyncio.run(schedule.get_dates(3, start=start))
    # 06:00 in Shanghai is 22:00 UTC the evening before: the schedule must not silently run in UTC
    assert [(d.astimezone(ZoneInfo("UTC")).hour, d.astimezone(ZoneInfo("Asia/Shanghai")).hour) for d in dates] == [(22, 6)] * 3
