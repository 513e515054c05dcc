"""extract: body text → grounded statistics.

STUB — owned by the extraction work (issue 3); keep EXTRACTOR_VERSION and extract_statistics.
"""

from __future__ import annotations

import re

from fazhi.model import Statistic

EXTRACTOR_VERSION = "0.0.1-stub"

_NUMBER_UNIT = re.compile(r"(\d+(?:\.\d+)?)(件|人次|人|份|项|次|个|%)")


def extract_statistics(body_text: str, report_year: int | None = None) -> list[Statistic]:
    """Find every statistic in body_text, each grounded by its character span."""
    stats: list[Statistic] = []
    for match in _NUMBER_UNIT.finditer(body_text):
        unit = match[2]
        stats.append(
            Statistic(
                index=len(stats),
                value=float(match[1]),
                unit=unit,
                kind="percent" if unit == "%" else "count",
                surface=match[0],
                char_start=match.start(),
                char_end=match.end(),
                sentence=match[0],
                raw_label="",
                period_year=report_year,
            )
        )
    return stats
