"""分别 lists: 刑事、民事和行政案件分别为208件、391件和13件 gives each number its own label, and
分别较上年减少3件和1件 gives each change the label of the number it qualifies, in order.

Items of one kind of the total before them (办理法律援助案件860件，刑事、民事案件分别为312件、501件)
are its parts, even when they do not add up to it; stages (受理和审结分别为58件和49件) are not."""

from __future__ import annotations

import re

from fazhi.extract.lexicon import STAGE_WORDS
from fazhi.extract.outcomes import eligible
from fazhi.extract.resolve import Draft, clean_label
from fazhi.units import families_compatible

_ITEM_SPLIT = re.compile(r"[、和及与]")
_JOINER = re.compile(r"[、和及与,]")
_HEAD_NOUN = 2  # 刑事、民事和行政案件: the last item's noun (案件) completes the bare items before it
_STAGE = re.compile("|".join(STAGE_WORDS))
_EPS = 1e-6


def distribute_respectively(drafts: list[Draft], text: str) -> None:
    """Label each number of a 分别 list after its own item or its own preceding number."""
    if "分别" not in text:
        return
    i = 0
    while i < len(drafts):
        d = drafts[i]
        pos = text.rfind("分别", d.sent_start, d.start)
        if pos < 0 or any(o.start > pos for o in drafts[max(0, i - 1) : i] if o.sent_start == d.sent_start):
            i += 1
            continue  # not the first number after its 分别
        run = [i]
        while run[-1] + 1 < len(drafts) and _joined(text, drafts[run[-1]], drafts[run[-1] + 1]):
            run.append(run[-1] + 1)
        if len(run) >= 2:
            _assign(drafts, run, text, pos)
        i = run[-1] + 1


def _joined(text: str, a: Draft, b: Draft) -> bool:
    gap = text[a.end : b.start]
    return a.sent_start == b.sent_start and len(gap) == 1 and _JOINER.fullmatch(gap) is not None


def _assign(drafts: list[Draft], run: list[int], text: str, pos: int) -> None:
    first = drafts[run[0]]
    sent_first = run[0]  # drafts are in text order: the sentence's earlier numbers sit right before
    while sent_first > 0 and drafts[sent_first - 1].sent_start == first.sent_start:
        sent_first -= 1
    before = [j for j in range(sent_first, run[0]) if drafts[j].end <= pos]
    if first.kind == "change" and len(before) >= len(run):
        # 58件、审结52件，分别同比增长12.5%和8.3%: the k-th change is the k-th number's
        for j, k in zip(run, before[-len(run) :], strict=True):
            drafts[j].label = drafts[k].label
        return
    # the items are the phrase before 分别 back to the clause start (the label stops at a 、)
    clause_start = max(text.rfind(ch, first.sent_start, pos) for ch in ",;:") + 1
    phrase = clean_label(text[max(clause_start, first.sent_start) : pos])
    items = [s for s in _ITEM_SPLIT.split(phrase) if s]
    if len(items) != len(run):
        return
    noun = items[-1][-_HEAD_NOUN:] if len(items[-1]) > _HEAD_NOUN else ""
    # only a bare modifier takes the noun (刑事 → 刑事案件); 执业律师和公证员 are nouns already
    labels = [item + noun if noun and len(item) <= _HEAD_NOUN else item for item in items]
    for j, label in zip(run, labels, strict=True):
        drafts[j].label = label
    if any(_STAGE.search(x) for x in labels):
        return
    totals = [j for j in before if drafts[j].end <= clause_start]
    if noun and all(label.endswith(noun) for label in labels):
        _parts_of_total(drafts, run, noun, totals)
    elif not text.startswith(_COPULAS, pos + 2):
        # 市场监管、城市管理和交通运输部门分别办理612件、845件和307件: actors sharing out the total
        _parts_of_total(drafts, run, "", totals)


_COPULAS = ("为", "是", "达", "占", "有")


def _parts_of_total(drafts: list[Draft], run: list[int], noun: str, before: list[int]) -> None:
    """Link the items to the nearest total before the list that counts what they count (and names
    their noun, when they share one), within it."""
    parts = [drafts[j] for j in run]
    if any(p.parent is not None or not eligible(p) or p.unit is None for p in parts):
        return
    unit = parts[0].unit
    totals = [i for i in before if eligible(drafts[i]) and drafts[i].unit is not None]
    totals = [i for i in totals if families_compatible(unit, drafts[i].unit)]  # type: ignore[arg-type]
    if not totals:
        return
    t = drafts[totals[-1]]
    if noun not in t.label or t.unit is None:
        return
    if any(not families_compatible(p.unit, t.unit) or p.period_year != t.period_year for p in parts):  # type: ignore[arg-type]
        return
    if sum(p.value for p in parts) <= t.value + _EPS:
        for p in parts:
            p.parent = totals[-1]
