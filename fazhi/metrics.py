"""The metric catalog (seeds/metric_catalog.csv) and mapping raw labels onto it.

A label maps through the catalog's synonyms: every synonym found in the label is a candidate; a
candidate whose unit family fits the statistic's unit wins, then the longest synonym, then the one
nearest the label's end (the head noun of a Chinese phrase). Bare outcome words (维持, 撤销, 审结)
mean different things under reconsideration and litigation, so they count only when the caller
passes a context metric of the same category (context_synonyms): the parent statistic's metric
(parent_metric, which also keeps a part inside its total's category: 民事 → 物权纠纷 is not a
mediation case) or the last mapped metric of the same sentence (context_metric). A label ending in
a ratio word (合格率, 占比) never maps to a count metric. A synonym written `!phrase` blocks the
metric's synonyms inside that phrase (设备案件 is not 备案). Unmapped labels return None: the clean
stage keeps them as 'unclassified' with the raw label.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import polars as pl

from fazhi.units import FAMILY, unit_family

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
UNCLASSIFIED = "unclassified"
DIM_METRIC_SCHEMA: dict[str, pl.DataType] = {
    "metric_code": pl.Utf8(),
    "name_zh": pl.Utf8(),
    "name_en": pl.Utf8(),
    "category": pl.Utf8(),
    "unit": pl.Utf8(),
    "is_additive": pl.Boolean(),
    "parent_metric_code": pl.Utf8(),
    "unit_family": pl.Utf8(),
    "rate_max": pl.Float64(),
}
REQUIRED_COLUMNS = (
    "metric_code",
    "name_zh",
    "name_en",
    "category",
    "unit",
    "unit_family",
    "additivity",
    "parent_metric_code",
    "rate_max",
    "synonyms",
    "context_synonyms",
)
FACT_CONTEXT_COLUMNS = ("statistic_key", "report_key", "parent_statistic_key", "sentence", "char_start", "raw_label", "unit")
ADDITIVITY = ("yes", "semi", "no")  # semi: adds up within one level only (double counting across levels)
KNOWN_FAMILIES = frozenset(FAMILY.values())
# '个' (generic) counts anything countable, so it fits every count metric.
COUNT_FAMILIES = frozenset({"case", "person", "person_time", "session", "item", "document", "batch", "organisation", "place"})
# Characters dropped from a label before matching: spaces, quotes and brackets vary between reports.
LABEL_NOISE = re.compile(r"[\s\u3000“”‘’\"'《》〈〉「」『』【】]")
FULL_WIDTH = str.maketrans("（）０１２３４５６７８９", "()0123456789")
# A label naming a ratio (…合格率, …占比均, …率保持在) measures a share, not the thing counted.
RATIO_TAIL = re.compile(r"(率|比例|比重|占比|覆盖面)(均|为|达|达到|保持在|控制在|提高到|提升至|在|均为|均达)?$")


class CatalogError(Exception):
    """seeds/metric_catalog.csv is missing or inconsistent: fix the row named in the message."""


@dataclass(frozen=True)
class Metric:
    """One canonical metric: what is counted, in which unit family, and how it adds up."""

    code: str
    name_zh: str
    name_en: str
    category: str
    unit: str
    families: frozenset[str]
    additivity: str
    parent_code: str | None
    rate_max: float | None
    blockers: tuple[str, ...] = ()  # phrases inside which this metric's synonyms do not count


def normalize_label(label: str) -> str:
    """A label as matched: no spaces, quotes or brackets variants, half-width digits."""
    return LABEL_NOISE.sub("", label.translate(FULL_WIDTH))


def _split(value: str) -> list[str]:
    return [normalize_label(v) for v in value.split("|") if v.strip()]


class MetricCatalog:
    """Canonical metrics with their synonyms, compiled once into one matcher."""

    def __init__(self, metrics: list[Metric], synonyms: dict[str, list[tuple[int, bool]]]) -> None:
        self._metrics = metrics
        self._by_code = {m.code: m for m in metrics}
        self._synonyms = synonyms  # synonym → [(metric index, is context-only)]
        # every synonym starting at a position counts (not only the longest: 行政案件 hides 行政)
        lengths: dict[str, set[int]] = {}
        for syn in synonyms:
            lengths.setdefault(syn[0], set()).add(len(syn))
        self._lengths = {first: tuple(sorted(ls)) for first, ls in lengths.items()}
        self._cache: dict[tuple[str, str, str | None, str | None], str | None] = {}

    @classmethod
    def load(cls, path: Path | None = None) -> MetricCatalog:
        """Load the catalog (default seeds/metric_catalog.csv); cached per path."""
        return _load_cached(path or SEEDS / "metric_catalog.csv")

    def get(self, code: str) -> Metric | None:
        """The metric with this code, if any."""
        return self._by_code.get(code)

    def unit_fits(self, metric_code: str, unit: str) -> bool | None:
        """Whether a unit belongs to the metric's unit family (None when the unit or metric is unknown)."""
        metric = self._by_code.get(metric_code)
        family = unit_family(unit) if unit else ""
        if metric is None or not family:
            return None
        return _fits(metric, family)

    def map_label(
        self, raw_label: str, unit: str, parent_metric: str | None = None, context_metric: str | None = None
    ) -> str | None:
        """metric_code for a raw label and its unit, or None; parent/context metrics unlock bare outcome words."""
        key = (raw_label, unit, parent_metric, context_metric)
        if key not in self._cache:
            self._cache[key] = self._map(raw_label, unit, parent_metric, context_metric)
        return self._cache[key]

    def _map(self, raw_label: str, unit: str, parent_metric: str | None, context_metric: str | None) -> str | None:
        label = normalize_label(raw_label or "")
        if not label:
            return None
        parent = self._by_code.get(parent_metric) if parent_metric else None
        context = parent or (self._by_code.get(context_metric) if context_metric else None)
        family = unit_family(unit) if unit else ""
        is_ratio = RATIO_TAIL.search(label) is not None
        best: tuple[int, int, int, int] | None = None
        best_code = None
        for start, end in self._matches(label):
            for index, context_only in self._synonyms[label[start:end]]:
                metric = self._metrics[index]
                if context_only and (context is None or context.category != metric.category):
                    continue
                if parent is not None and (parent.category != metric.category or metric.code in self._lineage(parent)):
                    continue  # a part stays inside its total's category and is never the total or above it
                if is_ratio and "percent" not in metric.families:
                    continue
                if _blocked(label, start, end, metric.blockers):
                    continue
                fits = 1 if family and _fits(metric, family) else 0
                # unit fit first, then the longest synonym, then the one nearest the end, then catalog order
                score = (fits, end - start, end, -index)
                if best is None or score > best:
                    best, best_code = score, metric.code
        return best_code

    def _lineage(self, metric: Metric) -> set[str]:
        """The metric's code and those of its catalog ancestors."""
        codes: set[str] = set()
        current: Metric | None = metric
        while current is not None and current.code not in codes:
            codes.add(current.code)
            current = self._by_code.get(current.parent_code or "")
        return codes

    def _matches(self, label: str) -> list[tuple[int, int]]:
        """(start, end) of every synonym occurring in the label."""
        found = []
        for start, first in enumerate(label):
            for length in self._lengths.get(first, ()):
                end = start + length
                if end <= len(label) and label[start:end] in self._synonyms:
                    found.append((start, end))
        return found

    def map_frame(self, labels: pl.DataFrame) -> pl.DataFrame:
        """Add metric_code (null when unmapped) to raw_label, unit (optional parent_metric_code, context_metric_code)."""
        optional = [c for c in ("parent_metric_code", "context_metric_code") if c in labels.columns]
        cols = ["raw_label", "unit", *optional]
        key = pl.concat_str([pl.col(c).cast(pl.Utf8).fill_null("") for c in cols], separator="\x1f")
        mapping = {}
        for row in labels.select(cols).unique().iter_rows():
            values = dict(zip(cols, (v or "" for v in row), strict=True))
            mapping["\x1f".join(values[c] for c in cols)] = self.map_label(
                values["raw_label"],
                values["unit"],
                values.get("parent_metric_code") or None,
                values.get("context_metric_code") or None,
            )
        return labels.with_columns(key.replace_strict(mapping, default=None, return_dtype=pl.Utf8).alias("metric_code"))

    def map_facts(self, facts: pl.DataFrame) -> pl.DataFrame:
        """Add metric_code to fact rows, with each part's parent metric and its sentence's earlier metric as context."""
        missing = [c for c in FACT_CONTEXT_COLUMNS if c not in facts.columns]
        if missing:
            raise ValueError(f"map_facts needs columns {missing}")
        rows = facts.select(FACT_CONTEXT_COLUMNS).sort("report_key", "char_start").iter_rows()
        codes: dict[int, str | None] = {}
        parts = []
        last_in_sentence: dict[tuple[int, str], str] = {}
        # columns in FACT_CONTEXT_COLUMNS order; totals first, in text order, so a sentence's earlier
        # metric can give context
        for key, report, parent_key, sentence, _, label, unit in rows:
            if parent_key is not None:
                parts.append((key, report, parent_key, sentence, label, unit))
                continue
            where = (report, sentence or "")
            code = self.map_label(label or "", unit or "", None, last_in_sentence.get(where))
            codes[key] = code
            if code:
                last_in_sentence[where] = code
        for key, report, parent_key, sentence, label, unit in parts:  # in text order: a part's parent part comes first
            parent = codes.get(parent_key)
            context = None if parent else last_in_sentence.get((report, sentence or ""))
            codes[key] = self.map_label(label or "", unit or "", parent, context)
        key = pl.col("statistic_key").replace_strict(codes, default=None, return_dtype=pl.Utf8)
        return facts.with_columns(key.alias("metric_code"))

    def frame(self) -> pl.DataFrame:
        """dim_metric rows, one per catalog metric plus the 'unclassified' row."""
        rows = [
            {
                "metric_code": m.code,
                "name_zh": m.name_zh,
                "name_en": m.name_en,
                "category": m.category,
                "unit": m.unit,
                "is_additive": m.additivity == "yes",
                "parent_metric_code": m.parent_code,
                "unit_family": "|".join(sorted(m.families)),
                "rate_max": m.rate_max,
            }
            for m in self._metrics
        ]
        rows.append(
            {
                "metric_code": UNCLASSIFIED,
                "name_zh": "未分类",
                "name_en": "Unclassified",
                "category": UNCLASSIFIED,
                "unit": None,
                "is_additive": False,
                "parent_metric_code": None,
                "unit_family": None,
                "rate_max": None,
            }
        )
        return pl.DataFrame(rows, schema=DIM_METRIC_SCHEMA)


def _blocked(label: str, start: int, end: int, blockers: tuple[str, ...]) -> bool:
    for phrase in blockers:
        at = label.find(phrase)
        while at != -1:
            if at < end and start < at + len(phrase):
                return True
            at = label.find(phrase, at + 1)
    return False


def _fits(metric: Metric, family: str) -> bool:
    if family in metric.families:
        return True
    return family == "generic" and bool(metric.families & COUNT_FAMILIES)


def _parse(path: Path) -> MetricCatalog:
    if not path.is_file():
        raise CatalogError(f"{path}: metric catalog not found; restore seeds/metric_catalog.csv from git")
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise CatalogError(f"{path}: missing columns {missing}")
        rows = list(reader)
    metrics: list[Metric] = []
    synonyms: dict[str, list[tuple[int, bool]]] = {}
    for line_no, row in enumerate(rows, start=2):
        where = f"{path}:{line_no} ({row['metric_code']})"
        families = frozenset(row["unit_family"].split("|"))
        if not row["metric_code"] or row["metric_code"] == UNCLASSIFIED:
            raise CatalogError(f"{where}: metric_code is empty or reserved")
        if not families <= KNOWN_FAMILIES:
            raise CatalogError(
                f"{where}: unknown unit families {sorted(families - KNOWN_FAMILIES)}; use {sorted(KNOWN_FAMILIES)}"
            )
        own_family = unit_family(row["unit"]) if row["unit"] else ""
        if own_family and not (own_family in families or (own_family == "generic" and families & COUNT_FAMILIES)):
            raise CatalogError(f"{where}: unit {row['unit']!r} is not in its own unit_family")
        if row["additivity"] not in ADDITIVITY:
            raise CatalogError(f"{where}: additivity must be one of {ADDITIVITY}")
        try:
            rate_max = float(row["rate_max"]) if row["rate_max"].strip() else None
        except ValueError as exc:
            raise CatalogError(f"{where}: rate_max must be a number or empty") from exc
        index = len(metrics)
        metrics.append(
            Metric(
                code=row["metric_code"],
                name_zh=row["name_zh"],
                name_en=row["name_en"],
                category=row["category"],
                unit=row["unit"],
                families=families,
                additivity=row["additivity"],
                parent_code=row["parent_metric_code"] or None,
                rate_max=rate_max,
                blockers=tuple(b[1:] for b in _split(row["synonyms"]) if b.startswith("!")),
            )
        )
        own = [syn for syn in _split(row["synonyms"]) if not syn.startswith("!")]
        if not any(c in row["name_zh"] for c in "/()（）"):
            own.append(normalize_label(row["name_zh"]))
        for syn in dict.fromkeys(own):
            synonyms.setdefault(syn, []).append((index, False))
        for syn in dict.fromkeys(_split(row["context_synonyms"])):
            synonyms.setdefault(syn, []).append((index, True))
    codes = [m.code for m in metrics]
    duplicates = sorted({c for c in codes if codes.count(c) > 1})
    if duplicates:
        raise CatalogError(f"{path}: duplicate metric_code {duplicates}")
    for m in metrics:
        if m.parent_code and m.parent_code not in codes:
            raise CatalogError(f"{path}: {m.code} has unknown parent_metric_code {m.parent_code!r}")
    return MetricCatalog(metrics, synonyms)


@lru_cache(maxsize=4)
def _load_cached(path: Path) -> MetricCatalog:
    return _parse(path)
