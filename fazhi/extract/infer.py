"""Units for bare numbers: from a sibling part, the label's measure word, or the parent total."""

from __future__ import annotations

from fazhi.extract.lexicon import GENERIC_UNIT, LABEL_UNIT_HINTS
from fazhi.extract.resolve import Draft


def infer_units(drafts: list[Draft]) -> None:
    """Give bare numbers a unit from a sibling, their label, or their parent; mark it inferred."""
    for i, d in enumerate(drafts):
        if d.unit is not None:
            continue
        unit = _sibling_unit(drafts, i) or _label_unit(d.label)
        if unit is None and d.parent is not None:
            unit = drafts[d.parent].unit
        # last resort: the genre's generic measure word, so every fact has a unit the clean stage and
        # the gate can place in a family (录入24799 counts records); flagged as inferred either way
        d.unit = unit or GENERIC_UNIT
        d.unit_inferred = True


def _sibling_unit(drafts: list[Draft], i: int) -> str | None:
    parent = drafts[i].parent
    if parent is None:
        return None
    sibs = [d for d in drafts if d.parent == parent and d.unit and d is not drafts[i] and not d.unit_inferred]
    if not sibs:
        return None
    return min(sibs, key=lambda s: abs(s.start - drafts[i].start)).unit


def _label_unit(label: str) -> str | None:
    for hint, unit in LABEL_UNIT_HINTS:
        if label.endswith(hint):
            return unit
    return None
