"""Accuracy of the extractor on the golden set: precision, recall, per-kind, per-flag, parents.

Run: .venv/bin/python bench/accuracy.py [-v] [DIR ...]   (-v lists every error; DIR scores a new batch)
Documents named in tests/golden/heldout.txt are reported apart. Each held-out batch was scored
once before any change prompted by it; those first-run figures are kept in tests/golden/README.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fazhi.extract import extract_statistics
from fazhi.extract.gold import FLAG_FIELDS, GoldDoc, Score, load_gold, match, score

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "golden" / "cases"
HELDOUT = ROOT / "tests" / "golden" / "heldout.txt"


def _per_kind(docs: list[GoldDoc]) -> dict[str, tuple[int, int, int]]:
    """gold kind → (gold count, found, found with the right kind)."""
    out: dict[str, list[int]] = {}
    for doc in docs:
        stats = extract_statistics(doc.text, doc.year)
        pairs = match(doc, stats)
        for gi, row in enumerate(doc.rows):
            if row.kind == "none":
                continue
            acc = out.setdefault(row.kind, [0, 0, 0])
            acc[0] += 1
            if gi in pairs:
                acc[1] += 1
                acc[2] += int(stats[pairs[gi]].kind == row.kind)
    return {k: (v[0], v[1], v[2]) for k, v in sorted(out.items())}


def report(title: str, docs: list[GoldDoc], verbose: bool) -> Score:
    """Print the figures for one group of documents."""
    total = Score()
    for doc in docs:
        total.add(score(doc, extract_statistics(doc.text, doc.year)))
    print(
        f"== {title}: {len(docs)} documents, {total.tp + total.fn} gold statistics, "
        f"{sum(len(d.negatives) for d in docs)} negative cases"
    )
    print(
        f"precision {total.precision:.3f}  recall {total.recall:.3f}  "
        f"(tp {total.tp}, fp {total.fp}, fn {total.fn})  non-statistics emitted {total.negatives_emitted}"
    )
    fields = ["value", "value_max", "unit", "kind", "period", "parent", "flags_all"]
    print("  " + "  ".join(f"{f} {total.accuracy(f):.3f}" for f in fields))
    print("  flags: " + "  ".join(f"{FLAG_FIELDS[f[-1]]} {total.accuracy(f):.3f}" for f in (f"flag_{x}" for x in FLAG_FIELDS)))
    print(f"  breakdown parents {total.accuracy('parent'):.3f} over {total.field_n.get('parent', 0)} links")
    for kind, (n, found, right) in _per_kind(docs).items():
        print(f"  kind {kind:8} gold {n:3}  recall {found / n:.3f}  kind correct {right / max(found, 1):.3f}")
    if verbose:
        for e in total.errors:
            print("   -", e)
    return total


def main() -> None:
    """Score tuned and held-out documents separately (or every document of a directory given)."""
    verbose = "-v" in sys.argv
    dirs = [Path(a) for a in sys.argv[1:] if a != "-v"]
    if dirs:  # a new batch, scored before anything is tuned on it: bench/accuracy.py /tmp/batch -v
        report(", ".join(map(str, dirs)), [load_gold(p) for d in dirs for p in sorted(d.glob("*.txt"))], verbose)
        return
    held = set(HELDOUT.read_text(encoding="utf-8").split()) if HELDOUT.exists() else set()
    docs = [load_gold(p) for p in sorted(CASES.glob("*.txt"))]
    tuned = [d for d in docs if d.name not in held]
    heldout = [d for d in docs if d.name in held]
    report("tuned set", tuned, verbose)
    if heldout:
        report("held-out list (first-run figures: tests/golden/README.md)", heldout, verbose)
    report("all", docs, False)


if __name__ == "__main__":
    main()
