"""fetch_url against a real HTTP server on 127.0.0.1: encodings, errors, retries, timeouts, redirects."""

from __future__ import annotations

import importlib.util
import socket
import threading
import time
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from fazhi.discover import load_raw
from fazhi.fetch import TransientFetchError, fetch_url, read_source_list
from fazhi.model import InputError, Source
from fazhi.read import read_document

_spec = importlib.util.spec_from_file_location("fetch_fixture_build", Path(__file__).parents[1] / "fixtures/documents/build.py")
BUILD = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(BUILD)
SLOW_SECONDS = 1.5


class _Site(BaseHTTPRequestHandler):
    """Fixture pages; /flaky fails with 500 on its first request, then serves the page."""

    hits: ClassVar[dict[str, int]] = {}

    def log_message(self, *args) -> None:  # keep test output quiet
        pass

    def _send(
        self,
        status: int,
        body: bytes = b"",
        content_type: str | None = "text/html; charset=utf-8",
        **headers: str,
    ) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        path = self.path
        self.hits[path] = self.hits.get(path, 0) + 1
        utf8 = BUILD.trs_page().encode("utf-8")
        if path == "/utf8.html":
            self._send(200, utf8)
        elif path == "/gbk.html":
            self._send(200, BUILD.zoom_page().encode("gbk"), "text/html; charset=gb2312")
        elif path == "/tomcat.html":  # a server default charset in front of a GBK page that says so itself
            self._send(200, BUILD.zoom_page().encode("gbk"), "text/html;charset=ISO-8859-1")
        elif path == "/broken-gzip.html":
            self._send(200, b"this is not gzip", **{"Content-Encoding": "gzip"})
        elif path == "/missing.html":
            self._send(404, b"<h1>404</h1>")
        elif path == "/forbidden.html":
            self._send(403, b"")
        elif path == "/busy.html":
            self._send(429, b"", **{"Retry-After": "1"})
        elif path == "/flaky.html":
            self._send(500, b"oops") if self.hits[path] == 1 else self._send(200, utf8)
        elif path == "/slow.html":
            time.sleep(SLOW_SECONDS)
            self._send(200, utf8)
        elif path == "/old-address":
            self._send(301, b"", Location="/moved")
        elif path == "/moved":
            self._send(302, b"", Location="/utf8.html")
        elif path == "/loop":
            self._send(302, b"", Location="/loop")
        elif path == "/attachment/report.txt":
            self._send(200, BUILD.plain_text().encode("gbk"), "application/octet-stream")
        elif path == "/download.jsp?id=7":
            name = "attachment; filename*=UTF-8''%E6%8A%A5%E5%91%8A.txt"
            self._send(200, BUILD.plain_text().encode("utf-8"), "application/octet-stream", **{"Content-Disposition": name})
        elif path == "/download.jsp?id=8":
            self._send(200, b"%PDF-1.4 not really", "application/octet-stream")
        elif path == "/logo.png":
            self._send(200, b"\x89PNG", "image/png")
        else:
            self._send(404)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass  # the slow page's client gave up before the answer: expected, not worth a traceback


@pytest.fixture(scope="module")
def site():
    server = _Server(("127.0.0.1", 0), _Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("page", ["/utf8.html", "/gbk.html", "/tomcat.html"])
def test_pages_fetch_and_read_to_the_report(site, page):
    before = datetime.now(UTC)
    raw = fetch_url(site + page)
    assert raw.media_type == "html" and raw.final_url == site + page and before <= raw.fetched_at <= datetime.now(UTC)
    doc = read_document(raw)
    assert doc.body_text == BUILD.expected_body() and doc.fetched_at == raw.fetched_at


def test_declared_charset_is_passed_on(site):
    assert fetch_url(site + "/gbk.html").declared_charset == "gb2312"
    assert fetch_url(site + "/utf8.html").declared_charset == "utf-8"


def test_redirects_are_followed_and_recorded(site):
    raw = fetch_url(site + "/old-address")
    assert raw.source_uri == site + "/old-address" and raw.final_url == site + "/utf8.html"


@pytest.mark.parametrize(
    ("page", "check", "words"),
    [
        ("/missing.html", "http_status", "404"),
        ("/forbidden.html", "http_status", "403"),
        ("/logo.png", "supported_format", "image/png"),
        ("/loop", "redirects", "loop"),
        ("/broken-gzip.html", "valid_response", "DecodingError"),
    ],
)
def test_permanent_failures_are_not_retryable(site, page, check, words):
    with pytest.raises(InputError) as caught:
        fetch_url(site + page)
    assert not isinstance(caught.value, TransientFetchError)
    assert caught.value.check == check and words in caught.value.reason and caught.value.stage == "fetch"


@pytest.mark.parametrize("page", ["/busy.html", "/slow.html"])
def test_transient_failures_are_retryable(site, page):
    with pytest.raises(TransientFetchError) as caught:
        fetch_url(site + page, timeout=0.3)
    assert "retry" in caught.value.reason


def test_connection_refused_is_retryable():
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(TransientFetchError):
        fetch_url(f"http://127.0.0.1:{port}/x.html", timeout=2)


def test_server_error_recovers_on_retry(site):
    """What the Prefect task does: retry on TransientFetchError only, with backoff."""
    attempts = 0
    for delay in (0.01, 0.02, 0.04):
        attempts += 1
        try:
            raw = fetch_url(site + "/flaky.html")
            break
        except TransientFetchError:
            time.sleep(delay)
    assert attempts == 2 and read_document(raw).title == BUILD.TITLE


def test_generic_content_type_falls_back_to_the_url_suffix(site):
    raw = fetch_url(site + "/attachment/report.txt")
    assert raw.media_type == "txt" and raw.declared_charset is None
    assert read_document(raw).body_text == BUILD.expected_body()


@pytest.mark.parametrize(("page", "media_type"), [("/download.jsp?id=7", "txt"), ("/download.jsp?id=8", "pdf")])
def test_download_servlets_are_typed_by_file_name_or_content(site, page, media_type):
    assert fetch_url(site + page).media_type == media_type


def test_load_raw_of_a_url_keeps_the_hints(site):
    raw = load_raw(
        Source(
            site + "/utf8.html",
            is_url=True,
            hints={"region_hint": "汾西县", "year_hint": "2023"},
        )
    )
    doc = read_document(raw)
    assert raw.hints == {"region_hint": "汾西县", "year_hint": "2023"}
    assert (doc.region_hint, doc.report_year, doc.warnings) == ("汾西县", 2023, ())


def test_a_hint_that_disagrees_with_the_document_is_warned_about(site):
    doc = read_document(load_raw(Source(site + "/utf8.html", is_url=True, hints={"year_hint": "2022"})))
    assert doc.report_year == 2022 and any("year_hint 2022" in w for w in doc.warnings)


def test_invalid_url_is_permanent():
    with pytest.raises(InputError) as caught:
        fetch_url("http://")
    assert not isinstance(caught.value, TransientFetchError)


def test_read_source_list(tmp_path):
    listing = tmp_path / "sources.csv"
    listing.write_text(
        "url,region_hint,year_hint\n# a comment row\n\nhttps://a.gov.cn/r.html,方山县,2021\n",
        encoding="utf-8",
    )
    assert read_source_list(listing) == [
        Source(
            "https://a.gov.cn/r.html",
            True,
            {"region_hint": "方山县", "year_hint": "2021"},
        )
    ]


def test_the_committed_source_list_parses():
    assert read_source_list(Path(__file__).parents[2] / "seeds" / "sources.csv") == []


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("link,region\nhttps://a.gov.cn,x\n", "header"),
        ("url,region_hint,year_hint\nftp://a.gov.cn/r.html,,\n", "row 2"),
        ("url,region_hint,year_hint\nhttps://a.gov.cn/r.html,,21\n", "4-digit"),
        ("", "header"),
    ],
)
def test_malformed_source_lists_fail_loudly(tmp_path, content, words):
    listing = tmp_path / "sources.csv"
    listing.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_source_list(listing)
    assert words in caught.value.reason
