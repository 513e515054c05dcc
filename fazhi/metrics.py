"""The metric catalog (seeds/metric_catalog.csv) and mapping raw labels onto it.

STUB — owned by the regions/catalog work (issue 5); keep these signatures.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

UNCLASSIFIED = "unclassified"


class MetricCatalog:
    """Canonical metrics and their synonyms."""

    @classmethod
    def load(cls, path: Path | None = None) -> MetricCatalog:
        """Load the catalog."""
        return cls()

    def map_label(self, raw_label: str, unit: str) -> str | None:
        """metric_code for a raw label, or None when unmapped."""
        return None

    def map_frame(self, labels: pl.DataFrame) -> pl.DataFrame:
        """Add metric_code (null when unmapped) to a frame of raw_label, unit."""
        return labels.with_columns(pl.lit(None, dtype=pl.Utf8).alias("metric_code"))

    def frame(self) -> pl.DataFrame:
        """dim_metric rows (with an 'unclassified' row)."""
        return pl.DataFrame(
            {
                "metric_code": [UNCLASSIFIED],
                "name_zh": ["未分类"],
                "name_en": ["Unclassified"],
                "category": ["unclassified"],
                "unit": [None],
                "is_additive": [False],
                "parent_metric_code": [None],
                "unit_family": [None],
                "rate_max": [None],
            },
            schema={"metric_code": pl.Utf8, "name_zh": pl.Utf8, "name_en": pl.Utf8, "category": pl.Utf8, "unit": pl.Utf8,
                    "is_additive": pl.Boolean, "parent_metric_code": pl.Utf8, "unit_family": pl.Utf8, "rate_max": pl.Float64},
        )
