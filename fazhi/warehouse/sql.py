"""Running the .sql files in sql/: statements split once, parameters always bound, never spliced."""

from __future__ import annotations

import hashlib
import re
from functools import cache
from typing import Any

import duckdb

from fazhi.config import SQL_DIR

_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_COMMENT = re.compile(r"^\s*--.*$", re.MULTILINE)


@cache
def statements(relative_path: str) -> tuple[str, ...]:
    """The statements of one sql/ file (split on ';' at line ends; the files contain no ';' in strings)."""
    text = _COMMENT.sub("", (SQL_DIR / relative_path).read_text(encoding="utf-8"))
    return tuple(s.strip() for s in re.split(r";\s*\n", text + "\n") if s.strip())


def run_file(con: duckdb.DuckDBPyConnection, relative_path: str, params: dict[str, Any] | None = None) -> None:
    """Execute every statement of sql/<relative_path>, binding the $parameters each one uses."""
    for statement in statements(relative_path):
        names = set(_PARAM.findall(statement))
        bound = {k: v for k, v in (params or {}).items() if k in names}
        missing = names - bound.keys()
        if missing:
            raise KeyError(f"sql/{relative_path} needs parameters {sorted(missing)}")
        con.execute(statement, bound) if bound else con.execute(statement)


def query_file(
    con: duckdb.DuckDBPyConnection, relative_path: str, params: dict[str, Any] | None = None
) -> duckdb.DuckDBPyRelation:
    """Run a one-statement sql/ file as a query and return the relation."""
    (statement,) = statements(relative_path)
    names = set(_PARAM.findall(statement))
    return con.sql(statement, params={k: v for k, v in (params or {}).items() if k in names} or None)


MARTS_HASH_KEY = "marts_sha256"


def marts_sha256() -> str:
    """Hash of the mart definitions (sql/marts): when it changes, materialised marts are rebuilt."""
    digest = hashlib.sha256()
    for path in sorted((SQL_DIR / "marts").glob("*.sql")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def ensure_schema(con: duckdb.DuckDBPyConnection) -> bool:
    """Create the contract tables (sql/ddl) and the marts (sql/marts) if missing.

    Returns True when the materialised marts must be rebuilt in full (new, or their SQL changed):
    their tables are then dropped here and recreated with the current columns.
    """
    for path in sorted((SQL_DIR / "ddl").glob("*.sql")):
        run_file(con, f"ddl/{path.name}")
    applied = con.execute("SELECT value FROM warehouse_meta WHERE key = $k", {"k": MARTS_HASH_KEY}).fetchall()
    rebuild = not applied or applied[0][0] != marts_sha256()
    if rebuild:  # their tables are recreated below with the current columns
        run_file(con, "publish/00_drop_materialised_marts.sql")
    for path in sorted((SQL_DIR / "marts").glob("*.sql")):
        run_file(con, f"marts/{path.name}")
    return rebuild


def refresh_marts(con: duckdb.DuckDBPyConnection, load_id: str, full: bool) -> None:
    """Recompute the materialised marts for one load's reports (all current reports when full)."""
    run_file(con, "publish/13_refresh_marts.sql", {"load_id": load_id, "full": full})
    if full:
        run_file(con, "publish/12_set_meta.sql", {"key": MARTS_HASH_KEY, "value": marts_sha256()})
