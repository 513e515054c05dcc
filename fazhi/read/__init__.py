"""read: a RawDocument's bytes → plain body text + metadata (Document).

STUB — owned by the documents work (issue 4); keep the signature of read_document.
"""

from __future__ import annotations

import re
from datetime import date

from fazhi.model import Document, InputError, RawDocument

_PUBLISHED = re.compile(r"发布时间[:：]\s*(\d{4})-(\d{1,2})-(\d{1,2})")
_TITLE_YEAR = re.compile(r"(20\d{2})年")


def read_document(raw: RawDocument) -> Document:
    """Decode and clean one document; raises InputError when it cannot be read as a report."""
    try:
        text = raw.data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.data.decode("gb18030")
    text = text.replace("\r\n", "\n")
    if not text.strip():
        raise InputError(raw.source_uri, "read", "not_empty", "the document is empty")
    lines = [line.strip() for line in text.split("\n")]
    title = next((line for line in lines if "报告" in line), None)
    published = None
    match = _PUBLISHED.search(text)
    if match:
        published = date(int(match[1]), int(match[2]), int(match[3]))
    year_match = _TITLE_YEAR.search(title or "")
    return Document(
        source_uri=raw.source_uri,
        content_sha256=raw.content_sha256,
        body_text=text,
        title=title,
        published_date=published,
        report_year=int(year_match[1]) if year_match else None,
        region_hint=title,
    )
