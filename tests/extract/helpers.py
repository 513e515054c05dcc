"""Small helpers for extractor tests: run on a snippet, pick the statistic at a surface."""

from __future__ import annotations

from fazhi.extract import extract_statistics
from fazhi.model import Statistic


def stats_of(text: str, year: int | None = 2021) -> list[Statistic]:
    """Extract from a snippet and check the grounding invariant on the way."""
    stats = extract_statistics(text, year)
    for s in stats:
        assert text[s.char_start : s.char_end] == s.surface
    return stats


def only(text: str, year: int | None = 2021) -> Statistic:
    """The one statistic a snippet must yield."""
    stats = stats_of(text, year)
    assert len(stats) == 1, [s.surface for s in stats]
    return stats[0]


def at(text: str, surface_part: str, year: int | None = 2021) -> Statistic:
    """The statistic whose surface contains surface_part."""
    stats = stats_of(text, year)
    hits = [s for s in stats if surface_part in s.surface]
    assert hits, (surface_part, [s.surface for s in stats])
    return hits[0]
