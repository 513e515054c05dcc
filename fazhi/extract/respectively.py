"""分别 lists: 刑事、民事和行政案件分别为208件、391件和13件 gives each number its own label, and
分别较上年减少3件和1件 gives each change the label of the number it qualifies, in order."""

from __future__ import annotations

import re

from fazhi.extract.resolve import Draft, clean_label

_ITEM_SPLIT = re.compile(r"[、和及与]")
_JOINER = re.compile(r"[、和及与,]")
_HEAD_NOUN = 2  # 刑事、民事和行政案件: the last item's noun (案件) completes the bare items before it


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
    before = [j for j in range(run[0]) if drafts[j].sent_start == first.sent_start and drafts[j].end <= pos]
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
    for j, item in zip(run, items, strict=True):
        drafts[j].label = item if not noun or item.endswith(noun) else item + noun
