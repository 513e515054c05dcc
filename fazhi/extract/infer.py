"""Units for bare numbers: from a sibling part, the label's measure word, or the parent total."""

from __future__ import annotations

from fazhi.extract.lexicon import GENERIC_UNIT, LABEL_UNIT_HINTS
from fazhi.extract.resolve import Draft


def infer_units(drafts: list[Draft]) -> None:
    """Give bare numbers a unit from a sibling, their label, or their parent; mark it inferred."""
    stated = _parts_with_stated_units(drafts)
    for d in drafts:
        if d.unit is not None:
            continue
        unit = _sibling_unit(d, stated) or _label_unit(d.label)
        if unit is None and d.parent is not None:
            unit = drafts[d.parent].unit
        # last resort: the genre's generic measure word, so every fact has a unit the clean stage and
        # the gate can place in a family (录入24799 counts records); flagged as inferred either way
        d.unit = unit or GENERIC_UNIT
        d.unit_inferred = True


def _parts_with_stated_units(drafts: list[Draft]) -> dict[int, list[Draft]]:
    """Parent index → its parts whose unit the text states, in text order (built once: a search
    through all statistics for each bare number was quadratic on long reports)."""
    parts: dict[int, list[Draft]] = {}
    for d in drafts:
        if d.parent is not None and d.unit and not d.unit_inferred:
            parts.setdefault(d.parent, []).append(d)
    return parts


def _sibling_unit(d: Draft, stated: dict[int, list[Draft]]) -> str | None:
    sibs = stated.get(d.parent) if d.parent is not None else None
    if not sibs:
        return None
    return min(sibs, key=lambda s: abs(s.start - d.start)).unit


def _label_unit(label: str) -> str | None:
    for hint, unit in LABEL_UNIT_HINTS:
        if label.endswith(hint):
            return unit
    return None
