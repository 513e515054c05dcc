"""DOCX → lines: paragraphs and tables in document order, tables as 'cell | cell' rows."""

from __future__ import annotations

import io


def read_docx(data: bytes) -> list[str]:
    """Lines of a .docx body; raises whatever python-docx raises on a damaged file (caller wraps it)."""
    import docx  # heavy import: only DOCX inputs pay it
    from docx.table import Table

    document = docx.Document(io.BytesIO(data))
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines.extend(_table_lines(block))
        else:
            lines.extend(block.text.split("\n"))  # <w:br/> inside a paragraph comes back as \n
    return lines


def _table_lines(table: object) -> list[str]:
    out = []
    for row in table.rows:  # type: ignore[attr-defined]
        cells, seen = [], set()
        for cell in row.cells:
            # a merged cell is returned once per grid column it spans: keep it once
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(" ".join(p.text.strip() for p in cell.paragraphs if p.text.strip()))
        if any(cells):
            out.append(" | ".join(cells))
    return out
