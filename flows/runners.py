"""Where the parallel read/extract/clean tasks run: local worker processes, or a Dask cluster."""

from __future__ import annotations

from typing import Any

from fazhi.config import Settings


def task_runner_for(settings: Settings) -> Any | None:
    """A Dask runner when FAZHI_DASK_ADDRESS is set; otherwise None (the flow's default threads).

    Local parallelism does not need a task runner: the read-extract-clean task spreads its chunks
    over worker processes itself, because Prefect's ProcessPoolTaskRunner costs ~1 s per task run
    here (each worker process reports to the API), more than a chunk's work.
    """
    if settings.dask_address:
        from prefect_dask import DaskTaskRunner

        return DaskTaskRunner(address=settings.dask_address)
    return None
