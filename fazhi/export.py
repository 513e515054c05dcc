"""export: the star schema and the mart views of a warehouse as Parquet or CSV files, one per relation.

Paths are bound as parameters and identifiers pass through one quoting helper: nothing a user
typed is ever spliced into SQL.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from fazhi.model import FazhiError

# format name → (file suffix, COPY options). The options are fixed text, never user input.
FORMATS: dict[str, tuple[str, str]] = {
    "parquet": (".parquet", "(FORMAT parquet, COMPRESSION zstd)"),
    "csv": (".csv", "(FORMAT csv, HEADER true)"),
}
# Internal bookkeeping the loader keeps for itself; not part of the contract users export.
INTERNAL_TABLES = frozenset({"warehouse_meta"})


class ExportError(FazhiError):
    """The export could not be written; the message says what to change."""


@dataclass(frozen=True)
class Relation:
    """A table or view to export."""

    name: str
    kind: str  # 'table' | 'view'


def quote_identifier(name: str) -> str:
    """A SQL identifier in double quotes, inner quotes doubled (the one quoting helper)."""
    return '"' + name.replace('"', '""') + '"'


def relations(con: duckdb.DuckDBPyConnection) -> list[Relation]:
    """The contract tables then the mart views of the main schema, in name order."""
    tables = con.sql(
        "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' AND NOT internal ORDER BY table_name"
    ).fetchall()
    views = con.sql(
        "SELECT view_name FROM duckdb_views() WHERE schema_name = 'main' AND NOT internal ORDER BY view_name"
    ).fetchall()
    return [Relation(t, "table") for (t,) in tables if t not in INTERNAL_TABLES] + [Relation(v, "view") for (v,) in views]


def export_warehouse(
    warehouse: Path, out_dir: Path, fmt: str, on_relation: Callable[[Relation, int, int], None] | None = None
) -> list[Path]:
    """Write one file per table and view of warehouse into out_dir; returns the files written."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if not warehouse.is_file():
        raise ExportError(f"no warehouse at {warehouse}; run `fazhi run` first or pass --warehouse")
    if out_dir.exists() and not out_dir.is_dir():
        raise ExportError(f"{out_dir} is a file; give a folder to export into")
    suffix, options = FORMATS[fmt]
    out_dir.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(str(warehouse), read_only=True)
    except duckdb.Error as exc:
        raise ExportError(f"cannot open warehouse {warehouse}: {exc}") from None
    written: list[Path] = []
    try:
        found = relations(con)
        for number, relation in enumerate(found, start=1):
            if on_relation:
                on_relation(relation, number, len(found))
            target = out_dir / f"{relation.name}{suffix}"
            con.execute(f"COPY (SELECT * FROM {quote_identifier(relation.name)}) TO $path {options}", {"path": str(target)})
            written.append(target)
    except duckdb.Error as exc:
        raise ExportError(f"export to {out_dir} failed: {exc}") from None
    finally:
        con.close()
    return written
