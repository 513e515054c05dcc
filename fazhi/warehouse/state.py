"""What a load needs to know about the published warehouse (read-only)."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from fazhi.warehouse.publish import connect
from fazhi.warehouse.sql import query_file


def published_hashes(warehouse: Path) -> dict[str, str]:
    """content_sha256 → source_uri of every report version already published (empty for a new warehouse)."""
    if not warehouse.exists():
        return {}
    con = connect(warehouse, read_only=True)
    try:
        if not con.sql("SELECT 1 FROM duckdb_tables() WHERE table_name = 'dim_report'").fetchall():
            return {}
        return {sha: uri for sha, uri, _ in query_file(con, "state/published_hashes.sql").fetchall()}
    finally:
        con.close()


def yoy_history(warehouse: Path) -> pl.DataFrame | None:
    """Published current values per region, metric and year (for the year-over-year warning)."""
    if not warehouse.exists():
        return None
    con = connect(warehouse, read_only=True)
    try:
        if not con.sql("SELECT 1 FROM duckdb_tables() WHERE table_name = 'fact_statistic'").fetchall():
            return None
        return query_file(con, "state/history_for_yoy.sql").pl()
    finally:
        con.close()
