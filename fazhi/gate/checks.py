"""Computed check columns (cross-row and cross-table) that the GX suites then validate.

Each column ending in _ok is True when the row passes; expectations/*.json name them.
"""

from __future__ import annotations

import re

import polars as pl

from fazhi.keys import UNRESOLVED_REGION_KEY
from fazhi.metrics import UNCLASSIFIED
from fazhi.units import unit_family

MIN_REPORT_YEAR = 2004  # the 全面推进依法行政实施纲要 (2004) started annual reporting
YEARS_BEFORE = 5  # a result may describe up to this many years before the report year
TARGET_YEARS_AFTER = 15  # targets may look this far ahead (2035 远景目标 in a 2021 report)
YOY_FACTOR = 10.0  # a value this many times larger or smaller than last year's is a warning
MAX_UNMAPPED_SHARE = 0.5

# Rates that can never exceed 100%: satisfaction, appearance in court, online availability...
_BOUNDED_RATE = re.compile(
    r"满意|出庭|可办率|办结率|知晓率|覆盖率|公开率|到位率|参与率|答复率|合格率|达标率|纠错率|败诉率|受理率|调撤率|网办率"
)
# ...unless measured against a target or a base year, which can legitimately exceed 100%.
_UNBOUNDED_RATE = re.compile(r"完成率|增长|增幅|提高|提升|超额|同比|环比")


def fact_checks(facts: pl.DataFrame, reports: pl.DataFrame, metrics: pl.DataFrame, history: pl.DataFrame | None) -> pl.DataFrame:
    """facts with the *_ok columns of expectations/fact_statistic.json."""
    bodies = reports.select("report_key", "body_text", "report_year")
    frame = facts.join(bodies, on="report_key", how="left")
    length = pl.col("body_text").str.len_chars()
    span_ok = (pl.col("char_start") >= 0) & (pl.col("char_start") < pl.col("char_end")) & (pl.col("char_end") <= length)
    grounded = pl.col("body_text").str.slice(pl.col("char_start"), pl.col("char_end") - pl.col("char_start")) == pl.col("surface")
    label = pl.col("raw_label").fill_null("")
    bounded = (pl.col("rate_max") == 100).fill_null(False) | label.str.contains(_BOUNDED_RATE.pattern)
    bounded = bounded & ~label.str.contains(_UNBOUNDED_RATE.pattern) & (pl.col("kind") == "percent")
    year = pl.col("period_year")
    base = pl.col("report_year")
    period_ok = (
        year.is_null()
        | base.is_null()
        | pl.when(pl.col("is_target"))
        .then((year >= base - 1) & (year <= base + TARGET_YEARS_AFTER))
        .otherwise((year >= base - YEARS_BEFORE) & (year <= base + 1))
    )
    same_report_keys = facts.select(
        pl.col("statistic_key").alias("parent_statistic_key"), pl.col("report_key").alias("_parent_report")
    )
    frame = frame.join(metrics.select("metric_key", "rate_max", pl.lit(True).alias("_metric_known")), on="metric_key", how="left")
    frame = frame.join(same_report_keys, on="parent_statistic_key", how="left")
    parts = (
        facts.filter(pl.col("parent_statistic_key").is_not_null())
        .group_by("parent_statistic_key")
        .agg(pl.col("value").sum().alias("parts_sum"))
        .rename({"parent_statistic_key": "statistic_key"})
    )
    frame = frame.join(parts, on="statistic_key", how="left")
    frame = frame.with_columns(
        span_ok.fill_null(False).alias("span_ok"),
        (span_ok & grounded).fill_null(False).alias("grounded_ok"),
        ((pl.col("kind") == "change") | (pl.col("value") >= 0)).fill_null(False).alias("nonnegative_ok"),
        (pl.col("value_max").is_null() | (pl.col("value_max") >= pl.col("value"))).fill_null(False).alias("range_ok"),
        (~bounded | (pl.col("value") <= 100) & (pl.col("value_max").is_null() | (pl.col("value_max") <= 100)))
        .fill_null(True)
        .alias("rate_ok"),
        period_ok.fill_null(True).alias("period_year_ok"),
        (pl.col("parent_statistic_key").is_null() | (pl.col("_parent_report") == pl.col("report_key")))
        .fill_null(False)
        .alias("parent_ok"),
        pl.col("_metric_known").fill_null(False).alias("metric_ok"),
        pl.col("unit")
        .map_elements(lambda u: bool(unit_family(u)), return_dtype=pl.Boolean)
        .fill_null(False)
        .alias("unit_known_ok"),
        (pl.col("parts_sum").is_null() | (pl.col("parts_sum") <= pl.col("value") * 1.000001)).alias("parts_within_total_ok"),
        (pl.col("unit_in_family") != False).fill_null(True).alias("unit_family_ok"),  # noqa: E712 - null means "no family to check"
    )
    frame = _year_over_year(frame, history)
    return frame.drop("body_text", "_parent_report", "_metric_known", "rate_max")


def _year_over_year(frame: pl.DataFrame, history: pl.DataFrame | None) -> pl.DataFrame:
    """yoy_ok: False when a comparable previous-year value differs by more than YOY_FACTOR."""
    key = ["region_key", "metric_key", "unit", "kind"]
    comparable = (
        (pl.col("metric_code") != UNCLASSIFIED)
        & (pl.col("region_key") != UNRESOLVED_REGION_KEY)
        & ~pl.col("is_target")
        & pl.col("kind").is_in(["count", "amount"])
        & pl.col("period_year").is_not_null()
    )
    current = frame.filter(comparable).select(*key, "period_year", "value")
    previous = current if history is None else pl.concat([current, history.select(current.columns).cast(current.schema)])
    prior = previous.group_by(*key, "period_year").agg(pl.col("value").max().alias("prior_value"))
    prior = prior.with_columns((pl.col("period_year") + 1).alias("period_year"))
    frame = frame.join(prior, on=[*key, "period_year"], how="left")
    ratio_ok = (
        pl.col("prior_value").is_null()
        | (pl.col("prior_value") <= 0)
        | (pl.col("value") <= 0)
        | ((pl.col("value") / pl.col("prior_value")).is_between(1 / YOY_FACTOR, YOY_FACTOR))
    )
    return frame.with_columns(pl.when(comparable).then(ratio_ok).otherwise(True).fill_null(True).alias("yoy_ok"))


def report_checks(reports: pl.DataFrame, facts: pl.DataFrame, regions: pl.DataFrame) -> pl.DataFrame:
    """reports with the *_ok columns of expectations/dim_report.json."""
    per_report = facts.group_by("report_key").agg(
        pl.len().alias("_facts"),
        (pl.col("metric_code") == UNCLASSIFIED).sum().alias("_unmapped"),
        (pl.col("breakdown_status") == "partial").sum().alias("_partial"),
    )
    region_keys = regions.select(pl.col("region_code").cast(pl.Int64).alias("region_key"), pl.lit(True).alias("_region_known"))
    frame = reports.join(per_report, on="report_key", how="left").join(region_keys, on="region_key", how="left")
    year = pl.col("report_year")
    latest = pl.coalesce(pl.col("published_year"), pl.lit(9999))
    return frame.with_columns(
        (year.is_not_null() & (year >= MIN_REPORT_YEAR) & (year <= latest)).fill_null(False).alias("report_year_ok"),
        ((pl.col("region_key") == UNRESOLVED_REGION_KEY) | pl.col("_region_known").fill_null(False)).alias("region_ok"),
        (pl.col("region_key") != UNRESOLVED_REGION_KEY).alias("region_resolved_ok"),
        (pl.col("_facts").fill_null(0) > 0).alias("has_statistics_ok"),
        (pl.col("_unmapped").fill_null(0) <= pl.col("_facts").fill_null(0) * MAX_UNMAPPED_SHARE).alias("unmapped_share_ok"),
        (pl.col("_partial").fill_null(0) == 0).alias("partial_breakdown_ok"),
    ).drop("_facts", "_unmapped", "_partial", "_region_known")
