"""Bytes → str for text and HTML documents: BOMs, declared charsets that lie, and detection."""

from __future__ import annotations

import re

from fazhi.model import InputError

# Order matters: UTF-32 BOMs start with the UTF-16 ones.
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# Every gb* label is decoded as gb18030: it is a superset of gb2312 and GBK, and sites that
# declare gb2312 routinely serve GBK-only characters that a strict gb2312 decode rejects.
_GB_LABELS = re.compile(
    r"^(?:x-)?(?:gb[_-]?2312(?:-80)?|gbk|gb18030|cp936|ms936|euc-cn|csgb2312|chinese)$",
    re.IGNORECASE,
)
# Servers (Tomcat, IIS) send ISO-8859-1 by default whatever the page holds, and a Western
# single-byte codec decodes any bytes without error: for Chinese reports such a label is noise.
_UNTRUSTED = frozenset({"latin-1", "iso8859-1", "cp1252", "ascii", "iso8859-15"})
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)
# Control characters other than tab/newline/CR/form-feed never occur in a real report.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_MAX_CONTROL_SHARE = 0.01


def normalize_charset(label: str | None) -> str | None:
    """Map a declared charset label to the codec we decode it with (gb* → gb18030); None if unknown
    or not worth trusting (Western single-byte labels: see _UNTRUSTED)."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    if _GB_LABELS.match(label):
        return "gb18030"
    import codecs

    try:
        codec = codecs.lookup(label).name
    except LookupError:
        return None
    return None if codec in _UNTRUSTED else codec


def sniff_meta_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a <meta> tag within its first 4 KB, if any."""
    match = _META_CHARSET.search(data[:4096])
    return match[1].decode("ascii", "replace") if match else None


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def decode_bytes(data: bytes, source_uri: str, declared: str | None = None) -> tuple[str, str]:
    """Decode document bytes; returns (text, codec used). Raises InputError for binary data.

    Precedence: BOM; valid UTF-8 (GBK text is practically never valid UTF-8, so a page that
    declares gb2312 but is UTF-8 still reads right); the declared charset; charset-normalizer.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            text = _strict(data[len(bom) :], codec)
            if text is not None:
                return _check_text(text, source_uri), codec
    if b"\x00" in data[:4096]:
        raise _binary(source_uri)
    text = _strict(data, "utf-8")
    if text is not None:
        return _check_text(text, source_uri), "utf-8"
    declared_codec = normalize_charset(declared)
    if declared_codec:
        text = _strict(data, declared_codec)
        if text is not None:
            return _check_text(text, source_uri), declared_codec
    return _detect(data, source_uri)


def _detect(data: bytes, source_uri: str) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise _binary(source_uri)
    codec = normalize_charset(best.encoding) or best.encoding
    text = _strict(data, codec)
    if text is None:
        text = str(best)
    return _check_text(text, source_uri), codec


def _check_text(text: str, source_uri: str) -> str:
    sample = text[:20000]
    if sample and len(_CONTROL.findall(sample)) / len(sample) > _MAX_CONTROL_SHARE:
        raise _binary(source_uri)
    return text


def _binary(source_uri: str) -> InputError:
    return InputError(
        source_uri,
        "read",
        "decodable_text",
        "the file holds binary data, not text in any known encoding (UTF-8/UTF-16/GBK/GB18030); "
        "check that it is the report itself and not a damaged or mis-named file",
    )
