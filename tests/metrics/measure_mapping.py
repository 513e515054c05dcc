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

from fazhi.extract import extract_statistics, infer_report_year
from fazhi.metrics import MetricCatalog
from fazhi.model import Statistic
from fazhi.regions import RegionIndex


def map_report(catalog: MetricCatalog, stats: list[Statistic]) -> dict[int, str | None]:
    """Metric per statistic index; context = the parent's metric, else the last mapped one in the sentence."""
    codes: dict[int, str | None] = {}
    last_in_sentence: dict[str, str] = {}
    for s in sorted(stats, key=lambda s: s.index):  # parents precede their parts in text order
        parent = codes.get(s.parent_index) if s.parent_index is not None else None
        codes[s.index] = catalog.map_label(s.raw_label, s.unit, parent, last_in_sentence.get(s.sentence))
        if codes[s.index]:
            last_in_sentence[s.sentence] = codes[s.index]  # type: ignore[assignment]
    return codes


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
