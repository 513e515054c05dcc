"""Extraction throughput on a large corpus, next to a bare re.finditer(r"\\d+") pass over the same text.

Run: .venv/bin/python bench/extract_speed.py [target_megachars] [case_glob ...]
(defaults: 5, then both '*' — the dense golden reports — and 'fangshan*', the density of the one
real report; e.g. `bench/extract_speed.py 3 'fangshan*'` measures only the latter).
The corpus varies the golden reports (numbers perturbed, paragraphs shuffled) so that caches
and repeated strings do not flatter the figure. One core, one process, CPU time of this process,
best of 3 repetitions (as timeit does: the machine is shared, the minimum is the least disturbed).
"""

from __future__ import annotations

import random
import re
import sys
import time
from pathlib import Path

from fazhi.extract import extract_statistics

CASES = Path(__file__).resolve().parents[1] / "tests" / "golden" / "cases"
_DIGITS = re.compile(r"[0-9]+")


def build_corpus(target_chars: int, seed: int = 7, pattern: str = "*") -> list[str]:
    """Documents made by varying the golden reports until target_chars is reached."""
    rng = random.Random(seed)
    sources = [p.read_text(encoding="utf-8") for p in sorted(CASES.glob(f"{pattern}.txt"))]
    docs: list[str] = []
    total = 0
    while total < target_chars:
        base = rng.choice(sources)
        paras = base.split("\n")
        head, body = paras[:3], paras[3:]
        rng.shuffle(body)
        text = "\n".join(head + body)
        text = _DIGITS.sub(lambda m: str(int(m.group()) + rng.randint(0, 9)) if len(m.group()) < 4 else m.group(), text)
        docs.append(text)
        total += len(text)
    return docs


def main() -> None:
    """Print characters per second on the dense golden corpus and at the real report's density."""
    mega = float(sys.argv[1]) if len(sys.argv) > 1 else 5.0
    patterns = sys.argv[2:] or ["*", "fangshan*"]  # every golden report, then the one real report
    for pattern in patterns:
        print(f"== cases '{pattern}'")
        measure(mega, pattern)


def measure(mega: float, pattern: str) -> None:
    """Print characters per second for the extractor and for a bare digit scan on one corpus."""
    docs = build_corpus(int(mega * 1_000_000), pattern=pattern)
    chars = sum(len(d) for d in docs)
    t_bare = t_extract = float("inf")
    for _ in range(3):
        t0 = time.process_time()
        n_digits = sum(1 for d in docs for _ in re.finditer(r"\d+", d))
        t_bare = min(t_bare, time.process_time() - t0)
        t0 = time.process_time()
        n_stats = sum(len(extract_statistics(d)) for d in docs)
        t_extract = min(t_extract, time.process_time() - t0)
    print(f"corpus: {len(docs)} documents, {chars:,} characters, one statistic per {chars / n_stats:.0f} characters")
    print(f"bare re.finditer(r'\\d+'): {chars / t_bare / 1e6:6.2f} M chars/s  ({n_digits:,} digit runs, {t_bare:.2f} s)")
    print(f"extract_statistics:       {chars / t_extract / 1e6:6.2f} M chars/s  ({n_stats:,} statistics, {t_extract:.2f} s)")


if __name__ == "__main__":
    main()
