"""Regions (GB/T 2260) and resolving a report's reporting government to one.

The table is seeds/regions.csv (current units plus units abolished since ~2016, with the year of
the change and the successor's code); see seeds/README.md for its source and snapshot.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import polars as pl

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
LEVEL_RANK = {"province": 0, "prefecture": 1, "county": 2}
DIM_REGION_COLUMNS = (
    "region_code",
    "region_name",
    "region_level",
    "province_name",
    "prefecture_name",
    "county_name",
    "parent_region_code",
)
EXTENDED_COLUMNS = ("unit_type", "valid_from", "valid_to", "successor_region_code", "is_current")
# Historic units come from a table of ~mid-2016; when the change list has no date for one, it was
# abolished between then and now, so it is taken as valid for report years up to 2016.
UNKNOWN_CHANGE_YEAR = 2017

# A bare short name (方山, 鼓楼) is a region only right before these words: elsewhere short names
# are ordinary words (平安, 长安, 朝阳) and would be guessed, not read.
STEM_FOLLOWERS = ("人民政府",)
# A two-character full name (和县, 代县, 城区) inside running text is usually part of a phrase
# (县委和县政府, 现代县域, 主城区); accept it only after these characters or at a text boundary.
SHORT_NAME_PRECEDERS = set("省市州盟区于共关")
HAN = re.compile(r"[\u4e00-\u9fff]")
SPACES = re.compile(r"[\s\u3000]+")


class RegionDataError(Exception):
    """seeds/regions.csv is missing or malformed: fix the file named in the message."""


@dataclass(frozen=True)
class Region:
    """One administrative unit with its GB/T 2260 code (historic units carry valid_to and a successor)."""

    code: str
    name: str
    level: str  # 'province' | 'prefecture' | 'county'
    province_name: str
    prefecture_name: str | None
    county_name: str | None
    parent_code: str | None
    unit_type: str = ""
    valid_from: int | None = None  # first report year the unit exists for (None: before ~2016)
    valid_to: int | None = None  # year of the change that abolished it (None: current or unknown)
    successor_code: str | None = None
    is_current: bool = True

    def valid_in(self, year: int) -> bool:
        """Whether a report about this year can come from this unit (changes count from their year)."""
        until = self.valid_to
        if until is None and not self.is_current:
            until = UNKNOWN_CHANGE_YEAR
        return (self.valid_from is None or year >= self.valid_from) and (until is None or year < until)


@dataclass(frozen=True)
class RegionMatch:
    """The region a report belongs to, the text that named it, or why none was chosen."""

    region: Region | None
    matched_text: str | None
    reason: str | None


@dataclass(frozen=True)
class _Candidate:
    region: Region
    name_until: int | None = None  # a former name (桥东区 for 襄都区) names the unit only before this year


@dataclass(frozen=True)
class _Mention:
    text_index: int
    start: int
    surface: str
    candidates: tuple[_Candidate, ...]
    is_stem: bool


def _int_or_none(value: str) -> int | None:
    return int(value) if value.strip() else None


def _read_regions(path: Path) -> list[tuple[Region, list[str], list[tuple[str, int | None]]]]:
    if not path.is_file():
        raise RegionDataError(f"{path}: region table not found; restore seeds/regions.csv from git")
    out = []
    with path.open(encoding="utf-8", newline="") as f:
        for line_no, row in enumerate(csv.DictReader(f), start=2):
            try:
                region = Region(
                    code=row["region_code"],
                    name=row["region_name"],
                    level=row["region_level"],
                    province_name=row["province_name"],
                    prefecture_name=row["prefecture_name"] or None,
                    county_name=row["county_name"] or None,
                    parent_code=row["parent_region_code"] or None,
                    unit_type=row["unit_type"],
                    valid_from=_int_or_none(row["valid_from"]),
                    valid_to=_int_or_none(row["valid_to"]),
                    successor_code=row["successor_code"] or None,
                    is_current=row["is_current"] == "true",
                )
            except (KeyError, ValueError) as exc:
                raise RegionDataError(f"{path}:{line_no}: bad row ({exc}); compare with the header") from exc
            if not re.fullmatch(r"\d{6}", region.code) or region.level not in LEVEL_RANK:
                raise RegionDataError(f"{path}:{line_no}: bad code or level {region.code!r} {region.level!r}")
            former = [(n, _int_or_none(y)) for n, _, y in (f.partition(":") for f in row["former_names"].split("|") if f)]
            out.append((region, [a for a in row["aliases"].split("|") if a], former))
    return out


class RegionIndex:
    """All regions, with a compiled name matcher for resolving a report's government."""

    def __init__(self, entries: list[tuple[Region, list[str], list[tuple[str, int | None]]]]) -> None:
        self._regions = [e[0] for e in entries]
        self._by_code = {r.code: r for r in self._regions}
        self._full: dict[str, list[_Candidate]] = {}
        self._stem: dict[str, list[_Candidate]] = {}
        for region, aliases, former in entries:
            self._full.setdefault(region.name, []).append(_Candidate(region))
            for name, until in former:
                self._full.setdefault(name, []).append(_Candidate(region, until))
            for alias in aliases:
                # short forms of autonomous units keep a unit word (黔东南州, 青龙县, 广西) and read like
                # names; other aliases are bare stems (赣县 of 赣县区 is the old county's name, not an alias)
                if region.unit_type.startswith("自治") or region.unit_type == "特别行政区":
                    self._full.setdefault(alias, []).append(_Candidate(region))
                else:
                    self._stem.setdefault(alias, []).append(_Candidate(region))
        names = sorted(set(self._full) | set(self._stem), key=len, reverse=True)
        self._pattern = re.compile("|".join(map(re.escape, names)))

    @classmethod
    def load(cls, path: Path | None = None) -> RegionIndex:
        """Load the region table (default seeds/regions.csv); cached per path."""
        return _load_cached(path or SEEDS / "regions.csv")

    def units(self) -> list[Region]:
        """Every region in the table (current and historic), in code order."""
        return list(self._regions)

    def get(self, code: str) -> Region | None:
        """The region with this 6-digit code, if any."""
        return self._by_code.get(code)

    def ancestors(self, region: Region) -> list[Region]:
        """Parent, grandparent… of a region."""
        out, code = [], region.parent_code
        while code and code in self._by_code:
            out.append(self._by_code[code])
            code = self._by_code[code].parent_code
        return out

    def _mentions(self, index: int, text: str) -> list[_Mention]:
        found = []
        for m in self._pattern.finditer(text):
            surface, start, end = m.group(), m.start(), m.end()
            full = self._full.get(surface)
            if full is None:
                if not text.startswith(STEM_FOLLOWERS, end):
                    continue
                found.append(_Mention(index, start, surface, tuple(self._stem[surface]), True))
                continue
            if len(surface) == 2 and start > 0 and HAN.match(text[start - 1]) and text[start - 1] not in SHORT_NAME_PRECEDERS:
                continue
            found.append(_Mention(index, start, surface, tuple(full), False))
        return found

    def _for_year(self, candidates: Sequence[_Candidate], year: int | None) -> list[Region]:
        """Candidates that existed in the report's year; an old name used later means its successor."""
        if year is None:
            current = [c.region for c in candidates if c.region.is_current and c.name_until is None]
            return current or list(dict.fromkeys(c.region for c in candidates))
        valid = [c.region for c in candidates if c.region.valid_in(year) and (c.name_until is None or year < c.name_until)]
        if valid:
            # a recoded unit (定州 139001 → 130682): in its old years the old code was the one in force
            replaced = {r.successor_code for r in valid if not r.is_current}
            return list(dict.fromkeys(r for r in valid if r.code not in replaced))
        # a unit named before its creation year: the report was written after the change (米林市 for 2022)
        newer = [c.region for c in candidates if c.region.is_current and c.name_until is None]
        if newer:
            return list(dict.fromkeys(newer))
        successors = {c.region.successor_code for c in candidates if c.region.successor_code in self._by_code}
        renamed = {c.region.code for c in candidates if c.name_until is not None}
        return [self._by_code[s] for s in sorted(successors | renamed)]

    def _narrow(self, mention: _Mention, context: list[_Mention], year: int | None) -> list[Region]:
        """Candidates of a mention consistent with the other regions named (same text first)."""
        cands = self._for_year(mention.candidates, year)
        others = [c.region for c in mention.candidates if c.region not in cands]
        for scope in (
            [c for c in context if c.text_index == mention.text_index],
            context,
        ):
            named = {c.region.code for other in scope if other is not mention for c in other.candidates}
            if not named:
                continue
            # keep the candidates with the most named ancestors: 河北省石家庄市桥西区 names two of 130104's
            # ancestors but only one of 张家口's 桥西区
            kept, kept_support = self._best_supported(cands, named)
            gone, gone_support = self._best_supported(others, named)
            if gone_support > kept_support:
                # the context points at a unit of another year (大同市城区 in 2024): its successor
                return [self._by_code[c] for c in sorted({r.successor_code for r in gone if r.successor_code in self._by_code})]
            if kept:
                return kept
        return cands

    def _best_supported(self, regions: Sequence[Region], named: set[str]) -> tuple[list[Region], int]:
        """The regions with the most ancestors among the named codes, and that count (none if 0)."""
        support = {r.code: sum(a.code in named for a in self.ancestors(r)) for r in regions}
        best = max(support.values(), default=0)
        return ([r for r in regions if support[r.code] == best] if best else []), best

    def resolve(self, texts: Sequence[str | None], year: int | None = None) -> RegionMatch:
        """Resolve the government that issued a report from its title, publisher, signature and site hint."""
        cleaned = [SPACES.sub("", t) if t else "" for t in texts]
        mentions = [m for i, t in enumerate(cleaned) for m in self._mentions(i, t)]
        if not mentions:
            return RegionMatch(None, None, "no region name in the title, publisher or signature")
        reasons: list[str] = []
        for index in range(len(cleaned)):
            in_text = [m for m in mentions if m.text_index == index]
            resolved: list[tuple[_Mention, Region]] = []
            ambiguous_depth = -1
            for m in in_text:
                cands = self._narrow(m, mentions, year)
                if not cands:
                    ambiguous_depth = max(ambiguous_depth, min(LEVEL_RANK[c.region.level] for c in m.candidates))
                    reasons.append(f"'{m.surface}' no longer existed in {year} and has no single successor")
                elif len(cands) == 1:
                    resolved.append((m, cands[0]))
                elif len(cands) > 1 and not m.is_stem:
                    ambiguous_depth = max(ambiguous_depth, min(LEVEL_RANK[c.level] for c in cands))
                    listed = "、".join(f"{c.code} {c.province_name}{c.prefecture_name or ''}{c.name}" for c in cands[:6])
                    reasons.append(f"'{m.surface}' is ambiguous: {listed}")
            if not resolved:
                continue
            deepest = max(LEVEL_RANK[r.level] for _, r in resolved)
            if ambiguous_depth > deepest:
                continue  # 江苏省鼓楼区: the province is known but the issuer is one of its 鼓楼区s
            top = {r.code: (m, r) for m, r in resolved if LEVEL_RANK[r.level] == deepest}
            if len(top) == 1:
                m, region = next(iter(top.values()))
                return RegionMatch(region, m.surface, None)
            names = "、".join(f"{r.name}({r.code})" for _, r in top.values())
            reasons.append(f"text {index + 1} names several regions: {names}")
        return RegionMatch(
            None, None, "; ".join(dict.fromkeys(reasons)) or "region names found but none could be tied to one unit"
        )

    def frame(self, extended: bool = False) -> pl.DataFrame:
        """dim_region rows (all Utf8); extended adds unit_type, validity years and the successor code."""
        cols = DIM_REGION_COLUMNS + (EXTENDED_COLUMNS if extended else ())
        rows = {c: [] for c in cols}  # type: dict[str, list[str | None]]
        for r in self._regions:
            values = {
                "region_code": r.code,
                "region_name": r.name,
                "region_level": r.level,
                "province_name": r.province_name,
                "prefecture_name": r.prefecture_name,
                "county_name": r.county_name,
                "parent_region_code": r.parent_code,
                "unit_type": r.unit_type,
                "valid_from": None if r.valid_from is None else str(r.valid_from),
                "valid_to": None if r.valid_to is None else str(r.valid_to),
                "successor_region_code": r.successor_code,
                "is_current": "true" if r.is_current else "false",
            }
            for c in cols:
                rows[c].append(values[c])
        return pl.DataFrame(rows, schema={c: pl.Utf8 for c in cols})


@lru_cache(maxsize=4)
def _load_cached(path: Path) -> RegionIndex:
    return RegionIndex(_read_regions(path))
