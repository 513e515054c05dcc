"""Resolver: turn a tagged candidate span into value, unit, kind, flags, period and label."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import cn2an

from fazhi.extract.lexicon import (
    CHANGE_DOWN,
    CHANGE_UP,
    COMPARISON_WORDS,
    CUMULATIVE_YEAR_SUFFIXES,
    GENERIC_UNIT,
    LABEL_CUT_WORDS,
    LABEL_LEAD_STRIP,
    LABEL_TRAIL_KEEP,
    LABEL_TRAIL_STRIP,
    PARTIAL_PERIOD_WORDS,
    PRIOR_MARKERS,
    RATIO_SUFFIXES,
    SuffixLexicon,
)
from fazhi.extract.spans import Candidate
from fazhi.units import MONEY_UNITS, MULTIPLIERS, normalize_unit


@dataclass(slots=True)
class Draft:
    """A statistic being built: compact-text span plus everything resolved so far."""

    start: int
    end: int
    value: float
    value_max: float | None
    unit: str | None  # None until inferred (bare number)
    kind: str
    label: str
    sent_start: int
    sent_end: int
    section_path: str = ""
    is_approximate: bool = False
    is_target: bool = False
    is_partial_period: bool = False
    period_year: int | None = None
    unit_inferred: bool = False
    parent: int | None = None
    breakdown_status: str | None = None
    # table cells only: (table start, column), and 1 for a 小计 row, 2 for a 合计/总计 row, -1 for
    # a 其中 row (a part of the row above)
    cell: tuple[int, int] | None = None
    total_level: int = 0


_CHANGE = SuffixLexicon(tuple(w + tail for w in CHANGE_UP + CHANGE_DOWN for tail in ("", "为", "达", "幅度", "幅度为", "幅度达")))
_DOWN = tuple(sorted(CHANGE_DOWN, key=len, reverse=True))
_COMPARISON = re.compile("|".join(COMPARISON_WORDS))
_PRIOR = re.compile("(?:" + "|".join(PRIOR_MARKERS) + ")$")
# "not after a digit" is checked after the literal 20: a pattern opening with a lookbehind is
# tried at every position, one opening with a literal only where the literal is
_YEAR_BEFORE = re.compile(r"(20[0-9]{2})(?<![0-9]20[0-9]{2})年(?:同期)?(?:的|为|是|\()?$")
_YEAR = re.compile(r"(20[0-9]{2})(?<![0-9]20[0-9]{2})年度?")
_TARGET_CLAUSE = re.compile(
    r"计划(?!内|外|生育|$)|力争|目标(?!考核|责任|任务|管理|要求)|拟(?![定订稿发]|(?:出台|印发|制发|提请)的)|预计|争取|确保到"
)
_TARGET_SENTENCE = re.compile(r"^(?:下一步|明年|今后|20[0-9]{2}年(?:计划|目标|工作))|到20[0-9]{2}年")
PARTIAL = re.compile(
    "|".join(PARTIAL_PERIOD_WORDS)
    + r"|截[至止](?:20[0-9]{2}年)?(?!12月(?:31日|底|末))(?:1[01]|[1-9])月(?:[0-9]{1,2}日|底|末|中旬|上旬)?"
    + r"|截[至止](?:20[0-9]{2}年)?12月(?:[12][0-9]|[1-9])日|1(?<![0-9]1)[-~—–至到](?:1[01]|[2-9])月"
)
_TITLES = re.compile(r"《[^》]*》|\([0-9]{4}[-—–~至][0-9]{4}年?\)")
# the last clause delimiter of a range: one no other delimiter follows (searched only between the
# previous number and this one, instead of listing every delimiter of the text)
_LAST_CLAUSE_DELIM = re.compile("[,;、():!?。\n|][^,;、():!?。\n|]*+\\Z")
_HAS_DIGIT = re.compile("[0-9]")
_AFTER_RUN = re.compile("[^,;、():!?。\n|0-9]*")
_LEAD_TIME = re.compile(
    r"^(?:[一二三四五六七八九十]{1,2}是|[0-9]{1,2}[.、](?![0-9])|20[0-9]{2}年度?|本年度|本年|上半年|今年|当年|全年|(?:[0-9]{1,2}[-~—–至到])?[0-9]{1,2}月份?(?:[0-9]{1,2}日)?|截[至止]目前|截[至止](?:20[0-9]{2}年)?(?:[0-9]{1,2}月)?(?:[0-9]{1,2}日)?(?:底|末)?)"
)
_LEAD = re.compile("^(?:" + "|".join(sorted(LABEL_LEAD_STRIP, key=len, reverse=True)) + ")")


def _trail_word(word: str) -> str:
    """A filler as a regex that does not cut a kept noun ending with it (为 but not 行为)."""
    guards = "".join(f"(?<!{re.escape(k[: -len(word)])})" for k in LABEL_TRAIL_KEEP if k.endswith(word) and k != word)
    return guards + re.escape(word)


_TRAIL = re.compile("(?:" + "|".join(_trail_word(w) for w in sorted(LABEL_TRAIL_STRIP, key=len, reverse=True)) + ")$")
# every alternative opens with a literal (公 before 共 checked after it), so the engine skips ahead
_CUT = re.compile("|".join(w if w != "共" else "共(?<!公共)(?!同|享|建|治|性)" for w in LABEL_CUT_WORDS))
_LEAD_ALL = re.compile(f"^(?:{_LEAD_TIME.pattern[1:]}|{_LEAD.pattern[1:]})+")
# one pass: leading time/scope words, the label, trailing fillers (lazy middle keeps the label short)
_CLEAN = re.compile(f"(?:{_LEAD_TIME.pattern[1:]}|{_LEAD.pattern[1:]})*(.*?)(?:{_TRAIL.pattern[:-1]})*", re.S)
# a label whose last character ends no trailing filler can only lose leading words: _LEAD_ALL
# alone gives what _CLEAN would, without trying every filler at every position of the label
_TRAIL_ENDS = frozenset(w[-1] for w in LABEL_TRAIL_STRIP)
_QUOTE_CHARS = re.compile("[“”\"《》「」‘’']")
_AFTER_LEAD = re.compile(r"^(?:的|次|左右|以上)")
# "at least" words may sit before a short verb: 至少开展1次, 不少于培训3次
_BOUND_BEFORE = re.compile(r"(?:至少|不少于|不低于)[\u4e00-\u9fff]{0,3}$")
# 千 multiplies a number (2千份) but is not a unit prefix (千克 is a unit of its own)
_NUMBER_MULTIPLIERS = {**MULTIPLIERS, "千": 1000, "千万": 10**7, "千亿": 10**11, "万亿": 10**12, "亿万": 10**12}
_CONJUNCTION = re.compile("[和与及、,]")
_CONJ_TAIL = ("和", "与", "及")
_YEAR_REF = r"(?:20[0-9]{2}年|上年|去年)"
_COMPARED_YEAR = re.compile(rf"^(?:比|较|与){_YEAR_REF}?(?:同期)?(?:相比)?$|^{_YEAR_REF}?同期$|^{_YEAR_REF}$")
_CHANGE_ONLY = frozenset(CHANGE_UP + CHANGE_DOWN)
_MAX_LABEL = 24
_MAX_AFTER = 16


@lru_cache(maxsize=4096)
def chinese_value(numeral: str) -> float | None:
    """Value of an isolated Chinese numeral span (二十三 → 23, 千 → 1000); None if not a numeral."""
    if numeral in ("百", "千", "万"):
        return float({"百": 100, "千": 1000, "万": 10000}[numeral])
    try:
        return float(cn2an.cn2an(numeral, "smart"))
    except (ValueError, KeyError, TypeError, IndexError):
        return None


def _number(raw: str, is_chinese: bool) -> float | None:
    if is_chinese:
        return chinese_value(raw)
    return float(raw.replace(",", "") if "," in raw else raw)


class SentenceFacts(NamedTuple):
    """What a sentence says once for all its numbers: year anchors, period, plan, comparison."""

    years: tuple[tuple[int, int], ...]  # (end offset, year) of each year that anchors a period
    partial_end: int
    target_end: int
    comparison_end: int


_NEVER = 1 << 62
_CUTOFF = re.compile("底前|以前|之前|前(?![一二两三四五六七八九十0-9])|结转")  # 2023年结转的41件: carried into this year
_PARTIAL_HINT = re.compile("[截以季半月]")
_COMPARISON_HINT = re.compile("[比较同环相]")


def sentence_facts(text: str, ss: int, se: int) -> SentenceFacts:
    """Scan a sentence once (absolute offsets): anchors, partial-period, target and comparison words."""
    sentence = text[ss:se]
    years: list[tuple[int, int]] = []
    has_year = "年" in sentence
    has_title = has_year and ("《" in sentence or "(" in sentence)  # what _TITLES opens with
    titles = [(m.start(), m.end()) for m in _TITLES.finditer(sentence)] if has_title else []
    for m in _YEAR.finditer(sentence) if has_year else ():
        if titles and any(a <= m.start() < b for a, b in titles):
            continue  # years in 《…（2021—2025年）》 are names
        tail = sentence[m.end() : m.end() + 2]
        head = sentence[m.start() - 1 : m.start()] if m.start() else ""
        if tail.startswith(CUMULATIVE_YEAR_SUFFIXES) or head in ("比", "较", "与", "同", "〔", "["):
            continue
        if _CUTOFF.match(tail):
            continue  # 对2020年底前制发的文件进行清理: a cutoff describing the items, not the period
        years.append((ss + m.end(), int(m[1])))
    # cheap substring guards first: most sentences have none of these words
    partial = PARTIAL.search(sentence) if _PARTIAL_HINT.search(sentence) else None
    target = (
        _TARGET_SENTENCE.search(sentence)
        if has_year or "下一步" in sentence or "明年" in sentence or "今后" in sentence
        else None
    )
    comparison = _COMPARISON.search(sentence) if _COMPARISON_HINT.search(sentence) else None
    return SentenceFacts(
        tuple(years),
        ss + partial.end() if partial else _NEVER,
        ss + target.end() if target else _NEVER,
        ss + comparison.end() if comparison else _NEVER,
    )


def resolve(
    c: Candidate,
    text: str,
    facts: SentenceFacts,
    sent: tuple[int, int],
    prev_end: int,
    report_year: int | None,
) -> Draft | None:
    """Resolve one candidate inside its sentence; None when it is not a statistic after all."""
    value = _number(c.num, c.is_chinese or c.tag == "percent_words")
    if value is None:
        return None
    value_max = None
    if c.num2:
        value_max = _number(c.num2, not c.num2[0].isdigit())
        if value_max is None:
            return None
    mult = _NUMBER_MULTIPLIERS.get(c.mult, 1) if c.mult else 1
    unit = c.unit
    base_unit: str | None = None
    if unit:
        value, base_unit = normalize_unit(value * mult, unit)
        if value_max is not None:
            value_max = normalize_unit(value_max * mult, unit)[0]
    elif mult != 1:
        value *= mult
        value_max = value_max * mult if value_max is not None else None
    ss, se = sent
    num_start = c.start + len(c.approx_prefix)
    before = text[max(ss, num_start - 12) : num_start]
    clause_start = _clause_start(text, max(ss, prev_end), num_start)
    kind = "count"
    if base_unit == "%":
        kind = "percent"
    elif base_unit in MONEY_UNITS or base_unit == "元":
        kind = "amount"
    change = _CHANGE.ending_at(text, num_start, ss)
    if not change and facts.comparison_end <= num_start:
        change = _more_or_less(before)
    # a rate that rose or fell is a change even with no 同比 (办件量增长35%); a count needs the
    # comparison, since 增加215家 may just be new items
    if change and (facts.comparison_end <= num_start or (base_unit in ("百分点", "%") and len(change) > 1)):
        kind = "change"
        if change.startswith(_DOWN):
            value = -value
    elif base_unit == "百分点":
        kind = "change"
    if value_max is not None:
        if value_max < value:
            return None  # "10-3" is not a range: a code or a date
        kind = "range"
    draft = Draft(c.start, c.end, value, value_max, base_unit, kind, "", ss, se)
    draft.is_approximate = bool(
        c.approx_prefix
        or c.approx_infix
        or c.approx_suffix
        or (("少" in before or "低" in before) and _BOUND_BEFORE.search(before))
    )
    draft.period_year = _period_year(facts, num_start, before, kind, report_year)
    draft.is_partial_period = facts.partial_end <= num_start
    if facts.target_end <= num_start or _TARGET_CLAUSE.search(text, clause_start, num_start):
        draft.is_target = True
    draft.label = make_label(text, min(clause_start, c.start), c.start, c.end, se)  # 约/近 are flags, not label
    return draft


_MORE_LESS_VERB = re.compile(r"(多|少)[\u4e00-\u9fff]{1,3}$")


def _more_or_less(before: str) -> str:
    """比上年多清理45项: 多/少 and a short verb before the number, after a comparison, is a change."""
    m = _MORE_LESS_VERB.search(before)
    return m[1] if m else ""


def _clause_start(text: str, floor: int, pos: int) -> int:
    """Start of the clause before pos; a parenthesised qualifier (乡镇（街道）) stays inside it."""
    while True:
        last = _LAST_CLAUSE_DELIM.search(text, floor, pos)
        if last is None:
            return floor
        i = last.start()
        if text[i] == ")":
            opening = text.rfind("(", max(floor, i - 12), i)
            if opening >= 0 and not _HAS_DIGIT.search(text, opening, i):
                pos = opening
                continue
        return i + 1


def _period_year(facts: SentenceFacts, pos: int, before: str, kind: str, report_year: int | None) -> int | None:
    """Year the number describes: a prior-year marker, else the last year anchor of the sentence."""
    if kind != "change" and ("年" in before or "同期" in before):
        y = _YEAR_BEFORE.search(before)
        if y:
            return int(y[1])
        if report_year and _PRIOR.search(before):
            return report_year - 1
    anchor = report_year
    for end, year in facts.years:
        if end > pos:
            break
        anchor = year
    return anchor


def _unquote(raw: str) -> str:
    return _QUOTE_CHARS.sub("", raw) if _QUOTE_CHARS.search(raw) else raw


@lru_cache(maxsize=1 << 16)  # labels repeat across reports (受理, 审结, 法律援助案件): a pure string function
def clean_label(raw: str) -> str:
    """Strip time phrases, scope words, connectives and fillers from a label phrase."""
    if not raw:
        return ""
    label = _unquote(raw).strip()
    if label[-1:] in _TRAIL_ENDS:
        m = _CLEAN.fullmatch(label)
        label = m[1] if m else label
    else:
        lead = _LEAD_ALL.match(label)
        label = label[lead.end() :] if lead else label
    return "" if _COMPARED_YEAR.match(label) else label  # 比2021年 names no metric


def make_label(text: str, clause_start: int, num_start: int, end: int, sent_end: int) -> str:
    """The phrase saying what is counted: the clause before the number, plus a noun after it."""
    label, noun_follows = _label_before(text[clause_start:num_start])
    if noun_follows:
        label += _after_text(text, end, sent_end)
    return label[-_MAX_LABEL:]


@lru_cache(maxsize=1 << 14)  # clauses repeat across reports (全年共受理, 其中): a pure string function
def _label_before(clause: str) -> tuple[str, bool]:
    """The label the clause before a number gives, and whether the noun after the number completes it."""
    raw = _unquote(clause)
    if raw.endswith(_CONJ_TAIL):  # 13个设区市和95个县: what precedes 和 is the previous number's noun
        raw = ""
    subject = ""
    cut = None
    for m in _CUT.finditer(raw):
        cut = m
    if cut is not None:
        subject, raw = raw[: cut.start()], raw[cut.end() :]
    label = clean_label(raw)
    if not label and subject:
        label = clean_label(subject)
    # a verb or nothing before, or a 的 phrase: the noun follows (开展50场普法活动, 对现行有效的82件规章)
    return label, len(label) <= 4 or not raw.strip() or raw.endswith("的")


def _after_text(text: str, end: int, sent_end: int) -> str:
    m = _AFTER_RUN.match(text, end, min(sent_end, end + 30))
    if not m:
        return ""
    after = m.group()
    if after.endswith("中") and text.startswith((",", ":"), m.end()):
        after = after[:-1]  # 120件投诉中，: 中 opens the parts, it is no part of the noun
    return _label_after(after)


@lru_cache(maxsize=1 << 14)  # what follows a number repeats too (件, 场普法活动): a pure string function
def _label_after(after: str) -> str:
    """The noun phrase after a number, up to the next statistic's subject."""
    if not after:
        return ""
    after = _AFTER_LEAD.sub("", after)
    if len(after) > _MAX_AFTER:
        q = min((after.find(ch) for ch in '“"《' if after.find(ch) > 0), default=-1)
        after = after[:q] if q > 0 else after[:_MAX_AFTER]
    cut = _CUT.search(after)
    if cut is not None:  # 13个街道人民调解委员会共受理…: what follows 共 is the next statistic's
        after = after[: cut.start()]
    # verbs of taking part refer to the subject; keep them, they name the metric (参加培训)
    return clean_label(after)


def share_changes(drafts: list[Draft], text: str) -> None:
    """A number joined to a change by 和/、 shares it (分别较上年减少3件和1件 → −3, −1); 提高1.8个和
    2.3个百分点: the first 个 is a 个百分点 too."""
    for i in range(1, len(drafts)):
        d, prev = drafts[i], drafts[i - 1]
        if (
            prev.unit == GENERIC_UNIT
            and d.unit == "百分点"
            and prev.sent_start == d.sent_start
            and text[prev.end - 1] == "个"
            and _CONJUNCTION.fullmatch(text[prev.end : d.start])
        ):
            prev.unit, prev.kind = "百分点", d.kind
        if (
            prev.sent_start == d.sent_start
            and prev.kind == "change"
            and d.kind in ("count", "percent")  # 分别增长12.5%和8.3%: the second rate rose too
            and d.unit == prev.unit
            and _CONJUNCTION.fullmatch(text[prev.end : d.start])
        ):
            d.kind = "change"
            d.value = -d.value if prev.value < 0 else d.value


_GAP_PUNCT = re.compile("[,;、 ]")


def attach_subjects(drafts: list[Draft], text: str) -> None:
    """Ratios (完成率) and changes borrow the subject they qualify; run after breakdown linking."""
    for i in range(1, len(drafts)):
        d = drafts[i]
        if d.kind == "percent" and len(d.label) <= 4 and d.label.endswith(RATIO_SUFFIXES):
            # the subject of a ratio is the nearest count before it, or that count's total when it
            # is a breakdown part (审结52件，其中…撤回5件，纠错率13.5%: the rate is of 审结)
            counts = [p for p in _recent(drafts, i) if p.kind in ("count", "amount")]
            if counts:
                subject = counts[-1]
                stem = _ratio_stem(d.label)
                if subject.parent is not None and not (stem and stem in subject.label):
                    subject = drafts[subject.parent]  # 败诉3件，败诉率…: the part the ratio names stays
                d.label = _join_subject(_strip_ratio(subject.label), d.label)
        elif not d.label or d.label in _CHANGE_ONLY:
            # a change or a prior-year value names no metric: it is the previous statistic's
            recent = _recent(drafts, i)
            same = [p for p in recent if d.kind == "change" or p.unit == d.unit]
            if not same and recent and not clean_label(_GAP_PUNCT.sub("", text[recent[-1].end : d.start])):
                same = recent[-1:]  # 接待群众1,350批次3,820人次 / 235批次，共1,200人次: one thing, two measures
            if same:
                d.label = same[-1].label


def _recent(drafts: list[Draft], i: int) -> list[Draft]:
    """The up to four statistics before drafts[i] in its sentence that have a label."""
    sent_start = drafts[i].sent_start
    return [p for p in drafts[max(0, i - 4) : i] if p.sent_start == sent_start and p.label]


def _join_subject(subject: str, ratio: str) -> str:
    """行政机关败诉 + 败诉率 → 行政机关败诉率 (no repeated stem)."""
    if not subject or ratio.startswith(subject):
        return ratio
    for k in range(min(len(subject), len(ratio) - 1), 0, -1):
        if subject.endswith(ratio[:k]):
            return subject + ratio[k:]
    return subject + ratio


def _ratio_stem(label: str) -> str:
    """败诉率 → 败诉, 满意度 → 满意: what the ratio measures."""
    for suffix in RATIO_SUFFIXES:
        if label.endswith(suffix):
            return label[: -len(suffix)]
    return ""


def _strip_ratio(label: str) -> str:
    for suffix in RATIO_SUFFIXES:
        if label.endswith(suffix):
            return ""
    return label
