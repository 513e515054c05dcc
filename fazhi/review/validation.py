"""The validation report of each load: per input, its blocking and warning checks, failing rows and reasons."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from fazhi.config import EXPECTATIONS_DIR
from fazhi.review.page import details_table, esc, page, severity_badge, table


@cache
def check_reasons() -> dict[tuple[str, str], str]:
    """(suite, check) → the reason its expectation gives (expectations/*.json meta.reason)."""
    reasons: dict[tuple[str, str], str] = {}
    for path in sorted(EXPECTATIONS_DIR.glob("*.json")):
        spec = json.loads(path.read_text(encoding="utf-8"))
        for expectation in spec.get("expectations", []):
            meta = expectation.get("meta", {})
            if "check" in meta:
                reasons[(spec.get("name", path.stem), meta["check"])] = meta.get("reason", "")
    return reasons


def load_page_name(load_id: str) -> str:
    """The file name of one load's validation page (load ids are letters, digits, T and -)."""
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in load_id)
    return f"load-{safe}.html"


def _audit(load: dict[str, Any]) -> str:
    names = [
        "status",
        "started_at",
        "finished_at",
        "documents_seen",
        "documents_published",
        "documents_skipped",
        "documents_quarantined",
        "facts_published",
        "warnings",
        "flow_run_id",
    ]
    return table(["", "value"], [[esc(n), esc(load[n])] for n in names])


def render_load(load: dict[str, Any], inputs: list[dict[str, Any]], findings: list[dict[str, Any]]) -> str:
    """One load's validation page: its audit row, then every input with its checks."""
    reasons = check_reasons()
    sections: list[tuple[bool, bool, str, str]] = []  # problems first: blocking, then warnings, then ok
    for source in dict.fromkeys([i["source_uri"] for i in inputs] + [f["source_uri"] for f in findings]):
        own = [i for i in inputs if i["source_uri"] == source]
        outcome = own[0]["outcome"] if own else "published"
        checks = [f for f in findings if f["source_uri"] == source]
        rows = [
            [
                severity_badge(f["severity"]),
                esc(f["suite"]),
                esc(f["check_name"]),
                esc(reasons.get((f["suite"], f["check_name"]), "")),
                esc(f["failed_rows"]),
                details_table(f["details"]),
            ]
            for f in checks
        ]
        rows += [
            [
                severity_badge("blocking"),
                esc(i["stage"]),
                esc(i["check_name"]),
                esc(i["quarantine_reason"]),
                "",
                details_table(i["details"]),
            ]
            for i in own
            if i["check_name"] and not any(f["check_name"] == i["check_name"] for f in checks)
        ]
        note = next((i["reason"] for i in own if i["reason"]), None)
        badge = "blocking" if outcome in ("quarantined", "failed") else "warning" if checks else "ok"
        sections.append(
            (
                badge != "blocking",
                badge != "warning",
                source,
                f'<h2>{severity_badge(badge)} {esc(source)}</h2><p class="muted">outcome: {esc(outcome)}'
                + (f" — {esc(note)}" if note else "")
                + "</p>"
                + table(
                    ["severity", "suite / stage", "check", "reason", "failed rows", "failing rows (keys and values)"],
                    rows,
                    "every check passed",
                ),
            )
        )
    body = (
        f'<p><a href="index.html">← all loads</a></p><h1>Validation · load {esc(load["load_id"])}</h1>'
        f"{_audit(load)}{''.join(s[-1] for s in sorted(sections)) or '<p class=muted>no inputs</p>'}"
    )
    return page(f"Validation · {load['load_id']}", body)


def render_validation_index(loads: list[dict[str, Any]]) -> str:
    """The index of validation pages, newest load first."""
    rows = [
        [
            f'<a href="{esc(load_page_name(load["load_id"]))}">{esc(load["load_id"])}</a>',
            severity_badge({"completed": "ok", "completed_with_quarantine": "warning"}.get(load["status"], "blocking"))
            + " "
            + esc(load["status"]),
            esc(load["started_at"]),
            esc(load["documents_seen"]),
            esc(load["documents_published"]),
            esc(load["documents_quarantined"]),
            esc(load["warnings"]),
            esc(load["facts_published"]),
        ]
        for load in loads
    ]
    headers = ["load", "status", "started", "inputs", "published", "quarantined", "warnings", "statistics"]
    return page("fazhi · validation", f"<h1>Validation report</h1>{table(headers, rows, 'no loads yet')}")
