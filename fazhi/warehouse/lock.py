"""One load at a time per warehouse: an advisory file lock beside the warehouse file."""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fazhi.model import FazhiError


class WarehouseBusy(FazhiError):
    """Another load holds the warehouse."""


@contextmanager
def load_lock(warehouse: Path, wait_seconds: float = 60.0) -> Iterator[None]:
    """Hold the warehouse's load lock; wait up to wait_seconds for another load to finish, then fail clearly."""
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    lock_path = warehouse.with_name(f".{warehouse.name}.lock")
    handle = open(lock_path, "a+")  # noqa: SIM115 - held for the whole block
    deadline = time.monotonic() + wait_seconds
    try:
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise WarehouseBusy(
                        f"another fazhi load is writing {warehouse} (lock {lock_path}); "
                        f"waited {wait_seconds:.0f} s. Try again when it has finished."
                    ) from None
                time.sleep(0.2)
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        yield
    finally:
        handle.close()
