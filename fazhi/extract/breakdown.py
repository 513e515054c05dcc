"""Breakdowns: link parts to their totals (其中…, parentheses, colon lists, exact sums), infer
missing units from label, siblings or parent, and record how the parts compare to the total."""

from __future__ import annotations

import re
from itertools import pairwise

from fazhi.extract.lexicon import (
    BREAKDOWN_DIMENSIONS,
    ZHONG_WORD_TAILS,
)
from fazhi.extract.outcomes import (
    CLEANUP_TOTAL,
    OUTCOME,
    cleanup_outcomes,
    ends_with_outcome,
    outcome_subsets,
    table_totals,
)
from fazhi.extract.outcomes import eligible as _eligible
from fazhi.extract.resolve import Draft
from fazhi.units import families_compatible, unit_family

_SPLIT = ";。"
_EPS = 1e-6
# below this, parts adding up to a total is too often chance (制定规章2部，修改1部，废止1部)
_MIN_SUM_TOTAL = 10
_HEAD_NOUN = 2  # characters at the end of a label naming what it counts: 案件, 纠纷, 案卷


def link_breakdowns(drafts: list[Draft], text: str) -> None:
    """Set parent on every breakdown part; nested two levels deep (total → part → sub-part)."""
    by_sentence: dict[int, list[int]] = {}
    for i, d in enumerate(drafts):
        by_sentence.setdefault(d.sent_start, []).append(i)
    previous: list[int] = []
    cells = [i for i, d in enumerate(drafts) if d.cell is not None]
    if cells:
        table_totals(drafts, cells)
    table: list[int] = []  # the rows of the last table, and how many sentences ago it ended
    since_table = 0
    for idx in by_sentence.values():
        if drafts[idx[0]].cell is not None:
            # a table row: its columns are different measures, linked only by table_totals; the
            # sentences after a table may name one of its rows (刑事案件 | 1,126 … 在刑事案件中，…)
            table = table + idx if since_table == 0 else list(idx)
            previous, since_table = previous + idx, 0
            continue
        since_table += 1
        # each rule runs only where its marker occurs: most sentences have none (speed, same result)
        sent = (drafts[idx[0]].sent_start, drafts[idx[0]].sent_end)
        if text.find("(", *sent) >= 0:
            _parentheses(drafts, idx, text)
        if previous and len(idx) >= 2:
            _sums_across(drafts, idx, previous)
        if text.find("中", *sent) >= 0:
            _among_own(drafts, idx, text)
            _among(drafts, idx, text, previous if since_table == 1 or since_table > 3 else [*table, *previous])
        if _ANY_MARKER.search(text, *sent):
            _viewpoints(drafts, idx, text, previous)
            _qizhong(drafts, idx, text, previous)
        before, previous = previous, idx
        if len(idx) >= 2 and text.find(":", *sent) >= 0:
            _colon(drafts, idx, text)
        if len(idx) > 2:  # a total and at least two parts
            _exact_sums(drafts, idx, text)
            if text.find("共", *sent) >= 0 or text.find("计", *sent) >= 0:  # the sum words of _TOTAL_WORD
                _sums_before_total(drafts, idx, text)
        if OUTCOME.search(text, *sent):  # most sentences name no outcome: skip the per-number scan
            outcome_subsets(drafts, idx, text, before)
        if len(idx) >= 2 and CLEANUP_TOTAL.search(text, *sent):
            cleanup_outcomes(drafts, idx, text)
        if len(idx) >= 2 and text.find("其余", *sent) >= 0:
            _remainders(drafts, idx)


def _remainders(drafts: list[Draft], idx: list[int]) -> None:
    """已自行纠正15件，其余2件正在修改: the rest joins the part before it, under its total."""
    for k in range(1, len(idx)):
        d, prev = drafts[idx[k]], drafts[idx[k - 1]]
        if d.parent is not None or not d.label.startswith("其余") or prev.parent is None or not _eligible(d):
            continue
        total = drafts[prev.parent]
        if d.unit is None or prev.unit is None or not families_compatible(d.unit, prev.unit):
            continue
        parts = sum(x.value for x in drafts if x.parent == prev.parent)
        if parts + d.value <= total.value + _EPS:
            d.parent = prev.parent


def _parentheses(drafts: list[Draft], idx: list[int], text: str) -> None:
    # innermost first: a later total claims its own parenthesis before an enclosing one does
    for i in reversed(idx):
        d = drafts[i]
        if d.end >= len(text) or not _eligible(d):
            continue
        opening = d.end if text[d.end] == "(" else -1
        if opening < 0:  # 4,962个人民调解委员会(含行业性调解组织87个): the noun stands between
            m = _NOUN_THEN_PARTS.match(text, d.end, d.sent_end)
            opening = m.end() - 1 if m else -1
        if opening < 0:
            continue
        close = _matching_paren(text, opening, d.sent_end)
        for j in idx:
            p = drafts[j]
            # 214件(上年232件): a prior-year figure is no part (_fits)
            if j > i and p.start < close and p.parent is None and _eligible(p) and _fits(p, d) and not _negates(p.label, d.label):
                p.parent = i


_NOUN_THEN_PARTS = re.compile(r"[\u4e00-\u9fff]{1,12}\((?=含|其中|包括)")
_NEGATION = re.compile(r"(?:不予|未予|未|不)")


def _negates(label: str, other: str) -> bool:
    """受理64件(不予受理7件): the complement of a number is its sibling, not its part."""
    m = _NEGATION.match(label)
    return m is not None and bool(other) and label[m.end() :] == other


def _matching_paren(text: str, open_pos: int, limit: int) -> int:
    depth = 0
    for k in range(open_pos, limit):
        if text[k] == "(":
            depth += 1
        elif text[k] == ")":
            depth -= 1
            if depth == 0:
                return k
    return limit


# Words that open a list of parts of the total before them. 含 and 涉及 only after a comma (含量,
# 包含 are other words; 涉及金额 has a unit of its own, so it is no part); a sentence opening with
# a viewpoint (从案件类型看，/按类型分，) lists parts of the previous sentence's total.
_PART_MARKER = re.compile(r"其中|包括|含(?<=,含)(?![量义有])")  # ,含 checked after 含: a literal first scans fast
_FIRST_MARKER = re.compile(_PART_MARKER.pattern + r"|涉及(?<=,涉及)")  # later 涉及 items go on the same list
_ANY_MARKER = re.compile(r"其中|包括|含|涉及|从|按")  # a cheap pre-check for _PART_MARKER and _VIEWPOINT
_VIEWPOINT = re.compile(
    r"(?:从|按)(?P<what>[\u4e00-\u9fff]{0,10}?)(?:" + "|".join(BREAKDOWN_DIMENSIONS) + r")(?:来看|看|来分|分|划分|统计)[,:]"
    r"|按[\u4e00-\u9fff]{1,6}?(?:划分|来分|分类|分)[,:]"  # 按申请事项分，: 按…分 always names a dimension
)


def _qizhong(drafts: list[Draft], idx: list[int], text: str, previous: list[int]) -> None:
    """其中/包括/含 parts go to the total before them; at a sentence's start, to the last sentence's."""
    sent_start, sent_end = drafts[idx[0]].sent_start, drafts[idx[0]].sent_end
    m = _FIRST_MARKER.search(text, sent_start, sent_end)
    while m is not None:
        pos = m.start()
        stop = _clause_block_end(text, pos, sent_end)
        if _paren_depth(text, sent_start, pos) > 0:  # (其中…): the parenthesis bounds the parts
            close = text.find(")", pos, stop)
            stop = close if close >= 0 else stop
        nested = _next_outside_parens(text, m.end(), stop)
        if nested >= 0:  # 共120件，其中刑事50件，其中认罪认罚30件: the second 其中 splits the part
            stop = nested
        parts = [j for j in idx if pos < drafts[j].start < stop and drafts[j].parent is None and _eligible(drafts[j])]
        totals = [i for i in idx if drafts[i].end <= pos and _eligible(drafts[i])]
        if not totals and not text[sent_start:pos].strip(" ,:;\n"):
            totals = [i for i in previous if _eligible(drafts[i])]
        total = _best_total(drafts, totals, parts)
        if total is not None:
            _link_with_parallel(drafts, parts, total, totals)
        m = _PART_MARKER.search(text, m.end(), sent_end)


def _link_with_parallel(drafts: list[Draft], parts: list[int], total: int, totals: list[int]) -> None:
    """Link the parts; those of another unit go to a parallel total of that unit standing between
    the first total and the parts (审批1.12万个，涉及投资1.86万亿元；其中省级136个，涉及投资3,270亿元)."""
    rest = _link_fitting(drafts, parts, total)
    parallel = [i for i in totals if i > total and rest and _fits(drafts[rest[0]], drafts[i])]
    if parallel:
        _link_fitting(drafts, rest, parallel[-1])


def _viewpoints(drafts: list[Draft], idx: list[int], text: str, previous: list[int]) -> None:
    """从案件类型看，/按领域分， at a sentence's or a ;-clause's start splits a total said before: the
    one the phrase names (从受理案件的申请事项看 → 受理), else the whole, not its last part."""
    sent_start, sent_end = drafts[idx[0]].sent_start, drafts[idx[0]].sent_end
    starts = [sent_start] + [k + 1 for k in range(sent_start, sent_end) if text[k] == ";"]
    for k in starts:
        m = _VIEWPOINT.match(text, k, sent_end)
        if m is None:
            continue
        stop = _list_end(drafts, idx, text, m.end(), sent_end)
        nested = _next_outside_parens(text, m.end(), stop)
        if nested >= 0:  # …作出复议决定的836件，其中维持503件: the 其中 splits the part before it
            stop = nested
        parts = [j for j in idx if m.end() <= drafts[j].start < stop and drafts[j].parent is None and _eligible(drafts[j])]
        pool = [i for i in [*previous, *idx] if drafts[i].end <= k and _eligible(drafts[i])]
        head = (m["what"] or "").replace("的", "")[:2]
        named = [i for i in pool if len(head) == 2 and head in drafts[i].label and not _NEGATION.match(drafts[i].label)]
        tops = sorted({p if (p := drafts[i].parent) is not None else i for i in pool})
        whole = [i for i in tops if drafts[i].parent is None and _eligible(drafts[i])]
        # 食品案件11,247件，罚没款1.52亿元；药品案件4,386件，罚没款9,860万元: each unit to its own total
        for group in _by_family(drafts, parts):
            totals = [i for i in named or whole if _fits(drafts[group[0]], drafts[i])] or [
                i for i in whole if _fits(drafts[group[0]], drafts[i])
            ]
            total = _best_total(drafts, totals, group)
            if total is not None:
                _link_fitting(drafts, group, total)


_LIST_ITEM_HEAD = 20  # characters of an item's label before its count (；药品、医疗器械、化妆品案件4,386件)


def _list_end(drafts: list[Draft], idx: list[int], text: str, start: int, sent_end: int) -> int:
    """A list runs to the clause block's end, and on across a ; while the next clause opens with
    a count of the kind the list began with (…11,247件，…；药品案件4,386件，…)."""
    stop = _clause_block_end(text, start, sent_end)
    first = next((drafts[j] for j in idx if drafts[j].start >= start and drafts[j].unit), None)
    while first is not None and stop < sent_end and text[stop] == ";":
        nxt = next((drafts[j] for j in idx if drafts[j].start > stop), None)
        if nxt is None or not nxt.unit or unit_family(nxt.unit) != unit_family(first.unit):  # type: ignore[arg-type]
            break
        if nxt.start - stop > _LIST_ITEM_HEAD or "," in text[stop : nxt.start]:
            break  # the clause opens with something else (；落实包容审慎监管，…)
        stop = _clause_block_end(text, stop + 1, sent_end)
    return stop


def _by_family(drafts: list[Draft], parts: list[int]) -> list[list[int]]:
    """Parts grouped by the unit family they count in, in order of first appearance."""
    groups: dict[str, list[int]] = {}
    for j in parts:
        u = drafts[j].unit
        groups.setdefault(unit_family(u) if u else "", []).append(j)
    return list(groups.values())


def _link_fitting(drafts: list[Draft], parts: list[int], total: int) -> list[int]:
    """Link the parts up to the first whose unit cannot count the total's thing; return the rest."""
    t = drafts[total]
    family = unit_family(t.unit) if t.unit else ""
    # 其中部门报送214件，18个省辖市报送912件: a generic 个 among parts counted in 件 is a subject
    own = family not in ("", "generic") and any(drafts[j].unit and unit_family(drafts[j].unit) == family for j in parts)
    for k, j in enumerate(parts):
        if not _fits(drafts[j], t):
            return parts[k:]  # 其中…19件、236件，提出意见1,530条: the list ends where the unit changes
        if own and drafts[j].unit and unit_family(drafts[j].unit) == "generic":
            continue
        drafts[j].parent = total
    return []


def _paren_depth(text: str, start: int, end: int) -> int:
    return text.count("(", start, end) - text.count(")", start, end)


def _next_outside_parens(text: str, start: int, stop: int) -> int:
    """The next part marker not inside a parenthesis opened after start (…1,106件(其中…)，…)."""
    m = _PART_MARKER.search(text, start, stop)
    while m is not None and _paren_depth(text, start, m.start()) > 0:
        m = _PART_MARKER.search(text, m.end(), stop)
    return m.start() if m is not None else -1


_AMONG = re.compile(r"(?:在)?([\u4e00-\u9fff]{1,12}?)中(?:[,:]|(?=涉及|有))")  # 民事案件中涉及…的有1,308件


def _among(drafts: list[Draft], idx: list[int], text: str, previous: list[int]) -> None:
    """A sentence opening with 'X中，' (审结案件中，维持…) breaks down the previous sentence's X; a
    clause opening with it (…，保留97项，保留事项中实行告知承诺的61项) the X before it in the sentence."""
    sent_start, sent_end = drafts[idx[0]].sent_start, drafts[idx[0]].sent_end
    m = _AMONG.match(text, sent_start, sent_end)
    if m is not None and previous:
        _among_at(drafts, idx, text, m, [i for i in previous if _eligible(drafts[i])])
    for k in _clause_starts(text, sent_start, sent_end):
        m = _AMONG_CLAUSE.match(text, k, sent_end)
        if m is not None:  # the X named before in the sentence, or in the one before (or a table)
            pool = [i for i in [*previous, *idx] if drafts[i].end <= k and _eligible(drafts[i])]
            _among_at(drafts, idx, text, m, pool)


def _clause_starts(text: str, start: int, end: int) -> list[int]:
    """Positions just after each comma or semicolon of a sentence that has a 中 after it."""
    out: list[int] = []
    k = text.find("中", start, end)
    while k >= 0:
        cut = max(text.rfind(",", start, k), text.rfind(";", start, k))
        if cut >= 0 and (not out or out[-1] != cut + 1):
            out.append(cut + 1)
        k = text.find("中", k + 1, end)
    return out


def _among_at(drafts: list[Draft], idx: list[int], text: str, m: re.Match[str], totals: list[int]) -> None:
    if m[1].endswith("其") or not totals:
        return
    sent_end = drafts[idx[0]].sent_end
    # 审结的案件中：维持38件；驳回9件: a colon list runs on across semicolons
    stop = sent_end if m[0].endswith(":") else _clause_block_end(text, m.end(), sent_end)
    parts = [j for j in idx if m.end() <= drafts[j].start < stop and drafts[j].parent is None and _eligible(drafts[j])]
    named = [i for i in totals if drafts[i].label and _names(m[1], drafts[i].label)]
    # 在刑事法律援助案件中 after a table: the row that has the phrase's modifier (刑事案件), not the
    # one sharing more words (受理法律援助案件) nor one sharing a stray bigram (民事案件)
    head = _DEMONSTRATIVE.sub("", m[1]).replace("的", "")[:2]
    named = [i for i in named if head in drafts[i].label] or named
    if not named and parts and _counted(drafts[parts[0]]):
        # 败诉案件中，因程序违法败诉的21件: the phrase's modifier alone names 行政机关败诉39件
        named = [i for i in totals if len(head) == 2 and head in drafts[i].label and _same_family(drafts[i], drafts[parts[0]])]
    total = _best_total(drafts, named, parts)  # only a total the phrase names: 办理中 names none
    if total is None:
        return
    parts = [j for j in parts if _fits(drafts[j], drafts[total])]
    # one part must lie within the total; a list of parts may overlap (上述决策中，听证的3项，评估的9项)
    if len(parts) >= 2 or (parts and drafts[parts[0]].value <= drafts[total].value + _EPS):
        for j in parts:
            drafts[j].parent = total
            # 民事案件中涉及农民工讨薪的有1,308件: the phrase names the total, not the part
            k = drafts[j].label.find(m[1] + "中")
            rest = drafts[j].label[k + len(m[1]) + 1 :] if k >= 0 else ""
            if rest:
                drafts[j].label = rest


# inside a sentence the phrase may run straight on (保留事项中实行告知承诺制的61项)
_AMONG_CLAUSE = re.compile(r"(?:在)?([\u4e00-\u9fff]{2,12}?)中(?:[,:]|(?=[\u4e00-\u9fff])(?![" + ZHONG_WORD_TAILS + "]))")


# 在办结的120件投诉中，食品类40件: the total stands inside the 'X中，' phrase that opens its parts
_OWN_AMONG = re.compile(r"[\u4e00-\u9fff]{0,12}?中(?:[,:]|(?=有))")  # 134个司法所中有41个…


def _among_own(drafts: list[Draft], idx: list[int], text: str) -> None:
    """A number followed by 'X中，' is the total of the parts that follow (up to the clause's end)."""
    sent_end = drafts[idx[0]].sent_end
    for i in idx:
        t = drafts[i]
        m = _OWN_AMONG.match(text, t.end, sent_end)
        if m is None or not _eligible(t):
            continue
        stop = sent_end if m[0].endswith(":") else _clause_block_end(text, m.end(), sent_end)
        parts = [j for j in idx if m.end() <= drafts[j].start < stop and drafts[j].parent is None and _eligible(drafts[j])]
        parts = [j for j in parts if _fits(drafts[j], t)]
        if parts and sum(drafts[j].value for j in parts) <= t.value + _EPS:
            for j in parts:
                drafts[j].parent = i


_DEMONSTRATIVE = re.compile(r"^(?:上述|以上|前述|这些|该|其)")


def _counted(d: Draft) -> bool:
    """A count in a unit of its own (件, 人), not the generic 个 that fits anything."""
    return d.unit is not None and unit_family(d.unit) not in ("", "generic")


def _same_family(a: Draft, b: Draft) -> bool:
    return a.unit is not None and b.unit is not None and unit_family(a.unit) == unit_family(b.unit)


def _names(phrase: str, label: str) -> bool:
    """审结案件 names 审结; 查处的案件 names 立案查处各类违法案件 (two shared words once 的 is gone);
    上述决策 names 作出重大行政决策."""
    phrase = _DEMONSTRATIVE.sub("", phrase)
    if not phrase:
        return False
    if label in phrase or phrase in label:
        return True
    return len(_bigrams(phrase.replace("的", "")) & _bigrams(label)) >= 2


def _best_total(drafts: list[Draft], totals: list[int], parts: list[int]) -> int | None:
    """The total the parts belong to: one they add up to exactly, else the nearest one — unless
    it shares no word with the parts while another shares two (查处案件 → 查处各类违法案件)."""
    if not totals or not parts:
        return None
    first = drafts[parts[0]]
    fitting = [i for i in totals if _fits(first, drafts[i])]
    if not fitting:
        return None
    total = sum(drafts[j].value for j in parts)
    exact = [i for i in fitting if abs(drafts[i].value - total) < _EPS]
    if exact and len(parts) > 1:
        return exact[-1]
    nearest = fitting[-1]
    if len(fitting) == 1 or all(ends_with_outcome(drafts[j].label) for j in parts):
        return nearest  # 审结497件，其中行政机关败诉21件: an outcome of the nearest total's cases
    part_grams = set().union(*(_bigrams(drafts[j].label) for j in parts))
    if _bigrams(drafts[nearest].label) & part_grams:
        return nearest  # the nearest total shares a word: no need to look further
    overlap = {i: len(_bigrams(drafts[i].label) & part_grams) for i in fitting}
    best = max(reversed(fitting), key=lambda i: overlap[i])
    if overlap[best] >= 2:
        return best
    # 受理纠纷…，调处成功…；其中涉企纠纷…、物业纠纷…: the total that names the parts' head noun
    nouns = {drafts[j].label[-_HEAD_NOUN:] for j in parts if len(drafts[j].label) > _HEAD_NOUN}
    if len(nouns) == 1:
        named = [i for i in fitting if next(iter(nouns)) in drafts[i].label]
        if named:
            return named[-1]
    return nearest


def _fits(part: Draft, total: Draft) -> bool:
    """Same year, and units that can count the same thing (a missing unit fits anything)."""
    if part.period_year != total.period_year:
        return False
    return part.unit is None or total.unit is None or families_compatible(part.unit, total.unit)


def _bigrams(label: str) -> set[str]:
    return {label[k : k + 2] for k in range(len(label) - 1)}


def _clause_block_end(text: str, pos: int, sent_end: int) -> int:
    ends = [k for k in (text.find(ch, pos, sent_end) for ch in _SPLIT) if k >= 0]
    return min(ends) if ends else sent_end


def _colon(drafts: list[Draft], idx: list[int], text: str) -> None:
    """A total then a colon lists its parts; the list may run on across semicolons (件：刑事50件；民事70件)."""
    sent_start, sent_end = drafts[idx[0]].sent_start, drafts[idx[0]].sent_end
    pos = text.find(":", sent_start, sent_end)
    while pos >= 0:
        before = [i for i in idx if drafts[i].end <= pos]
        after = [i for i in idx if drafts[i].start > pos and drafts[i].start < _clause_block_end(text, pos, sent_end)]
        if before and len(after) == 1 and _eligible(drafts[before[-1]]):
            after = _semicolon_list(drafts, idx, before[-1], pos, text)
        if before and len(after) >= 2 and _eligible(drafts[before[-1]]):
            total = before[-1]
            for j in after:
                if drafts[j].parent is None and _eligible(drafts[j]):
                    drafts[j].parent = total
        pos = text.find(":", pos + 1, sent_end)


def _semicolon_list(drafts: list[Draft], idx: list[int], total: int, colon: int, text: str) -> list[int]:
    """One number per ;-clause after the colon, each counting what the total counts, within it."""
    t = drafts[total]
    members: list[int] = []
    running = 0.0
    for j in idx:
        d = drafts[j]
        if d.start <= colon:
            continue
        if not _eligible(d) or d.unit is None or t.unit is None or unit_family(d.unit) != unit_family(t.unit):
            break
        running += d.value
        members.append(j)
    # one part per clause: two numbers in one ;-clause are a fact and its detail, not two parts
    one_per_clause = all(";" in text[drafts[a].end : drafts[b].start] for a, b in pairwise(members))
    return members if one_per_clause and running <= t.value + _EPS else []


def _exact_sums(drafts: list[Draft], idx: list[int], text: str) -> None:
    """Parts listed after a total with no marker count as a breakdown only when they sum exactly."""
    # only this sentence's drafts can have parts yet: later sentences are linked after it
    has_parts = {drafts[j].parent for j in idx if drafts[j].parent is not None}
    for pos, i in enumerate(idx):
        t = drafts[i]
        if i in has_parts or t.parent is not None or not _eligible(t) or t.unit is None or t.value < _MIN_SUM_TOTAL:
            continue
        running, members = 0.0, list[int]()
        for j in idx[pos + 1 :]:
            d = drafts[j]
            if (d.kind in ("change", "percent") or d.period_year != t.period_year) and d.parent is None:
                continue  # 收到58件，比上年的49件增加9件，受理53件，不予受理5件: a comparison sits between
            if d.parent is not None or not _eligible(d):
                break
            if d.unit is not None and not families_compatible(d.unit, t.unit):
                break
            if members and ";" in text[drafts[members[-1]].end : d.start]:
                break  # the parts may start after a ; (…增长33.7%；经审查，受理…) but not span one
            running += d.value
            members.append(j)
            if abs(running - t.value) < _EPS and len(members) >= 2:
                for k in members:
                    drafts[k].parent = i
                has_parts.add(i)
                break
            if running > t.value:
                break


def _sums_across(drafts: list[Draft], idx: list[int], before: list[int]) -> None:
    """A sentence's leading numbers adding up exactly to a total of the sentence before are its
    parts (收到备案文件218件，其中…。经审查，予以备案201件；对存在问题的17件…)."""
    totals = [i for i in reversed(before) if _eligible(drafts[i]) and drafts[i].parent is None]
    totals = [i for i in totals if drafts[i].unit is not None and drafts[i].value >= _MIN_SUM_TOTAL]
    if not totals:
        return
    lead: list[int] = []
    for j in idx:
        d = drafts[j]
        if d.kind in ("change", "percent"):
            continue
        if d.parent is not None or not _eligible(d) or d.unit is None:
            break
        lead.append(j)
    for i in totals:
        t = drafts[i]
        running = 0.0
        for n, j in enumerate(lead, start=1):
            d = drafts[j]
            if not families_compatible(d.unit, t.unit) or d.period_year != t.period_year:  # type: ignore[arg-type]
                break
            running += d.value
            if abs(running - t.value) < _EPS and n >= 2:
                for k in lead[:n]:
                    drafts[k].parent = i
                return
            if running > t.value:
                break


# 合计120件 / 共需办理650件: a sum word, then at most a short verb, right before the total
_TOTAL_WORD = re.compile(r"(?:共计|合计|总计|共)[\u4e00-\u9fff]{0,4}$")


def _sums_before_total(drafts: list[Draft], idx: list[int], text: str) -> None:
    """Parts listed before a 合计/共计 total (刑事50件、民事70件，合计120件) when they sum exactly."""
    for pos, i in enumerate(idx):
        t = drafts[i]
        if t.parent is not None or not _eligible(t) or t.unit is None:
            continue
        clause_head = text[max(t.sent_start, t.start - 8) : t.start]
        if not _TOTAL_WORD.search(clause_head):
            continue
        running, members = 0.0, []
        for j in reversed(idx[:pos]):
            d = drafts[j]
            if d.parent is not None or not _eligible(d) or d.unit is None or not families_compatible(d.unit, t.unit):
                break
            running += d.value
            members.append(j)
            if abs(running - t.value) < _EPS and len(members) >= 2:
                for k in members:
                    drafts[k].parent = i
                break
            if running > t.value:
                break


def check_breakdowns(drafts: list[Draft]) -> None:
    """Unlink parts whose unit cannot count the total's thing; record exact/partial/exceeds."""
    for d in drafts:
        if d.parent is not None:
            p = drafts[d.parent]
            if d.unit and p.unit and not families_compatible(d.unit, p.unit) and unit_family(d.unit) != "":
                d.parent = None
    sums: dict[int, float] = {}
    for d in drafts:
        if d.parent is not None:
            sums[d.parent] = sums.get(d.parent, 0.0) + d.value
    for i, total in sums.items():
        t = drafts[i].value
        drafts[i].breakdown_status = "exact" if abs(total - t) < _EPS else ("partial" if total < t else "exceeds")
