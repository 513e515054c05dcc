"""HTML nodes → text lines: blocks and <br> break lines, inline runs join, data tables become rows."""

from __future__ import annotations

import re
from collections.abc import Iterator

from selectolax.lexbor import LexborNode

from fazhi.read.chrome import clean_line

# Elements that start a new line; every other element is inline (Word's <span>s, <font>, <a>…).
_BLOCK_TAG_NAMES = (
    "p div br h1 h2 h3 h4 h5 h6 li ul ol dl dt dd section article header footer nav aside main blockquote "
    "center form figure figcaption address hr tr td th tbody thead tfoot caption title body html"
)
_BLOCK_TAGS = frozenset(_BLOCK_TAG_NAMES.split())
_WS_WITH_BREAK = re.compile(r"\s*[\r\n\t]\s*")
_CJK_OR_PUNCT = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
_LAYOUT_CELL_CHARS = 200  # a longer cell is prose: the table lays out a page, it holds no figures


def glue(text: str) -> str:
    """Source-code line breaks inside a paragraph vanish next to Chinese text, else become a space."""

    def repl(m: re.Match[str]) -> str:
        left = text[m.start() - 1] if m.start() else ""
        right = text[m.end()] if m.end() < len(text) else ""
        return "" if _CJK_OR_PUNCT.match(left or " ") or _CJK_OR_PUNCT.match(right or " ") else " "

    return _WS_WITH_BREAK.sub(repl, text)


def _is_data_table(table: LexborNode) -> bool:
    """A table of figures, not a page layout: no nested tables, no long prose cells."""
    if len(table.css("table")) > 1:  # lexbor's css() matches the node itself too
        return False
    return all(len(cell.text(deep=True)) <= _LAYOUT_CELL_CHARS for cell in table.css("td, th"))


def _table_lines(table: LexborNode) -> list[str]:
    """Rows as 'cell | cell' lines, header row first, so labels and units stay with their numbers."""
    rows = table.css("tr")
    head = [r for r in rows if r.css_first("th") is not None and r.css_first("td") is None]
    ordered = head + [r for r in rows if r not in head] if head and rows[0] not in head else rows
    out = []
    for row in ordered:
        cells = [" ".join(render(cell)) for cell in row.iter() if cell.tag in ("td", "th")]
        if any(cells):
            out.append(" | ".join(cells))
    return out


def render(node: LexborNode, skip: LexborNode | None = None) -> list[str]:
    """A node's text as lines: blocks and <br> break lines, inline tags (Word's <span>s) join up.

    skip: a descendant left out (the article, when rendering the page around it)."""
    skip_id = skip.mem_id if skip is not None else None
    out: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        line = clean_line(glue("".join(buf)))
        buf.clear()
        if line:
            out.append(line)

    # An explicit stack, not recursion: a page may nest tags 20,000 deep (a recursive walk overflows).
    stack: list[tuple[Iterator[LexborNode], bool]] = [(iter(node.iter(include_text=True)), False)]
    while stack:
        children, flush_after = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if flush_after:
                flush()
            continue
        tag = child.tag
        if tag == "-text":
            buf.append(child.text_content or "")
        elif tag in ("-comment", "script", "style") or child.mem_id == skip_id:
            continue
        elif tag == "pre":  # preformatted: its line breaks are the paragraphs
            flush()
            out.extend(line for raw in child.text(deep=True).splitlines() if (line := clean_line(raw)))
        elif tag == "table" and _is_data_table(child):
            flush()
            out.extend(_table_lines(child))
            flush()
        elif tag == "table" or tag in _BLOCK_TAGS:
            flush()
            stack.append((iter(child.iter(include_text=True)), True))
        else:
            stack.append((iter(child.iter(include_text=True)), False))
    flush()
    return out
