"""Prefect flows: they only wire fazhi's pure stages into tasks (retries, artifacts, schedules)."""

from flows import _env  # noqa: F401  - must run before prefect is imported
