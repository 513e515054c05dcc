"""clean (polars): extracted statistics → typed, keyed, unit-normalised frames ready for the gate.

Resolves each report's region and each statistic's metric against the catalogs, normalises units
to base units, and deduplicates a statistic stated twice in one report (the first mention is kept;
the others' spans are listed in also_at).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC

import polars as pl
from polars._typing import PolarsDataType

from fazhi.keys import UNRESOLVED_REGION_KEY, date_key, key_date, stable_key
from fazhi.metrics import UNCLASSIFIED, MetricCatalog
from fazhi.model import Document, Statistic
from fazhi.regions import RegionIndex
from fazhi.units import normalize_unit, unit_family

REPORT_SCHEMA: dict[str, PolarsDataType] = {
    "report_key": pl.Int64,
    "title": pl.Utf8,
    "region_key": pl.Int64,
    "report_year": pl.Int32,
    "published_date_key": pl.Int32,
    "signed_date_key": pl.Int32,
    "publisher": pl.Utf8,
    "source_uri": pl.Utf8,
    "content_sha256": pl.Utf8,
    "body_text": pl.Utf8,
    "series_key": pl.Int64,
    "final_url": pl.Utf8,
    "fetched_at": pl.Datetime("us"),
    "region_matched_text": pl.Utf8,
    "region_unresolved_reason": pl.Utf8,
    "read_warnings": pl.Utf8,
    "published_year": pl.Int32,
    "statistics_found": pl.Int32,
    "extractor_version": pl.Utf8,  # on the report too: a version with no facts still records what extracted it
}

FACT_SCHEMA: dict[str, PolarsDataType] = {
    "statistic_key": pl.Int64,
    "report_key": pl.Int64,
    "region_key": pl.Int64,
    "metric_key": pl.Int64,
    "metric_code": pl.Utf8,
    "period_year": pl.Int32,
    "value": pl.Float64,
    "value_max": pl.Float64,
    "unit": pl.Utf8,
    "kind": pl.Utf8,
    "is_approximate": pl.Boolean,
    "is_target": pl.Boolean,
    "parent_statistic_key": pl.Int64,
    "raw_label": pl.Utf8,
    "surface": pl.Utf8,
    "sentence": pl.Utf8,
    "char_start": pl.Int32,
    "char_end": pl.Int32,
    "section_path": pl.Utf8,
    "extractor_version": pl.Utf8,
    "unit_inferred": pl.Boolean,
    "is_partial_period": pl.Boolean,
    "breakdown_status": pl.Utf8,
    "unit_in_family": pl.Boolean,
    "also_at": pl.Utf8,
}

DATE_SCHEMA: dict[str, PolarsDataType] = {
    "date_key": pl.Int32,
    "full_date": pl.Date,
    "year": pl.Int32,
    "quarter": pl.Int32,
    "month": pl.Int32,
    "day": pl.Int32,
}

_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class ExtractedReport:
    """A read document with the statistics found in it."""

    document: Document
    statistics: list[Statistic]
    extractor_version: str


@dataclass
class CleanBatch:
    """Frames for one load: reports (dim_report rows), facts (fact_statistic rows) and dates used."""

    reports: pl.DataFrame
    facts: pl.DataFrame
    dates: pl.DataFrame
    metrics: pl.DataFrame
    regions: pl.DataFrame = field(default_factory=lambda: pl.DataFrame())


def series_key(region_code: str | None, report_year: int | None, title: str | None, source_uri: str) -> int:
    """Key shared by all versions of one report: region, year and title; else the source."""
    if title and (region_code or report_year):
        return stable_key("series", region_code or "", report_year or "", _SPACES.sub("", title))
    return stable_key("series-uri", source_uri)


def _dedupe(stats: Sequence[Statistic]) -> tuple[list[Statistic], dict[int, str]]:
    """Keep the first mention of a statistic stated again in the same report; map index → other spans."""
    kept: list[Statistic] = []
    first_by_key: dict[tuple[object, ...], int] = {}
    alias: dict[int, int] = {}
    also: dict[int, list[str]] = {}
    for stat in stats:
        key = (stat.raw_label, stat.value, stat.value_max, stat.unit, stat.kind, stat.period_year, stat.is_target)
        if stat.raw_label and key in first_by_key and stat.parent_index is None:
            first = first_by_key[key]
            alias[stat.index] = first
            also.setdefault(first, []).append(f"{stat.char_start}-{stat.char_end}")
            continue
        first_by_key.setdefault(key, stat.index)
        kept.append(stat)
    remapped = [
        s if s.parent_index not in alias else _with_parent(s, alias[s.parent_index])  # type: ignore[index]
        for s in kept
    ]
    return remapped, {k: ";".join(v) for k, v in also.items()}


def _with_parent(stat: Statistic, parent_index: int) -> Statistic:
    from dataclasses import replace

    return replace(stat, parent_index=parent_index)


def _report_row(report: ExtractedReport, regions: RegionIndex) -> tuple[dict[str, object], str | None]:
    doc = report.document
    hints = [doc.title, doc.publisher, doc.region_hint]
    match = regions.resolve(hints, doc.report_year)
    code = match.region.code if match.region else None
    published = doc.published_date or doc.signed_date
    row: dict[str, object] = {
        "report_key": stable_key("report", doc.content_sha256),
        "title": doc.title,
        "region_key": int(code) if code else UNRESOLVED_REGION_KEY,
        "report_year": doc.report_year,
        "published_date_key": date_key(published),
        "signed_date_key": date_key(doc.signed_date),
        "publisher": doc.publisher,
        "source_uri": doc.source_uri,
        "content_sha256": doc.content_sha256,
        "body_text": doc.body_text,
        "series_key": series_key(code, doc.report_year, doc.title, doc.source_uri),
        "final_url": doc.final_url,
        "fetched_at": doc.fetched_at.astimezone(UTC).replace(tzinfo=None) if doc.fetched_at else None,
        "region_matched_text": match.matched_text,
        "region_unresolved_reason": match.reason if match.region is None else None,
        "read_warnings": "; ".join(doc.warnings) or None,
        "published_year": published.year if published else None,
        "statistics_found": len(report.statistics),
        "extractor_version": report.extractor_version,
    }
    return row, code


def _fact_rows(report: ExtractedReport, report_key: int, region_key: int) -> list[dict[str, object]]:
    stats, also = _dedupe(report.statistics)
    key_of = {s.index: stable_key("stat", report_key, s.char_start, s.char_end) for s in stats}
    rows: list[dict[str, object]] = []
    for s in stats:
        value, unit = normalize_unit(s.value, s.unit)
        value_max = normalize_unit(s.value_max, s.unit)[0] if s.value_max is not None else None
        rows.append(
            {
                "statistic_key": key_of[s.index],
                "report_key": report_key,
                "region_key": region_key,
                "period_year": s.period_year,
                "value": value,
                "value_max": value_max,
                "unit": unit,
                "kind": s.kind,
                "is_approximate": s.is_approximate,
                "is_target": s.is_target,
                # a parent index that names no statistic keeps a key of its own, so the gate sees the broken link
                "parent_statistic_key": None
                if s.parent_index is None
                else key_of.get(s.parent_index, stable_key("missing-parent", report_key, s.parent_index)),
                "raw_label": s.raw_label,
                "surface": s.surface,
                "sentence": s.sentence,
                "char_start": s.char_start,
                "char_end": s.char_end,
                "section_path": s.section_path,
                "extractor_version": report.extractor_version,
                "unit_inferred": s.unit_inferred,
                "is_partial_period": s.is_partial_period,
                "breakdown_status": s.breakdown_status,
                "also_at": also.get(s.index),
            }
        )
    return rows


def _dates(reports: pl.DataFrame) -> pl.DataFrame:
    keys = pl.concat([reports["published_date_key"], reports["signed_date_key"]]).drop_nulls().unique().sort()
    days = [key_date(k) for k in keys.to_list()]
    return pl.DataFrame(
        {
            "date_key": keys.to_list(),
            "full_date": days,
            "year": [d.year for d in days],
            "quarter": [(d.month - 1) // 3 + 1 for d in days],
            "month": [d.month for d in days],
            "day": [d.day for d in days],
        },
        schema=DATE_SCHEMA,
    )


def metric_dimension(catalog: MetricCatalog) -> pl.DataFrame:
    """dim_metric rows with their stable metric_key."""
    frame = catalog.frame()
    return frame.with_columns(
        pl.col("metric_code").map_elements(lambda c: stable_key("metric", c), return_dtype=pl.Int64).alias("metric_key")
    )


def label_mapping(facts: pl.DataFrame, catalog: MetricCatalog, metrics: pl.DataFrame) -> pl.DataFrame:
    """Per fact: metric_code, metric_key and whether its unit is in the metric's family.

    facts needs statistic_key, report_key, parent_statistic_key, sentence, char_start, raw_label, unit:
    a breakdown part is mapped in the context of its total (维持 under 行政复议 is a reconsideration outcome).
    """
    mapped = catalog.map_facts(facts).get_column("metric_code")
    frame = facts.with_columns(mapped.fill_null(UNCLASSIFIED).alias("metric_code"))
    frame = frame.join(
        metrics.select("metric_code", "metric_key", pl.col("unit_family").alias("_family")), on="metric_code", how="left"
    )
    # the catalog's unit_family lists unit families (fazhi/units.py names) or units, '|'-separated
    frame = frame.with_columns(pl.col("unit").map_elements(unit_family, return_dtype=pl.Utf8).alias("_unit_family"))
    allowed = pl.col("_family").str.split("|")
    in_family = (
        pl.when(pl.col("_family").is_null() | (pl.col("_family") == "") | (pl.col("metric_code") == UNCLASSIFIED))
        .then(None)
        .otherwise(allowed.list.contains(pl.col("_unit_family")) | allowed.list.contains(pl.col("unit")))
    )
    return frame.with_columns(in_family.alias("unit_in_family")).drop("_family", "_unit_family")


def clean(batch: Sequence[ExtractedReport], regions: RegionIndex, catalog: MetricCatalog) -> CleanBatch:
    """Turn extracted reports into keyed frames (reports, facts, dates, metrics) with declared schemas."""
    report_rows: list[dict[str, object]] = []
    fact_rows: list[dict[str, object]] = []
    for report in batch:
        row, _ = _report_row(report, regions)
        report_rows.append(row)
        fact_rows.extend(_fact_rows(report, int(row["report_key"]), int(row["region_key"])))  # type: ignore[call-overload]
    reports = pl.DataFrame(report_rows, schema=REPORT_SCHEMA)
    metrics = metric_dimension(catalog)
    base_schema = {k: v for k, v in FACT_SCHEMA.items() if k not in {"metric_key", "metric_code", "unit_in_family"}}
    facts = pl.DataFrame(fact_rows, schema=base_schema)
    facts = label_mapping(facts, catalog, metrics).select(list(FACT_SCHEMA)).cast(FACT_SCHEMA)  # type: ignore[arg-type]
    return CleanBatch(reports=reports, facts=facts, dates=_dates(reports), metrics=metrics, regions=regions.frame(extended=True))
