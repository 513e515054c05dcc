"""Regions (GB/T 2260) and resolving a report's reporting government to one.

STUB — owned by the regions/catalog work (issue 5); keep these signatures.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import polars as pl


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    level: str
    province_name: str
    prefecture_name: str | None
    county_name: str | None
    parent_code: str | None


@dataclass(frozen=True)
class RegionMatch:
    region: Region | None
    matched_text: str | None
    reason: str | None


_STUB = [Region("141128", "方山县", "county", "山西省", "吕梁市", "方山县", "141100")]


class RegionIndex:
    """Lookup of regions by name."""

    def __init__(self, regions: list[Region]) -> None:
        self._regions = regions

    @classmethod
    def load(cls, path: Path | None = None) -> RegionIndex:
        """Load the region table."""
        return cls(list(_STUB))

    def resolve(self, texts: Sequence[str | None], year: int | None = None) -> RegionMatch:
        """Resolve the reporting government named in texts."""
        for text in texts:
            for region in self._regions:
                if text and region.name in text:
                    return RegionMatch(region, region.name, None)
        return RegionMatch(None, None, "no known region name in the title or publisher")

    def frame(self) -> pl.DataFrame:
        """dim_region rows."""
        return pl.DataFrame(
            {
                "region_code": [r.code for r in self._regions],
                "region_name": [r.name for r in self._regions],
                "region_level": [r.level for r in self._regions],
                "province_name": [r.province_name for r in self._regions],
                "prefecture_name": [r.prefecture_name for r in self._regions],
                "county_name": [r.county_name for r in self._regions],
                "parent_region_code": [r.parent_code for r in self._regions],
            },
            schema={c: pl.Utf8 for c in ["region_code", "region_name", "region_level", "province_name", "prefecture_name", "county_name", "parent_region_code"]},
        )
