"""Measure the share of extracted statistics that map to a catalog metric (a report, not a test).

Usage: .venv/bin/python tests/metrics/measure_mapping.py [REPORT.txt ...]
(default: every tests/golden/cases/*.txt). Maps totals first, then breakdown parts with their
parent's metric (or the last mapped metric of the same sentence) as context, as the clean stage
should; prints the share and the unmapped labels.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import polars as pl

from fazhi.extract import extract_statistics, infer_report_year
from fazhi.metrics import MetricCatalog
from fazhi.model import Statistic
from fazhi.regions import RegionIndex


def map_report(catalog: MetricCatalog, stats: list[Statistic]) -> dict[int, str | None]:
    """Metric per statistic index, through MetricCatalog.map_facts (parent and same-sentence context)."""
    facts = pl.DataFrame(
        {
            "statistic_key": [s.index for s in stats],
            "report_key": [0] * len(stats),
            "parent_statistic_key": [s.parent_index for s in stats],
            "sentence": [s.sentence for s in stats],
            "char_start": [s.char_start for s in stats],
            "raw_label": [s.raw_label for s in stats],
            "unit": [s.unit for s in stats],
        },
        schema={
            "statistic_key": pl.Int64,
            "report_key": pl.Int64,
            "parent_statistic_key": pl.Int64,
            "sentence": pl.Utf8,
            "char_start": pl.Int64,
            "raw_label": pl.Utf8,
            "unit": pl.Utf8,
        },
    )
    out = catalog.map_facts(facts)
    return dict(zip(out["statistic_key"].to_list(), out["metric_code"].to_list(), strict=True))


def main(paths: list[Path]) -> None:
    catalog, regions = MetricCatalog.load(), RegionIndex.load()
    total = mapped = 0
    unmapped: Counter[tuple[str, str]] = Counter()
    for path in paths:
        text = path.read_text(encoding="utf-8")
        title = next((line for line in text.splitlines() if "报告" in line), "")
        year = infer_report_year(text)
        match = regions.resolve([title], year)
        stats = extract_statistics(text, year)
        codes = map_report(catalog, stats)
        n_mapped = sum(1 for c in codes.values() if c)
        total, mapped = total + len(stats), mapped + n_mapped
        for s in stats:
            if not codes[s.index]:
                unmapped[(s.raw_label, s.unit)] += 1
        region = f"{match.region.code} {match.region.name}" if match.region else f"unresolved: {match.reason}"
        print(f"{path.name}: {n_mapped}/{len(stats)} mapped ({n_mapped / max(len(stats), 1):.0%}); region {region}")
    print(f"TOTAL {mapped}/{total} = {mapped / max(total, 1):.1%}")
    for (label, unit), n in unmapped.most_common():
        print(f"  unmapped ×{n}: {label!r} [{unit}]")


if __name__ == "__main__":
    default = sorted((Path(__file__).resolve().parents[1] / "golden" / "cases").glob("*.txt"))
    main([Path(p) for p in sys.argv[1:]] or default)
