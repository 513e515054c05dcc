"""After a load: write the review pages (warehouse/review/) and the validation report (warehouse/validation/).

Wired as Prefect state hooks so every run refreshes them, scheduled or not; a page that cannot be
written is logged and never turns a good load into a failed one.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from fazhi.config import Settings
from fazhi.review import build_review, build_validation

log = logging.getLogger("fazhi.post_load")


def write_pages(warehouse: str | Path | None) -> list[Path]:
    """Rebuild the review and validation pages of a warehouse; returns the files written ([] if none)."""
    try:
        path = Settings.from_env(warehouse).warehouse
        if not path.is_file():
            return []
        return build_validation(path) + build_review(path)
    except Exception as exc:  # pages are a convenience; the published load stands regardless
        log.warning("could not write review/validation pages for %s: %s", warehouse, exc)
        return []


def write_pages_hook(flow: Any, flow_run: Any, state: Any) -> None:
    """Prefect on_completion/on_failure hook: write the pages of the warehouse the run loaded."""
    write_pages((flow_run.parameters or {}).get("warehouse"))


def with_pages(flow: Any) -> Any:
    """The flow with the page-writing hook on completion and on failure."""
    return flow.with_options(on_completion=[write_pages_hook], on_failure=[write_pages_hook])
