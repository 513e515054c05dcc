"""Text layer: normalise body text for matching while keeping exact offsets into the original.

The original is first translated char-for-char (full-width → ASCII), then stray spaces inside
words or numbers, PDF hard line breaks and page footers are deleted. A segment map turns every
offset in the compact text back into an offset in the text as given (grounding invariant).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from operator import attrgetter
from typing import NamedTuple

from fazhi.extract.lexicon import PLAN_HEADING_WORDS, PLAN_OPENINGS, PROBLEM_HEADING_WORDS, SAME_LENGTH_MAP

# str.translate takes a slow per-character path on CJK text; a few C-speed replaces of only the
# characters present are several times faster and just as length-preserving.
_REPLACEMENTS = tuple(SAME_LENGTH_MAP.items())
_WORD = "\u4e00-\u9fff0-9%"
# a space run inside a word or number ("法 制审核", "1 386", "共 30 件")
_INNER_SPACE = re.compile(rf"[ \t](?<=[{_WORD}][ \t])[ \t]*(?=[{_WORD}])")  # a class first: fast scan
_FOOTER_LINE = (
    r"[ \t]*(?:[-—–][ \t]*[0-9]{1,3}[ \t]*[-—–]|第[ \t]*[0-9]{1,3}[ \t]*页(?:[ \t]*共[ \t]*[0-9]{1,3}[ \t]*页)?)[ \t]*\n"
)
# a line break, with any page-footer lines ("- 2 -", "第 2 页") between the two halves. A break
# right after a terminal mark (most lines) never joins: it is matched only to consume the footers
# after it, so that the loop in _deletions sees a third of the breaks.
_LINE_BREAK = re.compile(rf"\n(?:(?<=[^。!?;:|\n]\n)(?:{_FOOTER_LINE})*|(?:{_FOOTER_LINE})+)[ \t]*")
_HEADING_START = re.compile(r"[ \t]*(?:[一二三四五六七八九十]{1,3}[、.]|\(|\)|[0-9]{1,2}[、.](?![0-9])|[一二三四五六七八九十]是)")
_TERMINAL = frozenset("。!?;:|\n")
_MIN_WRAPPED_LINE = 20  # shorter lines are headings or signatures, not PDF-wrapped prose

_SENTENCE_END = re.compile(r"[。!?\n]")
_LAST_SENTENCE_END = re.compile(r"[。!?\n][^。!?\n]*+\Z")  # one no other sentence end follows
# every branch opens with a literal: the engine skips to the next quote mark by itself
_QUOTED = re.compile(r"《[^》\n]{0,80}》|“[^“”\n]{0,25}”|\"[^\"\n]{0,25}\"|「[^」\n]{0,25}」|‘[^‘’\n]{0,25}’")

# Markers that open a line, in one scan: 一、 (level 1), and a lone ) whose (N was lost (level 2).
# Scans look for a rare literal first: the line break before these, the 、 or . after a digit
# (_L3), the 是 after a numeral (_L5); a ^ or a numeral class is tried at far more positions.
_LINE_MARKER = re.compile(r"\n[ \t]*(?:([一二三四五六七八九十]{1,3})[、.]|(\))(?![0-9]))")
_L2 = re.compile(r"\(([一二三四五六七八九十]{1,3})\)")
_L3 = re.compile(r"[、.](?<=[0-9][、.])(?![0-9])")  # the one or two digits before: in Python
_L4 = re.compile(r"\(([0-9]{1,2})\)")
_L5 = re.compile(r"是(?<=[一二三四五六七八九十]是)")  # the one or two numerals before: in Python
_L5_BEFORE = frozenset("。;,:\n")
_STRONG_BEFORE = frozenset("。;!?:)\n \t")
_CN_DIGITS = "一二三四五六七八九十"


@dataclass
class Prepared:
    """A body text ready for matching: compact text plus the map back to the original."""

    original: str
    text: str
    seg_compact: list[int]
    seg_orig: list[int]
    quote_starts: list[int] = field(default_factory=list)
    quote_ends: list[int] = field(default_factory=list)

    def to_orig(self, pos: int) -> int:
        """Map an offset in the compact text to the original text."""
        if len(self.seg_compact) == 1:
            return pos  # nothing was deleted: offsets are the same
        i = bisect_right(self.seg_compact, pos) - 1
        return self.seg_orig[i] + pos - self.seg_compact[i]

    def span_to_orig(self, start: int, end: int) -> tuple[int, int]:
        """Map a compact [start, end) span to the original text (end-exclusive)."""
        if len(self.seg_compact) == 1:
            return start, end  # nothing was deleted: offsets are the same
        return self.to_orig(start), self.to_orig(end - 1) + 1

    def sentence_bounds(self, pos: int, floor: int = 0) -> tuple[int, int]:
        """Compact [start, end) of the sentence holding pos (end includes the terminal mark).

        floor, a sentence start at or before pos's sentence, bounds the search back (the end of
        the previous number's sentence): only sentences with numbers are ever looked up.
        """
        last = _LAST_SENTENCE_END.search(self.text, floor, pos)
        start = last.start() + 1 if last else floor
        following = _SENTENCE_END.search(self.text, pos)
        end = following.start() + 1 if following else len(self.text)
        return start, end

    def in_quote(self, pos: int) -> bool:
        """True when pos lies inside a quoted title or a short quoted name."""
        i = bisect_right(self.quote_starts, pos) - 1
        return i >= 0 and pos < self.quote_ends[i]


def _deletions(text: str) -> list[tuple[int, int]]:
    """Spans of the translated text to drop: inner spaces and joinable line breaks."""
    spans: list[tuple[int, int]] = []
    has_spaces = " " in text or "\t" in text  # most reports have none
    for m in _INNER_SPACE.finditer(text) if has_spaces else ():
        left, right = text[m.start() - 1], text[m.end()]
        if left.isdigit() and right.isdigit():
            # only a thousands separator: "1 386" (not two numbers side by side)
            tail = text[m.end() : m.end() + 4]
            if not (len(tail) >= 3 and tail[:3].isdigit() and (len(tail) == 3 or not tail[3].isdigit())):
                continue
        spans.append((m.start(), m.end()))
    for m in _LINE_BREAK.finditer(text):
        k = m.start()
        if k == 0 or text[k - 1] in _TERMINAL or m.end() >= len(text) or text[m.end()] == "\n":
            continue  # most lines end a paragraph: decided on one character
        while k > 0 and text[k - 1] in " \t":
            k -= 1
        if k == 0 or text[k - 1] in _TERMINAL:
            continue
        line_start = text.rfind("\n", 0, k) + 1
        prev_line = text[line_start:k]
        if (
            len(prev_line) < _MIN_WRAPPED_LINE
            or " | " in prev_line
            or (_HEADING_START.match(prev_line) and "。" not in prev_line)
        ):
            continue
        next_line_end = text.find("\n", m.end())
        next_line = text[m.end() : next_line_end if next_line_end >= 0 else len(text)]
        if _HEADING_START.match(next_line) or " | " in next_line:
            continue
        spans.append((k, m.end()))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def prepare(original: str) -> Prepared:
    """Translate, compact and index a body text for the span finder."""
    translated = original
    for src, dst in _REPLACEMENTS:
        if src in translated:
            translated = translated.replace(src, dst)
    pieces: list[str] = []
    seg_compact, seg_orig = [0], [0]
    cursor, compact_len = 0, 0
    for s, e in _deletions(translated):
        pieces.append(translated[cursor:s])
        compact_len += s - cursor
        cursor = e
        seg_compact.append(compact_len)
        seg_orig.append(e)
    pieces.append(translated[cursor:])
    text = "".join(pieces)
    prepared = Prepared(original, text, seg_compact, seg_orig)
    for m in _QUOTED.finditer(text):
        prepared.quote_starts.append(m.start())
        prepared.quote_ends.append(m.end())
    return prepared


class Marker(NamedTuple):
    """A section or list marker: where it is, its level (1–5), how it prints, its heading."""

    start: int
    end: int
    level: int
    label: str
    is_plan: bool


_START = attrgetter("start")


def _heading(text: str, end: int) -> str:
    line_end = text.find("\n", end)
    return text[end : line_end if line_end >= 0 else len(text)][:40].split("。")[0]


_PLAN_HEADING = re.compile("|".join(PLAN_HEADING_WORDS) + r"|20[0-9]{2}年(?:度)?(?:工作|重点)")


def _heading_is_plan(text: str, end: int) -> bool:
    return _PLAN_HEADING.search(_heading(text, end)) is not None


# a paragraph or sentence opening the plans of a problems-and-plans section (2021年，我市将… / 下一步，…)
_PLAN_OPENING = re.compile(
    r"(?m)(?:^|(?<=。))[ \t]*(?:\([一二三四五六七八九十]{1,3}\)|[一二三四五六七八九十]{1,3}[、.])?[ \t]*(?:"
    + "|".join(PLAN_OPENINGS)
    + r"|20[0-9]{2}年)"
)


def plan_ranges(text: str, markers: list[Marker]) -> list[tuple[int, int]]:
    """Where the plans of each problems-and-plans section run: from the paragraph opening them
    (else from the heading) to the section's end; its heading marker itself is no plan."""
    tops = [k for k in markers if k.level == 1]
    out: list[tuple[int, int]] = []
    for n, k in enumerate(tops):
        if k.is_plan or not _heading_is_plan(text, k.end):
            continue
        end = tops[n + 1].start if n + 1 < len(tops) else len(text)
        line_end = text.find("\n", k.end, end)
        m = _PLAN_OPENING.search(text, line_end + 1, end) if line_end >= 0 else None
        out.append((m.start() if m is not None else k.start, end))
    return out


def _top_heading_is_plan(text: str, end: int) -> bool:
    """A top heading of plans alone; one naming problems too is left to plan_ranges."""
    return _heading_is_plan(text, end) and not any(w in _heading(text, end) for w in PROBLEM_HEADING_WORDS)


def find_markers(text: str) -> list[Marker]:
    """Section and list markers in text order (一、 (一) 1、 (1) 一是), with glued ones recovered."""
    markers: list[Marker] = []
    for m in _LINE_MARKER.finditer("\n" + text):  # offsets one more than in text
        end = m.end() - 1
        if m[1]:
            markers.append(Marker(m.start(1) - 1, end, 1, f"{m[1]}、", _top_heading_is_plan(text, end)))
        else:
            markers.append(Marker(m.start(), end, 2, ")", _heading_is_plan(text, end)))
    for m in _L2.finditer(text):
        markers.append(Marker(m.start(), m.end(), 2, f"({m[1]})", _heading_is_plan(text, m.end())))
    for m in _L4.finditer(text):
        markers.append(Marker(m.start(), m.end(), 4, f"({m[1]})", False))
    for m in _L5.finditer(text):
        shi = m.start()
        start = shi - 2 if shi >= 2 and text[shi - 2] in _CN_DIGITS else shi - 1
        if start and text[start - 1] not in _L5_BEFORE:
            continue  # after a word, or a run of three numerals
        markers.append(Marker(start, shi + 1, 5, f"{text[start:shi]}是", False))
    markers.sort(key=_START)
    markers.extend(_arabic_list_markers(text, markers))
    markers.sort(key=_START)
    return _number_broken_l2(markers)


def _arabic_list_markers(text: str, higher: list[Marker]) -> list[Marker]:
    """1、 2. markers: strong after punctuation or line start; glued ones (工作2、) only in sequence."""
    bounds = [k.start for k in higher if k.level <= 2]
    candidates: list[tuple[int, int, int, bool]] = []
    for m in _L3.finditer(text):
        mark = m.start()
        start = mark - 2 if mark >= 2 and "0" <= text[mark - 2] <= "9" else mark - 1
        before = text[start - 1] if start else "\n"
        if before.isdigit() or before == ".":
            continue  # a decimal, or a run of three digits
        candidates.append((start, mark + 1, int(text[start:mark]), before in _STRONG_BEFORE))
    # where each number stands as a strong marker, in text order (looked up, not rescanned, for
    # every glued candidate: quadratic on long reports)
    strong_starts: dict[int, list[int]] = {}
    for s, _, n, strong in candidates:
        if strong:
            strong_starts.setdefault(n, []).append(s)
    accepted: list[Marker] = []
    expected = 1
    block = -1
    for s, e, n, strong in candidates:
        b = bisect_right(bounds, s)
        if b != block:  # a new (一)/一、 section restarts the numbering
            block, expected = b, 1
        if strong:
            ok = n == expected or n == 1 or expected < n <= expected + 1
        else:
            next_bound = bounds[b] if b < len(bounds) else len(text)
            same_n = strong_starts.get(n, [])
            k = bisect_right(same_n, s)  # the first strong n after this one, if any
            later_strong = k < len(same_n) and same_n[k] < next_bound
            # out of sequence, a glued small number still opens an item when prose, not another
            # number, follows it (工作2、积极推进… vs 物权纠纷6、合同纠纷4)
            ok = not later_strong and (n == expected or (n <= 20 and _prose_follows(text, e)))
        if ok:
            accepted.append(Marker(s, e, 3, f"{n}.", False))
            expected = n + 1
    return accepted


_CLAUSE_END = re.compile(r"[,;。:!?\n]")


def _prose_follows(text: str, pos: int) -> bool:
    m = _CLAUSE_END.search(text, pos, pos + 60)
    clause = text[pos : m.start() if m else pos + 60]
    return len(clause) >= 4 and not any(ch.isdigit() for ch in clause)


def _number_broken_l2(markers: list[Marker]) -> list[Marker]:
    """A lone ')' opening a line is a (N) marker whose '(N' was lost: number it after its sibling."""
    out: list[Marker] = []
    last_l2 = 0
    for k in markers:
        if k.level == 1:
            last_l2 = 0
        if k.level == 2:
            if k.label == ")":
                last_l2 += 1
                k = Marker(k.start, k.end, 2, f"({_CN_DIGITS[min(last_l2, 10) - 1]})", k.is_plan)
            else:
                last_l2 = _CN_DIGITS.find(k.label[1]) + 1 if len(k.label) == 3 else last_l2 + 1
        out.append(k)
    return out


_NO_MARKER = 1 << 62  # past the end of any text


class SectionTracker:
    """Walks markers in text order and reports the section path and plan status at a position."""

    def __init__(self, markers: list[Marker], plans: list[tuple[int, int]] | None = None) -> None:
        self._markers = markers
        self._plans = plans or []
        self._i = 0
        self._next = markers[0].start if markers else _NO_MARKER  # start of the next marker
        self._active: dict[int, Marker] = {}
        self._last: tuple[str, bool] = ("", False)

    def at(self, pos: int) -> tuple[str, bool]:
        """Section path (e.g. '一、 (三) 2.') and whether it is a plan section, at pos (monotonic)."""
        path, plan = self._at(pos)
        return path, plan or any(a <= pos < b for a, b in self._plans)

    def _at(self, pos: int) -> tuple[str, bool]:
        if pos < self._next:
            return self._last  # no marker passed since the last call
        while self._i < len(self._markers) and self._markers[self._i].start <= pos:
            k = self._markers[self._i]
            for level in [lv for lv in self._active if lv >= k.level]:
                del self._active[level]
            self._active[k.level] = k
            self._i += 1
        self._next = self._markers[self._i].start if self._i < len(self._markers) else _NO_MARKER
        levels = sorted(self._active)
        path = ""
        for lv in levels:  # '一、(三) 2.': no space after the 、 of a top-level marker
            label = self._active[lv].label
            path += label if not path or path.endswith("、") else " " + label
        self._last = (path, any(self._active[lv].is_plan for lv in levels))
        return self._last

    def marker_starts(self) -> set[int]:
        """Start offsets of Arabic list markers (never statistics)."""
        return {k.start for k in self._markers if k.level in (3, 4)}
