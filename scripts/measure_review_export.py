"""Figures for the review pages, export and marts on a synthetic 100-county x 3-year warehouse (300 reports).

Run: .venv/bin/python scripts/measure_review_export.py  (writes under /tmp/fazhi-measure/)
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests.marts builders
import duckdb

from tests.marts.builder import build_report, load
from tests.marts.cases import COUNTIES, figures

# 100 county names from the region catalog x 3 years
con = duckdb.connect()
names = [
    r[0]
    for r in con.sql(
        "select region_name from read_csv('seeds/regions.csv') where region_level='county' and region_name like '%县' limit 400"
    ).fetchall()
]
names = list(dict.fromkeys(names))[:100]
wh = Path("/tmp/fazhi-measure/fazhi.duckdb")
wh.parent.mkdir(parents=True, exist_ok=True)
wh.unlink(missing_ok=True)
t = time.time()
load(wh, *(build_report(n, y, figures(COUNTIES[i % 5], y)) for i, n in enumerate(names) for y in (2021, 2022, 2023)))
print("load 300 reports", round(time.time() - t, 1))
from fazhi.export import export_warehouse
from fazhi.review import build_review, build_validation

t = time.time()
p = build_review(wh)
print("review pages", len(p), round(time.time() - t, 2))
t = time.time()
build_validation(wh)
print("validation", round(time.time() - t, 2))
for f in ("parquet", "csv"):
    t = time.time()
    export_warehouse(wh, Path(f"/tmp/fazhi-measure/exp-{f}"), f)
    print("export", f, round(time.time() - t, 2))
c = duckdb.connect(str(wh), read_only=True)
print(c.sql("select count(*) from fact_statistic").fetchall(), c.sql("select count(*) from dim_report").fetchall())
for q in sorted(Path("sql/analytics").glob("*.sql")):
    t = time.time()
    n = len(c.sql(q.read_text()).fetchall())
    print(q.name, n, round(time.time() - t, 3))
for v in ["v_derived_indicator", "v_report_completeness", "v_indicator_yoy", "v_breakdown_consistency"]:
    t = time.time()
    n = c.sql(f"select count(*) from {v}").fetchall()
    print(v, n, round(time.time() - t, 3))
