"""The review page of one report: its body text with every statistic highlighted, and its gate results."""

from __future__ import annotations

from typing import Any

from fazhi.review.page import details_table, esc, page, severity_badge, table


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.4g}"


def flags(fact: dict[str, Any]) -> list[str]:
    """The flags of one statistic, in words an analyst reads."""
    out = []
    if fact["is_approximate"]:
        out.append("approximate")
    if fact["is_target"]:
        out.append(f"target {fact['period_year'] or ''}".strip())
    if fact["is_partial_period"]:
        out.append("partial period")
    if fact["unit_inferred"]:
        out.append("unit inferred")
    if fact["parent_statistic_key"] is not None:
        out.append("breakdown part")
    if fact["breakdown_status"]:
        out.append(f"parts: {fact['breakdown_status']}")
    return out


def _tip(fact: dict[str, Any], parents: dict[int, dict[str, Any]]) -> str:
    value = _number(fact["value"]) + (f"–{_number(fact['value_max'])}" if fact["value_max"] is not None else "")
    lines = [f"{fact['metric_name_zh']} ({fact['metric_code']})", f"{value} {fact['unit']} · {fact['kind']}"]
    if fact["raw_label"]:
        lines.append(f"label: {fact['raw_label']}")
    parent = parents.get(fact["parent_statistic_key"]) if fact["parent_statistic_key"] is not None else None
    if parent:
        lines.append(f"part of: {parent['raw_label'] or ''} {parent['surface']}")
    if flags(fact):
        lines.append("flags: " + ", ".join(flags(fact)))
    return "\n".join(lines)


def _classes(fact: dict[str, Any]) -> str:
    names = ["stat"]
    names += ["part"] if fact["parent_statistic_key"] is not None else []
    names += ["target"] if fact["is_target"] else []
    names += ["approx"] if fact["is_approximate"] else []
    names += ["unclassified"] if fact["metric_code"] == "unclassified" else []
    return " ".join(names)


def highlight(body_text: str, facts: list[dict[str, Any]]) -> str:
    """The escaped body text with each statistic's span wrapped in a <mark> carrying its details."""
    by_key = {f["statistic_key"]: f for f in facts}
    out: list[str] = []
    cursor = 0
    for fact in sorted(facts, key=lambda f: (f["char_start"], f["char_end"])):
        start, end = fact["char_start"], fact["char_end"]
        if start < cursor or end > len(body_text):  # overlapping or out of range: listed below, not marked
            continue
        out.append(esc(body_text[cursor:start]))
        out.append(
            f'<mark class="{_classes(fact)}" id="s{fact["statistic_key"]}" data-metric="{esc(fact["metric_code"])}" '
            f'data-tip="{esc(_tip(fact, by_key))}" title="{esc(_tip(fact, by_key))}">{esc(body_text[start:end])}</mark>'
        )
        cursor = end
    out.append(esc(body_text[cursor:]))
    return "".join(out)


def _statistics_table(facts: list[dict[str, Any]]) -> str:
    """Totals followed by their parts (indented), so breakdowns read as a tree."""
    children: dict[int, list[dict[str, Any]]] = {}
    keys = {f["statistic_key"] for f in facts}
    for fact in facts:
        if fact["parent_statistic_key"] in keys:
            children.setdefault(fact["parent_statistic_key"], []).append(fact)
    rows: list[list[str]] = []

    def add(fact: dict[str, Any], depth: int) -> None:
        label = f'<a href="#s{fact["statistic_key"]}">{esc(fact["surface"])}</a>'
        rows.append(
            [
                f'<span class="{"indent" if depth else ""}">{"↳ " * min(depth, 1)}{label}</span>',
                esc(fact["metric_name_zh"]) + f' <span class="muted">{esc(fact["metric_code"])}</span>',
                esc(_number(fact["value"])),
                esc(fact["unit"]),
                esc(fact["raw_label"]),
                " ".join(f'<span class="flag">{esc(f)}</span>' for f in flags(fact)),
                esc(fact["section_path"]),
            ]
        )
        for child in children.get(fact["statistic_key"], []):
            add(child, depth + 1)

    for fact in facts:
        if fact["parent_statistic_key"] not in keys:
            add(fact, 0)
    return table(["as written", "metric", "value", "unit", "label", "flags", "section"], rows, "no statistics")


def _provenance(report: dict[str, Any]) -> str:
    """How the report's region was resolved and what the reader warned about."""
    rows = [
        [esc("region from"), esc(report.get("region_matched_text"))],
        [esc("region not resolved"), esc(report.get("region_unresolved_reason"))],
        [esc("reader warnings"), esc(report.get("read_warnings"))],
    ]
    return table(["", ""], [r for r in rows if r[1]], "")


def render_report_page(
    report: dict[str, Any], body_text: str, facts: list[dict[str, Any]], findings: list[dict[str, Any]]
) -> str:
    """The whole review page of one report version."""
    title = report["title"] or report["source_uri"]
    gate_rows = [
        [severity_badge(f["severity"]), esc(f["suite"]), esc(f["check_name"]), esc(f["failed_rows"]), details_table(f["details"])]
        for f in findings
    ]
    legend = (
        '<p class="legend muted"><mark class="stat">statistic</mark><mark class="stat part">breakdown part</mark>'
        '<mark class="stat target">target</mark><mark class="stat approx">approximate</mark>'
        '<mark class="stat unclassified">no catalog metric yet</mark> hover a number for its metric, value, unit and flags</p>'
    )
    body = (
        f'<p><a href="index.html">← all reports</a></p><h1>{esc(title)}</h1>'
        f'<p class="muted">{esc(report.get("region_name") or "region not resolved")} · {esc(report["report_year"])} · '
        f"{esc(report['source_uri'])} · version {esc(report.get('version'))} · load {esc(report.get('load_id'))}</p>"
        f"{_provenance(report)}"
        "<h2>Gate results</h2>"
        f"{table(['severity', 'suite', 'check', 'failed rows', 'failing rows'], gate_rows, 'every check passed')}"
        f'<h2>Text ({len(facts)} statistics)</h2>{legend}<div class="body">{highlight(body_text, facts)}</div>'
        f"<h2>Statistics</h2>{_statistics_table(facts)}"
    )
    return page(f"Review · {title}", body)


def render_index(reports: list[dict[str, Any]]) -> str:
    """The index of review pages, one row per current report version."""
    rows = [
        [
            esc(r["region_name"] or "—"),
            esc(r["report_year"]),
            f'<a href="{esc(page_name(r["report_key"]))}">{esc(r["title"] or r["source_uri"])}</a>',
            esc(r["statistics"]),
            severity_badge("warning") + f" {esc(r['findings'])}" if r["findings"] else severity_badge("ok"),
            esc(r["source_uri"]),
        ]
        for r in reports
    ]
    return page(
        "fazhi · review",
        "<h1>Extraction review</h1>"
        + table(["region", "year", "report", "statistics", "gate", "source"], rows, "no reports yet"),
    )


def page_name(report_key: int) -> str:
    """The file name of one report's review page."""
    return f"report-{report_key}.html"
