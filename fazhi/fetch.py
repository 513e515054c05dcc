"""fetch: http(s) URLs → RawDocument with httpx; the source list (seeds/sources.csv) → Sources.

Retries are not done here: the Prefect task wrapping fetch_url retries on TransientFetchError only,
so a 404 fails at once while a timeout or a 503 is tried again with backoff.
"""

from __future__ import annotations

import csv
import hashlib
import re
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import unquote

from fazhi.model import InputError, RawDocument, Source

if TYPE_CHECKING:
    import httpx

MAX_BYTES = 50 * 1024 * 1024  # same limit as local files: a report is never this large
USER_AGENT = "fazhi/0.1 (+rule-of-law report reader)"
# Content-Type → media type; a generic type falls back to the URL's suffix.
_MEDIA_TYPES = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "txt",
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
}
_GENERIC_TYPES = {
    "",
    "application/octet-stream",
    "application/x-download",
    "application/force-download",
    "binary/octet-stream",
}
_TRANSIENT_STATUS = {408, 425, 429}
# filename*=UTF-8''%E6%8A%A5%E5%91%8A.docx or filename="report.pdf" in Content-Disposition
_FILENAME = re.compile(r"filename\*?=(?:[\w-]+'[\w-]*')?\"?([^\";]+)", re.IGNORECASE)
_MAGIC = ((b"%PDF-", "pdf"), (b"PK\x03\x04", "docx"))
SOURCE_LIST_COLUMNS = ("url", "region_hint", "year_hint")


class TransientFetchError(InputError):
    """A fetch failure worth retrying later: timeout, connection error, 5xx or 429."""


def fetch_url(url: str, *, timeout: float = 20.0) -> RawDocument:
    """GET one URL (redirects followed, final URL and fetch time recorded); raises InputError/TransientFetchError."""
    import httpx  # ~140 ms to import: only runs that fetch pay it

    fetched_at = datetime.now(UTC)
    try:
        with (
            httpx.Client(
                follow_redirects=True,
                timeout=timeout,
                headers={"User-Agent": USER_AGENT},
            ) as client,
            client.stream("GET", url) as response,
        ):
            _check_status(url, response)
            data = _read_capped(url, response)
    except InputError:  # our own verdicts (status, size) pass through as they are
        raise
    except httpx.TimeoutException:
        raise TransientFetchError(
            url,
            "fetch",
            "reachable",
            f"no answer within {timeout:g} s; will retry, or check the site is up",
        ) from None
    except httpx.TooManyRedirects:
        raise InputError(
            url,
            "fetch",
            "redirects",
            "the address redirects in a loop; open it in a browser and give the final address",
        ) from None
    except (httpx.UnsupportedProtocol, httpx.InvalidURL) as exc:
        raise InputError(
            url,
            "fetch",
            "valid_url",
            f"not a usable http(s) address ({exc}); check the URL",
        ) from None
    except httpx.TransportError as exc:
        raise TransientFetchError(
            url,
            "fetch",
            "reachable",
            f"connection failed ({type(exc).__name__}); will retry, or check the address and network",
        ) from None
    except httpx.HTTPError as exc:  # e.g. a damaged gzip body: retrying the same answer will not help
        raise InputError(
            url,
            "fetch",
            "valid_response",
            f"the server's answer could not be read ({type(exc).__name__}: {exc}); open the address in a browser to check",
        ) from None
    media_type = _media_type(url, response, data)
    return RawDocument(
        source_uri=url,
        data=data,
        media_type=media_type,
        content_sha256=hashlib.sha256(data).hexdigest(),
        declared_charset=response.charset_encoding,
        final_url=str(response.url),
        fetched_at=fetched_at,
    )


def _check_status(url: str, response: httpx.Response) -> None:
    status = response.status_code
    if status < 400:
        return
    if status >= 500 or status in _TRANSIENT_STATUS:
        raise TransientFetchError(
            url,
            "fetch",
            "http_status",
            f"the server answered {status} (temporary); will retry",
        )
    raise InputError(
        url,
        "fetch",
        "http_status",
        f"the server answered {status} {response.reason_phrase}; check the address (the page may have moved)",
    )


def _read_capped(url: str, response: httpx.Response) -> bytes:
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > MAX_BYTES:
            raise InputError(
                url,
                "fetch",
                "size_limit",
                f"the response is over {MAX_BYTES // 2**20} MB; a report is never this large — check the address",
            )
        chunks.append(chunk)
    return b"".join(chunks)


def _media_type(url: str, response: httpx.Response, data: bytes) -> str:
    """From Content-Type; for generic types (download servlets) from the file name, then the bytes."""
    declared = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if declared in _MEDIA_TYPES:
        return _MEDIA_TYPES[declared]
    if declared in _GENERIC_TYPES:
        disposition = _FILENAME.search(response.headers.get("content-disposition", ""))
        name = unquote(disposition[1]) if disposition else response.url.path
        from fazhi.discover import SUPPORTED_SUFFIXES  # one suffix map for files and URLs (imported here: no cycle)

        suffix = PurePosixPath(name.strip().strip('"')).suffix.lower()
        if suffix in SUPPORTED_SUFFIXES:
            return SUPPORTED_SUFFIXES[suffix]
        for magic, media_type in _MAGIC:
            if data.startswith(magic):
                return media_type
    raise InputError(
        url,
        "fetch",
        "supported_format",
        f"the server sent '{declared or 'no content type'}', not a web page, text, PDF or DOCX; "
        "give the report's page or attachment",
    )


def read_source_list(path: str | Path) -> list[Source]:
    """Sources from a CSV with columns url, region_hint, year_hint ('#' rows are comments); InputError if malformed."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(
            str(path),
            "discover",
            "source_list",
            f"cannot read the source list ({exc}); check the path and that it is UTF-8",
        ) from None
    rows = [row for row in csv.reader(text.splitlines()) if row and not row[0].lstrip().startswith("#")]
    if not rows or [c.strip() for c in rows[0]][: len(SOURCE_LIST_COLUMNS)] != list(SOURCE_LIST_COLUMNS):
        raise InputError(
            str(path),
            "discover",
            "source_list",
            f"the first row must be the header {','.join(SOURCE_LIST_COLUMNS)}",
        )
    sources = []
    for number, row in enumerate(rows[1:], start=2):
        cells = dict(zip(SOURCE_LIST_COLUMNS, (c.strip() for c in row), strict=False))
        url = cells.get("url", "")
        if not url.startswith(("http://", "https://")):
            raise InputError(
                str(path),
                "discover",
                "source_list",
                f"data row {number}: '{url}' is not an http(s) URL; fix or remove the row",
            )
        year = cells.get("year_hint", "")
        if year and not (year.isdigit() and len(year) == 4):
            raise InputError(
                str(path),
                "discover",
                "source_list",
                f"data row {number}: year_hint '{year}' is not a 4-digit year",
            )
        hints = {k: v for k, v in cells.items() if k != "url" and v}
        sources.append(Source(uri=url, is_url=True, hints=hints))
    return sources
