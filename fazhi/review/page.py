"""The page shell every review and validation page shares: inline CSS, no external assets, escaping."""

from __future__ import annotations

import html
from typing import Any

# Inline and self-contained: the pages must render offline (no CDN, no fonts, no scripts).
CSS = """
body{font-family:system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2rem auto;max-width:72rem;
  color:#1d2733;line-height:1.6;padding:0 1rem}
h1{font-size:1.4rem}
h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #d7dde4}
table{border-collapse:collapse;width:100%;font-size:.9rem;margin:.5rem 0}
th,td{border:1px solid #d7dde4;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f1f4f7}
.body{white-space:pre-wrap;background:#fbfbf8;border:1px solid #e4e4dc;padding:1rem;font-size:1rem}
mark.stat{background:#ffe58a;border-radius:3px;padding:0 1px;cursor:help;position:relative}
mark.stat.part{background:#c8e6ff}
mark.stat.target{background:#e2d4ff}
mark.stat.approx{border-bottom:2px dotted #a06000}
mark.stat.unclassified{background:#ffd1d1}
mark.stat:hover::after{content:attr(data-tip);position:absolute;left:0;top:1.6em;z-index:2;white-space:pre;
  background:#1d2733;color:#fff;padding:.3rem .5rem;border-radius:4px;font-size:.8rem}
.flag{display:inline-block;font-size:.75rem;border-radius:3px;padding:0 .3rem;margin-right:.2rem;background:#eef1f4}
.blocking{color:#fff;background:#b3261e}
.warning{background:#ffd27a}
.ok{background:#c9efcf}
.muted{color:#5b6672;font-size:.85rem}
.indent{padding-left:1.5rem}
.legend mark{margin-right:.6rem}
.scroll{overflow-x:auto}
"""


def esc(value: Any) -> str:
    """Any value as HTML text, quotes included (report text is never trusted)."""
    return "" if value is None else html.escape(str(value), quote=True)


def page(title: str, body: str) -> str:
    """A complete HTML document around already-escaped body markup."""
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        # No script may run on these pages, whatever the report text says.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
        f"<title>{esc(title)}</title><style>{CSS}</style></head><body>\n{body}\n</body></html>\n"
    )


def table(headers: list[str], rows: list[list[str]], empty: str = "none") -> str:
    """An HTML table from escaped cell markup; a short note instead when there are no rows."""
    if not rows:
        return f'<p class="muted">{esc(empty)}</p>' if empty else ""
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f'<div class="scroll"><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'


def severity_badge(severity: str) -> str:
    """A coloured label for blocking / warning / ok."""
    return f'<span class="flag {esc(severity)}">{esc(severity)}</span>'


def details_table(details: str | None) -> str:
    """Failing rows a check recorded (JSON list of objects) as a small table of keys and values."""
    import json

    if not details:
        return ""
    try:
        rows = json.loads(details)
    except ValueError:
        return f"<code>{esc(details)}</code>"
    if not isinstance(rows, list) or not rows:
        return f"<code>{esc(details)}</code>" if rows else ""
    if not all(isinstance(r, dict) for r in rows):
        return f"<code>{esc(details)}</code>"
    columns = list(dict.fromkeys(k for r in rows for k in r))
    return table(columns, [[esc(r.get(c)) for c in columns] for r in rows])
