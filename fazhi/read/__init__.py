"""read: a RawDocument's bytes → plain body text + metadata (Document).

body_text is the report as written below its title: the title line(s) and anything above them
(site chrome, red-head file numbers) are not in it; paragraphs are separated by '\\n'; site chrome
(无障碍, 来源/发布时间, 索引号 blocks, ICP lines) is removed after the metadata has been read from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin

from fazhi.model import Document, InputError, RawDocument
from fazhi.read.chrome import cjk_count, clean_lines, strip_chrome
from fazhi.read.decoding import decode_bytes, normalize_charset, sniff_meta_charset
from fazhi.read.metadata import Metadata, read_metadata

# A report on rule-of-law government names its subject: a text without any of these words is
# some other page (news, a notice, an error page) and is refused rather than mined for numbers.
_REPORT_TERMS = re.compile(r"法治|依法行政|法制")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc/.wps/.xls (OLE2 compound file)
_HTML_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*<(?:!doctype\s+html|html|head|meta)\b", re.IGNORECASE)
_MIN_BODY_CJK = 100  # the shortest real reports run to well over a thousand characters
_MIN_PAGE_WITH_LINKS_CJK = 300  # a page this short that links documents is a cover for its attachment


def read_document(raw: RawDocument) -> Document:
    """Decode and clean one document; raises InputError when it cannot be read as a report."""
    if not raw.data:
        raise _refuse(
            raw,
            "not_empty",
            "the file is empty (0 bytes); re-download or re-export the report",
        )
    kind = _sniff(raw)
    parts = _lines_of(raw, kind)
    lines, attachments, warnings = parts.lines, parts.attachments, parts.warnings
    if kind != raw.media_type:
        warnings += (f"the content is {kind.upper()} although the name or server said {raw.media_type}: read as {kind}",)
    if not lines and not attachments:
        raise _refuse(
            raw,
            "not_empty",
            "the document holds no text, only whitespace; check the export or download",
        )
    meta = read_metadata(lines, parts.title, parts.meta_lines, parts.site)
    body_lines = strip_chrome(_below_title(lines, meta))
    body = "\n".join(body_lines)
    _check_is_report(raw, body, meta.title, attachments)
    region_hint, report_year, hint_warnings = _apply_hints(raw.hints, meta)
    warnings += hint_warnings
    if attachments:
        warnings += (f"the page links documents that were not read: {', '.join(attachments[:5])}",)
    return Document(
        source_uri=raw.source_uri,
        content_sha256=raw.content_sha256,
        body_text=body,
        title=meta.title,
        publisher=meta.publisher,
        published_date=meta.published_date,
        signed_date=meta.signed_date,
        report_year=report_year,
        region_hint=region_hint,
        final_url=raw.final_url,
        fetched_at=raw.fetched_at,
        warnings=warnings,
    )


def _sniff(raw: RawDocument) -> str:
    """The media type the bytes themselves show (a PDF saved as .html, a page saved as .txt…)."""
    head = raw.data[:1024]
    if head.startswith(_OLE_MAGIC):
        raise _refuse(
            raw,
            "supported_format",
            "this is an old binary Word (.doc) or WPS file whatever its name says; save it as .docx and load that",
        )
    if raw.media_type in ("pdf", "docx") and _HTML_START.match(head):
        raise _refuse(
            raw,
            f"valid_{raw.media_type}",
            f"this is a web page, not a {raw.media_type.upper()}: the download probably got an error or login page; "
            "download the file again",
        )
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    if raw.media_type == "txt" and _HTML_START.match(head):
        return "html"
    return raw.media_type


@dataclass(frozen=True)
class _Parts:
    """What a format reader found, before metadata and chrome are dealt with."""

    lines: list[str]
    title: str | None = None  # when the format shows it apart from the text (an HTML page's <h1>)
    meta_lines: list[str] | None = None  # lines holding the 来源/发布时间 bar, when outside the text
    warnings: tuple[str, ...] = ()
    attachments: tuple[str, ...] = ()  # absolute URLs of documents a page links
    site: str | None = None


def _lines_of(raw: RawDocument, kind: str) -> _Parts:
    if kind in ("txt", "html"):
        declared = raw.declared_charset
        if kind == "html" and not normalize_charset(declared):  # absent or a server default: the page's own
            declared = sniff_meta_charset(raw.data)
        text, _codec = decode_bytes(raw.data, raw.source_uri, declared)
        if kind == "txt":
            return _Parts(clean_lines([text]))
        from fazhi.read.html import read_html

        try:
            page = read_html(text)
        except RecursionError:  # a library walk deeper than Python's stack: no real page nests like that
            raise _refuse(
                raw,
                "html_nesting",
                "the page nests its tags thousands of levels deep; save the article text as .txt and load that",
            ) from None
        base = raw.final_url or raw.source_uri
        links = tuple(urljoin(base, href) if base.startswith(("http://", "https://")) else href for href in page.attachments)
        return _Parts(page.lines, page.title, page.page_lines, page.warnings, links, page.site)
    if kind in ("docx", "pdf"):
        return _Parts(clean_lines(_parse(raw, kind)))
    raise _refuse(
        raw,
        "supported_format",
        f"unsupported media type '{raw.media_type}'; give a .txt, .html, .docx or .pdf",
    )


def _parse(raw: RawDocument, kind: str) -> list[str]:
    from fazhi.read.pdf import NoTextLayer, read_pdf
    from fazhi.read.word import read_docx

    try:
        return read_docx(raw.data) if kind == "docx" else read_pdf(raw.data)
    except NoTextLayer:
        raise _refuse(
            raw,
            "text_layer",
            "the PDF has no text layer (a scan or image); run OCR on it or give the text/web version",
        ) from None
    # parsers raise many exception types on damaged files; all mean the same to a user
    except Exception as exc:
        what = "Word (.docx)" if kind == "docx" else "PDF"
        raise _refuse(
            raw,
            f"valid_{kind}",
            f"not a readable {what} file ({type(exc).__name__}); it may be truncated or mis-named: "
            "re-download it or re-save it from the original program",
        ) from None


def _below_title(lines: list[str], meta: Metadata) -> list[str]:
    """Body lines after the title; when the title came from elsewhere, drop its repeat near the top."""
    if meta.title_lines:
        return lines[meta.title_lines :]
    if meta.title:
        squeezed = meta.title.replace(" ", "")
        for i, line in enumerate(lines[:5]):
            if line.replace(" ", "") == squeezed:
                return lines[i + 1 :]
    return lines


def _apply_hints(hints: dict[str, str], meta: Metadata) -> tuple[str | None, int | None, tuple[str, ...]]:
    """Hints from the source list win (an analyst checked them); a disagreement is worth a warning."""
    region, year = meta.region_hint, meta.report_year
    warnings = []
    if hints.get("region_hint"):
        if region and hints["region_hint"] not in region and region not in hints["region_hint"]:
            warnings.append(f"region_hint '{hints['region_hint']}' from the source list differs from the document's '{region}'")
        region = hints["region_hint"]
    if hints.get("year_hint", "").isdigit():
        if year and int(hints["year_hint"]) != year:
            warnings.append(f"year_hint {hints['year_hint']} from the source list differs from the document's {year}")
        year = int(hints["year_hint"])
    return region, year, tuple(warnings)


def _check_is_report(raw: RawDocument, body: str, title: str | None, attachments: tuple[str, ...]) -> None:
    chars = cjk_count(body)
    if attachments and chars < _MIN_PAGE_WITH_LINKS_CJK:
        raise _refuse(
            raw,
            "is_report",
            f"the page holds no report text, only links to documents ({', '.join(attachments[:5])}); "
            "give the linked report file or its address instead",
        )
    if not _REPORT_TERMS.search((title or "") + body):
        raise _refuse(
            raw,
            "is_report",
            "this is not a rule-of-law report: neither title nor text mentions 法治, 依法行政 or 法制; "
            "remove it from the inputs or give the report's own page",
        )
    if chars < _MIN_BODY_CJK:
        raise _refuse(
            raw,
            "is_report",
            f"only {chars} Chinese characters of text after removing site chrome, too short for a report; "
            "check it is the report itself and not an index, summary or error page",
        )


def _refuse(raw: RawDocument, check: str, reason: str) -> InputError:
    return InputError(raw.source_uri, "read", check, reason)
