"""Run by the BI client venv (DuckDB 1.5, SQLAlchemy 1.4, duckdb-engine), as Superset or Metabase would:
open the warehouse read-only through a SQLAlchemy URI, reflect it, query the marts; print JSON.

Usage: python bi_client.py WAREHOUSE           reflect and query once
       python bi_client.py WAREHOUSE --hold    keep one connection open; answer 'count' lines on stdin
"""

import json
import sys
import warnings

import duckdb
import sqlalchemy
from sqlalchemy import create_engine, inspect, text

warnings.simplefilter("ignore")  # duckdb-engine warns on every reflection that indexes are unsupported
COUNT = "SELECT count(*) FROM v_indicator"


def reflect(path: str) -> dict:
    engine = create_engine(f"duckdb:///{path}?access_mode=read_only")
    inspector = inspect(engine)
    tables = sorted(inspector.get_table_names())
    out = {
        "versions": {"duckdb": duckdb.__version__, "sqlalchemy": sqlalchemy.__version__},
        "tables": tables,
        "views": sorted(inspector.get_view_names()),
        "table_comments": {t: inspector.get_table_comment(t).get("text") for t in tables},
        "columns": {t: {c["name"]: c.get("comment") for c in inspector.get_columns(t)} for t in tables},
    }
    with engine.connect() as con:
        out["marts"] = {
            view: [list(row) for row in con.execute(text(f"SELECT * FROM {view} LIMIT 3")).fetchall()] for view in out["views"]
        }
        out["loss_rates"] = [
            list(r)
            for r in con.execute(
                text(
                    "SELECT region_name, report_year, value FROM v_derived_indicator"
                    " WHERE indicator_code = 'al_loss_rate' ORDER BY 1, 2"
                )
            ).fetchall()
        ]
        try:
            con.execute(text("CREATE TABLE intruder (x INTEGER)"))
            out["write_rejected"] = False
        except Exception as exc:  # read-only: the engine must refuse writes
            out["write_rejected"] = "read-only" in str(exc).lower() or "read only" in str(exc).lower()
    return out


def hold(path: str) -> None:
    con = duckdb.connect(path, read_only=True)
    print(json.dumps({"ready": True, "count": con.execute(COUNT).fetchone()[0]}), flush=True)
    for line in sys.stdin:
        if line.strip() == "count":
            rows = con.execute("SELECT count(*), count(DISTINCT report_key), sum(value) FROM v_indicator").fetchone()
            print(json.dumps({"count": rows[0], "reports": rows[1], "sum": rows[2]}), flush=True)
        elif line.strip() == "quit":
            break
    con.close()


if __name__ == "__main__":
    if "--hold" in sys.argv:
        hold(sys.argv[1])
    else:
        print(json.dumps(reflect(sys.argv[1]), ensure_ascii=False, default=str))
