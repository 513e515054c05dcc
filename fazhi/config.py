"""Paths and settings in one place: documented defaults, environment overrides read once here."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from fazhi.model import FazhiError

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SEEDS_DIR = PROJECT_ROOT / "seeds"
SQL_DIR = PROJECT_ROOT / "sql"
EXPECTATIONS_DIR = PROJECT_ROOT / "expectations"

DEFAULT_REPORTS_DIR = SEEDS_DIR / "reports"
DEFAULT_WAREHOUSE = PROJECT_ROOT / "warehouse" / "fazhi.duckdb"

# DuckDB 1.4+ clients (what BI drivers bundle) must be able to open the file: DESIGN.md contract.
STORAGE_COMPATIBILITY = "v1.4.0"


@dataclass(frozen=True)
class Settings:
    """Run settings. Environment: FAZHI_WAREHOUSE (warehouse file), FAZHI_MAX_BYTES (per-input size limit),
    FAZHI_LOCK_WAIT (seconds a load waits for another load of the same warehouse), FAZHI_WORKERS
    (processes for read/extract/clean, default: the machine's cores), FAZHI_CHUNK_SIZE (documents per
    parallel task), FAZHI_BATCH_SIZE (documents gated and published per transaction: bounds memory),
    FAZHI_DASK_ADDRESS (a Dask scheduler, e.g. tcp://10.0.0.5:8786, to run chunks there)."""

    warehouse: Path = DEFAULT_WAREHOUSE
    max_input_bytes: int = 50 * 1024 * 1024
    lock_wait_seconds: float = 60.0
    workers: int = max(1, os.cpu_count() or 1)
    chunk_size: int = 200
    batch_size: int = 1000
    dask_address: str | None = None

    @classmethod
    def from_env(cls, warehouse: str | Path | None = None) -> Settings:
        """Settings from explicit arguments, then FAZHI_* environment variables, then defaults."""
        chosen = warehouse or os.environ.get("FAZHI_WAREHOUSE") or DEFAULT_WAREHOUSE
        limit = int(_number("FAZHI_MAX_BYTES", cls.max_input_bytes))
        wait = _number("FAZHI_LOCK_WAIT", cls.lock_wait_seconds)
        path = Path(chosen).expanduser()
        if path.exists() and path.is_dir():
            raise FazhiError(f"warehouse {path} is a folder; give a file path such as {path / 'fazhi.duckdb'}")
        workers = int(_number("FAZHI_WORKERS", cls.workers))
        chunk = int(_number("FAZHI_CHUNK_SIZE", cls.chunk_size))
        batch = int(_number("FAZHI_BATCH_SIZE", cls.batch_size))
        if min(workers, chunk, batch) < 1:
            raise FazhiError("FAZHI_WORKERS, FAZHI_CHUNK_SIZE and FAZHI_BATCH_SIZE must be at least 1")
        return cls(
            warehouse=path,
            max_input_bytes=limit,
            lock_wait_seconds=wait,
            workers=workers,
            chunk_size=chunk,
            batch_size=batch,
            dask_address=os.environ.get("FAZHI_DASK_ADDRESS") or None,
        )


def _number(name: str, default: float) -> float:
    """A numeric environment setting; a malformed value fails loudly, naming the variable."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        return float(raw)
    except ValueError:
        raise FazhiError(f"{name} must be a number, got {raw!r}") from None
