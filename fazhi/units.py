"""Unit lexicon of the genre and normalization of values to base units (万元 → 元 ×10000).

Shared by the extract stage (which units end a statistic) and the clean stage (base units).
The lexicon is data: a new measure word is one row in _UNIT_ROWS.
"""

from __future__ import annotations

from functools import cache

# (surface unit, base unit, family). Families group units that count the same kind of thing,
# so 件/案/宗/起 (cases) compare and add up; '个' is generic and matches any count family.
_UNIT_ROWS: tuple[tuple[str, str, str], ...] = (
    ("件", "件", "case"),
    ("件次", "件次", "case"),
    ("案", "案", "case"),
    ("宗", "宗", "case"),
    ("起", "起", "case"),
    ("人次", "人次", "person_time"),
    ("人", "人", "person"),
    ("名", "名", "person"),
    ("位", "位", "person"),
    ("次", "次", "session"),
    ("场次", "场次", "session"),
    ("场", "场", "session"),
    ("期", "期", "session"),
    ("轮", "轮", "session"),
    ("项", "项", "item"),
    ("条", "条", "item"),
    ("个", "个", "generic"),
    ("各", "个", "generic"),  # frequent typo for 个 after a digit (出台12各类文件)
    ("份", "份", "document"),
    ("篇", "篇", "document"),
    ("册", "册", "document"),
    ("本", "本", "document"),
    ("部", "部", "document"),
    ("卷", "卷", "document"),
    ("张", "张", "document"),
    ("套", "套", "document"),
    ("批次", "批次", "batch"),
    ("批", "批", "batch"),
    ("家", "家", "organisation"),
    ("户", "户", "organisation"),
    ("家次", "家次", "visit"),  # inspections counted per visit (检查企业3,200家次)
    ("户次", "户次", "visit"),
    ("所", "所", "organisation"),
    ("支", "支", "organisation"),
    ("处", "处", "place"),
    ("座", "座", "place"),
    ("笔", "笔", "transaction"),  # payments, loans, registrations (办理业务5,600笔)
    ("台", "台", "equipment"),
    ("辆", "辆", "equipment"),
    ("学时", "学时", "study_hours"),  # training hours (人均学法40学时)
    ("课时", "课时", "study_hours"),
    ("元", "元", "money"),
    ("万元", "元", "money"),
    ("亿元", "元", "money"),
    ("千元", "元", "money"),
    ("%", "%", "percent"),
    ("个百分点", "百分点", "percentage_point"),
    ("百分点", "百分点", "percentage_point"),
    ("亩", "亩", "area"),
    ("平方米", "平方米", "area"),
    ("公里", "公里", "length"),
    ("吨", "吨", "weight"),
    ("天", "天", "duration"),
    ("分", "分", "score"),  # exam and assessment points (平均成绩92.6分); Arabic digits only (十分重要)
)

# Multiplier prefixes: '万人次' = 10000 人次. 千 only for money (千克 is a base unit of its own).
MULTIPLIERS: dict[str, int] = {"万": 10_000, "亿": 100_000_000}

_BASE: dict[str, tuple[int, str]] = {}
FAMILY: dict[str, str] = {}
for _surface, _base, _family in _UNIT_ROWS:
    _mult = 1
    if _surface in ("万元", "亿元", "千元"):
        _mult = {"万元": 10_000, "亿元": 100_000_000, "千元": 1_000}[_surface]
    _BASE[_surface] = (_mult, _base)
    FAMILY[_surface] = _family
    FAMILY.setdefault(_base, _family)

# Measure words a number may end with in running text, longest first so the regex prefers 人次 to 人.
UNIT_WORDS: tuple[str, ...] = tuple(sorted((row[0] for row in _UNIT_ROWS), key=len, reverse=True))
MONEY_UNITS = frozenset(u for u, f in FAMILY.items() if f == "money")


def _split_multiplier(unit: str) -> tuple[int, str]:
    """Split a leading 万/亿 multiplier off a unit: '万人次' → (10000, '人次')."""
    if unit in _BASE:
        return _BASE[unit]
    if len(unit) > 1 and unit[0] in MULTIPLIERS:
        mult, base = _split_multiplier(unit[1:])
        return MULTIPLIERS[unit[0]] * mult, base
    return 1, unit


def normalize_unit(value: float, unit: str) -> tuple[float, str]:
    """Return (value, unit) in the base unit: (1.2, '万人次') → (12000.0, '人次'); idempotent."""
    known = _BASE.get(unit)
    if known is not None and known[0] == 1:
        return float(value), known[1]  # the common case: already a base unit
    unit = unit.strip().replace("％", "%")
    mult, base = _split_multiplier(unit)
    result = value * mult
    # keep integers exact after scaling decimals (1.2 * 10000 = 11999.999…)
    if mult != 1:
        result = round(result, 6)
    return float(result), base


@cache
def unit_family(unit: str) -> str:
    """Return the family a unit belongs to ('case', 'person', 'money', …; '' when unknown)."""
    _, base = _split_multiplier(unit.strip().replace("％", "%"))
    return FAMILY.get(base, "")


@cache
def families_compatible(a: str, b: str) -> bool:
    """True when two units can count the same thing (same family, or one is generic 个)."""
    fa, fb = unit_family(a), unit_family(b)
    if not fa or not fb:
        return False
    return fa == fb or ("generic" in (fa, fb) and {fa, fb} <= _COUNT_FAMILIES)


_COUNT_FAMILIES = frozenset(
    {"case", "person", "session", "item", "generic", "document", "batch", "organisation", "place"}
    | {"visit", "transaction", "equipment"}
)
