"""Golden evaluation sets: load annotated reports and score extracted statistics against them.

A gold file is TSV: anchor (unique in the text), surface (inside the anchor), value, value_max,
unit, kind ('none' = a number that must never be emitted), flags (A approximate, T target,
P partial period, I unit inferred), period, parent_anchor. A `year=` line gives the report year.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from fazhi.model import Statistic

FLAG_FIELDS = {"A": "is_approximate", "T": "is_target", "P": "is_partial_period", "I": "unit_inferred"}


@dataclass(frozen=True)
class GoldRow:
    """One annotated number: where it is, and what the extractor must say about it."""

    anchor: str
    surface: str
    start: int
    end: int
    value: float
    value_max: float | None
    unit: str
    kind: str
    flags: str
    period: int | None
    parent_anchor: str


@dataclass
class GoldDoc:
    """An annotated report: its text, report year, positive and negative rows."""

    name: str
    text: str
    year: int | None
    rows: list[GoldRow]

    @property
    def positives(self) -> list[GoldRow]:
        """Rows that are statistics."""
        return [r for r in self.rows if r.kind != "none"]

    @property
    def negatives(self) -> list[GoldRow]:
        """Rows that must not be emitted."""
        return [r for r in self.rows if r.kind == "none"]


class GoldError(ValueError):
    """A gold file that does not fit its text (anchor missing or not unique)."""


def load_gold(txt_path: Path) -> GoldDoc:
    """Load <name>.txt and its <name>.gold.tsv."""
    text = txt_path.read_text(encoding="utf-8")
    gold_path = txt_path.with_suffix(".gold.tsv")
    rows: list[GoldRow] = []
    year = None
    for n, line in enumerate(gold_path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("year="):
            year = int(line[5:])
            continue
        cols = (line.split("\t") + [""] * 9)[:9]
        anchor, surface, value, vmax, unit, kind, flags, period, parent = cols
        if text.count(anchor) != 1:
            raise GoldError(f"{gold_path}:{n}: anchor {anchor!r} found {text.count(anchor)} times")
        a = text.index(anchor)
        k = anchor.find(surface)
        if k < 0:
            raise GoldError(f"{gold_path}:{n}: surface {surface!r} not in anchor {anchor!r}")
        rows.append(
            GoldRow(
                anchor,
                surface,
                a + k,
                a + k + len(surface),
                float(value or 0),
                float(vmax) if vmax else None,
                unit,
                kind,
                flags,
                int(period) if period else None,
                parent,
            )
        )
    return GoldDoc(txt_path.stem, text, year, rows)


def _overlap(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


@dataclass
class Score:
    """Counts for precision, recall and per-field accuracy over matched statistics."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    negatives_emitted: int = 0
    field_ok: dict[str, int] = field(default_factory=dict)
    field_n: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        """Accumulate another document's counts."""
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.negatives_emitted += other.negatives_emitted
        for k, v in other.field_n.items():
            self.field_n[k] = self.field_n.get(k, 0) + v
            self.field_ok[k] = self.field_ok.get(k, 0) + other.field_ok.get(k, 0)
        self.errors.extend(other.errors)

    def check(self, name: str, ok: bool, note: str) -> None:
        """Count one field comparison; remember what went wrong."""
        self.field_n[name] = self.field_n.get(name, 0) + 1
        self.field_ok[name] = self.field_ok.get(name, 0) + int(ok)
        if not ok:
            self.errors.append(f"{name}: {note}")

    def accuracy(self, name: str) -> float:
        """Share of correct comparisons of a field (1.0 when never compared)."""
        n = self.field_n.get(name, 0)
        return self.field_ok.get(name, 0) / n if n else 1.0

    @property
    def precision(self) -> float:
        """Share of emitted statistics that are gold statistics."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """Share of gold statistics emitted."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def match(doc: GoldDoc, stats: list[Statistic]) -> dict[int, int]:
    """Map gold-positive row number → statistic index, one to one, by span overlap."""
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for gi, row in enumerate(doc.rows):
        if row.kind == "none":
            continue
        for s in stats:
            if s.index not in used and _overlap(row.start, row.end, s.char_start, s.char_end):
                pairs[gi] = s.index
                used.add(s.index)
                break
    return pairs


def score(doc: GoldDoc, stats: list[Statistic]) -> Score:
    """Compare a document's extracted statistics with its gold rows."""
    sc = Score()
    pairs = match(doc, stats)
    by_anchor = {r.anchor: gi for gi, r in enumerate(doc.rows)}
    matched = set(pairs.values())
    for s in stats:
        if s.index in matched:
            continue
        if any(_overlap(r.start, r.end, s.char_start, s.char_end) for r in doc.negatives):
            sc.negatives_emitted += 1
            sc.errors.append(f"{doc.name}: non-statistic emitted {s.surface!r} in {s.sentence[:40]!r}")
        else:
            sc.errors.append(f"{doc.name}: extra {s.surface!r} ({s.raw_label})")
        sc.fp += 1
    for gi, row in enumerate(doc.rows):
        if row.kind == "none":
            continue
        if gi not in pairs:
            sc.fn += 1
            sc.errors.append(f"{doc.name}: missed {row.anchor!r}")
            continue
        sc.tp += 1
        s = stats[pairs[gi]]
        where = f"{doc.name} {row.anchor!r}"
        sc.check("value", abs(s.value - row.value) < 1e-6 * max(1.0, abs(row.value)), f"{where} {s.value} != {row.value}")
        sc.check("value_max", s.value_max == row.value_max, f"{where} max {s.value_max} != {row.value_max}")
        sc.check("unit", s.unit == row.unit, f"{where} unit {s.unit!r} != {row.unit!r}")
        sc.check("kind", s.kind == row.kind, f"{where} kind {s.kind} != {row.kind}")
        sc.check("period", s.period_year == row.period, f"{where} period {s.period_year} != {row.period}")
        for letter, attr in FLAG_FIELDS.items():
            sc.check(f"flag_{letter}", getattr(s, attr) == (letter in row.flags), f"{where} flag {letter}")
        flags_ok = all(getattr(s, a) == (f in row.flags) for f, a in FLAG_FIELDS.items())
        sc.check("flags_all", flags_ok, f"{where} flags")
        if row.parent_anchor or s.parent_index is not None:
            want = pairs.get(by_anchor.get(row.parent_anchor, -1)) if row.parent_anchor else None
            sc.check("parent", s.parent_index == want, f"{where} parent {s.parent_index} != {want}")
    return sc
