"""Scheduled runs: the load flow as a deployment, daily at 06:00 Beijing time, reading what seeds/ configures.

`fazhi serve` (or `python -m flows.serve`) serves it from this process (flow.serve); prefect.yaml
declares the same deployment for work pools. Both need a real Prefect server (scripts/prefect-server.sh):
an ephemeral one cannot schedule.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from prefect.schedules import Cron, Schedule

from fazhi.config import DEFAULT_REPORTS_DIR, SEEDS_DIR
from flows.load import load_reports
from flows.post_load import with_pages

DEPLOYMENT_NAME = "daily"
CRON = "0 6 * * *"
TIMEZONE = "Asia/Shanghai"
SOURCE_LIST = SEEDS_DIR / "sources.csv"

# The deployed flow: load_reports plus the review/validation pages after each run. The runner loads
# it in a subprocess from its entrypoint, so it must be a module-level name of this file.
scheduled_load = with_pages(load_reports)


def scheduled_sources() -> list[str]:
    """What a scheduled run reads: the seeds/reports/ folder and the URLs listed in seeds/sources.csv."""
    return [str(path) for path in (DEFAULT_REPORTS_DIR, SOURCE_LIST) if path.exists()]


def is_valid_cron(cron: str) -> bool:
    """True when cron is a schedule Prefect accepts (five fields, e.g. '0 6 * * *')."""
    from prefect.client.schemas.schedules import CronSchedule

    try:
        CronSchedule(cron=cron, timezone=TIMEZONE)
    except ValueError:
        return False
    return True


def schedule(cron: str = CRON, timezone: str = TIMEZONE) -> Schedule:
    """The cron schedule, in Beijing time by default (Prefect's cron is UTC unless told)."""
    return Cron(cron, timezone=timezone)


def deployment(
    sources: list[str] | None = None, warehouse: str | None = None, cron: str = CRON, name: str = DEPLOYMENT_NAME
) -> Any:
    """The RunnerDeployment of the scheduled load (parameters fixed at serve time)."""
    chosen = sources or scheduled_sources()
    parameters: dict[str, Any] = {"sources": chosen, "warehouse": str(warehouse) if warehouse else None}
    dep = scheduled_load.to_deployment(
        name=name,
        schedules=[schedule(cron)],
        parameters=parameters,
        description="Load seeds/reports/ and the URLs of seeds/sources.csv into the warehouse, daily 06:00 Asia/Shanghai.",
        tags=["fazhi"],
    )
    # Point the runner at this module's hooked flow, not flows/load.py's plain one.
    dep.entrypoint = f"{os.path.relpath(Path(__file__).resolve(), Path.cwd())}:scheduled_load"
    return dep


def serve(sources: list[str] | None = None, warehouse: str | None = None, cron: str = CRON, name: str = DEPLOYMENT_NAME) -> None:
    """Register the deployment with the Prefect server and run its scheduled runs until stopped."""
    from prefect import serve as prefect_serve

    prefect_serve(deployment(sources, warehouse, cron, name), print_starting_message=True)


if __name__ == "__main__":
    serve()
