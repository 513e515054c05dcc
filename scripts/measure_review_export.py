"""Figures for the review pages, export and marts on a synthetic 100-county x 3-year warehouse (300 reports).

Run from the project root: .venv/bin/python scripts/measure_review_export.py  (writes under /tmp/fazhi-measure/)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = Path("/tmp/fazhi-measure")


def _timed(label: str, work):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = work()
    print(f"{label:<40} {time.perf_counter() - start:7.2f} s")
    return result


def main() -> None:
    """Build the warehouse, then time review pages, validation, export and the marts/analytics."""
    sys.path.insert(0, str(ROOT))  # the synthetic report builders live in tests/marts
    import duckdb

    from fazhi.export import export_warehouse
    from fazhi.review import build_review, build_validation
    from tests.marts.builder import build_report, load
    from tests.marts.cases import COUNTIES, figures

    regions = ROOT / "seeds" / "regions.csv"
    query = (
        "SELECT DISTINCT region_name FROM read_csv($p)"
        " WHERE region_level = 'county' AND region_name LIKE '%县' ORDER BY 1 LIMIT 100"
    )
    names = [r[0] for r in duckdb.sql(query, params={"p": str(regions)}).fetchall()]
    warehouse = OUT / "fazhi.duckdb"
    OUT.mkdir(parents=True, exist_ok=True)
    warehouse.unlink(missing_ok=True)
    reports = [build_report(n, y, figures(COUNTIES[i % 5], y)) for i, n in enumerate(names) for y in (2021, 2022, 2023)]
    _timed(f"load {len(reports)} reports (clean+gate+publish)", lambda: load(warehouse, *reports))
    pages = _timed("review pages", lambda: build_review(warehouse))
    print(f"  {len(pages) - 1} report pages + index")
    _timed("validation report", lambda: build_validation(warehouse))
    for fmt in ("parquet", "csv"):
        _timed(f"export {fmt}", lambda fmt=fmt: export_warehouse(warehouse, OUT / f"export-{fmt}", fmt))
    with duckdb.connect(str(warehouse), read_only=True) as con:
        for path in sorted((ROOT / "sql" / "analytics").glob("*.sql")):
            rows = _timed(f"analytics/{path.name}", lambda path=path: con.sql(path.read_text()).fetchall())
            print(f"  {len(rows)} rows")
        for view in ("v_derived_indicator", "v_report_completeness", "v_indicator_yoy", "v_breakdown_consistency"):
            _timed(f"count(*) {view}", lambda view=view: con.sql(f"SELECT count(*) FROM {view}").fetchall())


if __name__ == "__main__":
    main()
