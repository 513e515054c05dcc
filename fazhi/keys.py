"""Stable surrogate keys: the same input always gets the same key, so reloading changes nothing."""

from __future__ import annotations

import hashlib
from datetime import date

UNRESOLVED_REGION_KEY = -1


def stable_key(*parts: object) -> int:
    """A positive 63-bit integer derived from parts (deterministic across processes and machines)."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") >> 1


def date_key(value: object) -> int | None:
    """yyyymmdd for a date (dim_date.date_key), None for None."""
    if value is None:
        return None
    return int(value.strftime("%Y%m%d"))  # type: ignore[attr-defined]


def key_date(key: int) -> date:
    """The date of a yyyymmdd date_key (the inverse of date_key)."""
    return date(key // 10000, key // 100 % 100, key % 100)
