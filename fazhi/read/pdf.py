"""PDF text layer → paragraphs: page numbers and running headers/footers dropped, wrapped lines joined."""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

_PAGE_NUMBER = re.compile(
    r"^(?:[-－—–]\s*\d+\s*[-－—–]|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+|\d{1,3}|[Pp]age\s*\d+)$"
)
_EDGE = 2  # lines at the top and bottom of a page where running headers/footers sit
_SENTENCE_END = ("。", "！", "？", "；", "：")
# A heading marker after a finished sentence starts a paragraph even when not indented.
_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d{1,2}[.、．]\D|第[一二三四五六七八九十]+[部章条])"
)


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    size: float
    is_row: bool = False  # a table row: always its own paragraph


class NoTextLayer(Exception):
    """The PDF has pages but no extractable characters (a scan)."""


def read_pdf(data: bytes) -> list[str]:
    """Paragraph lines of a PDF; raises NoTextLayer for scans, parser errors for damaged files.

    Pages are read with PDFium (pypdfium2, ~10 ms a page); a page that draws lines or boxes may
    hold a ruled table, and only such pages go through pdfplumber's table finder (~100 ms a page).
    """
    import pypdfium2 as pdfium  # native; only PDF inputs pay the import

    document = pdfium.PdfDocument(data)
    try:
        pages: list[list[_Line]] = []
        ruled: list[int] = []
        for number in range(len(document)):
            page = document[number]
            if _has_drawing(page):
                ruled.append(number)
                pages.append([])
            else:
                pages.append(_pdfium_lines(page))
    finally:
        document.close()
    if ruled:
        import pdfplumber  # heavy import: only PDFs with drawn rules pay it

        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for number in ruled:
                pages[number] = _page_lines(pdf.pages[number])
    if not any(pages):
        raise NoTextLayer()
    pages = _drop_running(pages)
    return _join([line for page in pages for line in page])


def _has_drawing(page: Any) -> bool:
    """True when a PDFium page has path objects (lines, boxes): a ruled table may be there."""
    import pypdfium2.raw as pdfium_c

    return any(True for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=2))


def _pdfium_lines(page: Any) -> list[_Line]:
    """The text lines of a PDFium page, top to bottom, with their left/right edges and font size."""
    import pypdfium2.raw as pdfium_c

    text_page = page.get_textpage()
    try:
        count = text_page.count_chars()
        if count <= 0:
            return []
        text = text_page.get_text_range(0, count)
        placed: list[tuple[float, _Line]] = []
        offset = 0
        for segment in re.split(r"(\r\n|\n|\r)", text):
            if segment in ("\r\n", "\n", "\r"):
                offset += len(segment)
                continue
            stripped = segment.strip()
            if stripped:
                first = offset + len(segment) - len(segment.lstrip())
                last = offset + len(segment.rstrip()) - 1
                x0, _, _, top = text_page.get_charbox(first, loose=True)
                _, _, x1, _ = text_page.get_charbox(last, loose=True)
                size = pdfium_c.FPDFText_GetFontSize(text_page.raw, first) or 10.0
                placed.append((-top, _Line(stripped, x0, x1, float(size))))
            offset += len(segment)
    finally:
        text_page.close()
    placed.sort(key=lambda pair: pair[0])
    return [line for _, line in placed if not _PAGE_NUMBER.match(line.text.replace(" ", ""))]


def _page_lines(page: Any) -> list[_Line]:  # a pdfplumber Page (imported lazily)
    tables = page.find_tables() if (page.lines or page.rects) else []  # no rules drawn: no ruled table
    boxes = [t.bbox for t in tables]

    def outside(obj: dict) -> bool:
        return not any(b[0] <= obj["x0"] and obj["x1"] <= b[2] and b[1] <= obj["top"] and obj["bottom"] <= b[3] for b in boxes)

    text_page = page.filter(outside) if boxes else page
    placed: list[tuple[float, _Line]] = []
    for raw in text_page.extract_text_lines():
        chars = raw.get("chars") or []
        size = max((c["size"] for c in chars), default=10.0)
        placed.append((raw["top"], _Line(raw["text"].strip(), raw["x0"], raw["x1"], size)))
    for table in tables:
        for i, row in enumerate(table.extract()):
            cells = [re.sub(r"\s+", "", c or "") for c in row]
            if any(cells):
                placed.append(
                    (
                        table.bbox[1] + i * 0.01,
                        _Line(" | ".join(cells), table.bbox[0], table.bbox[2], 10.0, True),
                    )
                )
    placed.sort(key=lambda pair: pair[0])
    return [line for _, line in placed if line.text and not _PAGE_NUMBER.match(line.text.replace(" ", ""))]


def _drop_running(pages: list[list[_Line]]) -> list[list[_Line]]:
    """Drop lines repeated at the top or bottom of most pages (digits ignored: 第3页 = 第4页)."""
    if len(pages) < 2:
        return pages

    def key(line: _Line) -> str:
        return re.sub(r"\d+", "#", line.text.replace(" ", ""))

    counts: Counter[str] = Counter()
    for page in pages:
        counts.update({key(line) for line in page[:_EDGE] + page[-_EDGE:]})
    running = {k for k, n in counts.items() if n >= max(2, (len(pages) + 1) // 2)}
    out = []
    for page in pages:
        edge_ids = {id(line) for line in page[:_EDGE] + page[-_EDGE:]}
        out.append([ln for ln in page if not (id(ln) in edge_ids and key(ln) in running)])
    return out


def _join(lines: list[_Line]) -> list[str]:
    """Join lines the layout wrapped: a line reaching the right margin continues on the next,
    unless the next is indented (a new paragraph) or one of them is a table row."""
    body = [ln for ln in lines if not ln.is_row and len(ln.text) >= 8]
    if not body:
        return [ln.text for ln in lines]
    left = min(ln.x0 for ln in body)
    right = max(ln.x1 for ln in body)
    out: list[str] = []
    open_para = False
    for ln in lines:
        width = ln.size or 10.0
        indented = ln.x0 > left + 0.8 * width
        heading = bool(out) and out[-1].endswith(_SENTENCE_END) and _HEADING.match(ln.text) is not None
        if ln.is_row or not open_para or indented or heading:
            out.append(ln.text)
        else:
            out[-1] += ln.text
        full = ln.x1 >= right - 1.5 * width
        open_para = not ln.is_row and full
    return out
