"""Security: hostile text stored verbatim (never executed or spliced), hostile names stored verbatim as
source_uri, no SQL assembled from values in the code, read-only BI access, fetches only from the
sources given, no secrets in the CLI's output (issue 9)."""

from __future__ import annotations

import ast
import random
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import duckdb
import pytest

from tests.conftest import PROJECT_ROOT
from tests.reliability import harness
from tests.reliability.conftest import BadLoad
from tests.reliability.corpus import HOSTILE_CONTROLS, HOSTILE_HTML, HOSTILE_SQL, counties, report_text

HOSTILE_TEXT = {
    "good-sql-text.txt": HOSTILE_SQL,
    "good-html-in-text.txt": HOSTILE_HTML,
    "good-controls-in-text.txt": HOSTILE_CONTROLS,
}
HOSTILE_NAMES = [
    "x'; DROP TABLE fact_statistic;--.txt",
    "good'quote\"s.txt",
    "good;semi;colon.txt",
    "good with spaces.txt",
    "报告 中文名称.txt",
    "new\nline.txt",
]


@pytest.mark.slow
@pytest.mark.parametrize(("name", "text"), HOSTILE_TEXT.items(), ids=list(HOSTILE_TEXT))
def test_hostile_text_is_stored_verbatim(name: str, text: str, bad_load: BadLoad) -> None:
    """SQL, HTML/JS and control characters in a report reach body_text and the fact's sentence unchanged."""
    rows = harness.query(
        bad_load.warehouse, "SELECT report_key, body_text FROM dim_report WHERE source_uri = ?", [bad_load.uri(name)]
    )
    assert len(rows) == 1
    key, body = rows[0]
    assert text in body
    sentences = [
        s for (s,) in harness.query(bad_load.warehouse, "SELECT sentence FROM fact_statistic WHERE report_key = ?", [key])
    ]
    assert any(text in s for s in sentences), "the statistic after the hostile text lost it from its sentence"


@pytest.mark.slow
@pytest.mark.parametrize("name", HOSTILE_NAMES, ids=[n.replace("\n", "\\n") for n in HOSTILE_NAMES])
def test_hostile_file_name_is_stored_verbatim(name: str, bad_load: BadLoad) -> None:
    """A file name with quotes, semicolons or SQL is stored as source_uri byte for byte (bound, not spliced)."""
    uris = [
        u
        for (u,) in harness.query(
            bad_load.warehouse, "SELECT source_uri FROM dim_report WHERE source_uri = ?", [bad_load.uri(name)]
        )
    ]
    assert uris == [bad_load.uri(name)]
    tables = {t for (t,) in harness.query(bad_load.warehouse, "SELECT table_name FROM duckdb_tables()")}
    assert {"fact_statistic", "dim_report", "quarantine", "load_document"} <= tables


# --- no SQL built from values in the code -------------------------------------------------------

_SQL_WORDS = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|COPY|ATTACH|PRAGMA|ALTER|FROM|WHERE|INTO|SET|VALUES)\b")
# Interpolations allowed inside SQL text: the identifier-quoting helper, and names bound to constants.
QUOTING_HELPERS = {"quote_identifier"}
CONSTANT_NAMES = {("fazhi/export.py", "options")}  # COPY options taken from the FORMATS constant


def spliced_sql(source: str, path: str) -> list[str]:
    """Places in Python source where SQL text is built with f-strings, % or + or .format from values."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.JoinedStr):
            text = "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
            if not _SQL_WORDS.search(text):
                continue
            for part in node.values:
                if not isinstance(part, ast.FormattedValue):
                    continue
                value = part.value
                helper = isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id in QUOTING_HELPERS
                constant = isinstance(value, ast.Name) and (path, value.id) in CONSTANT_NAMES
                if not (helper or constant):
                    found.append(f"{path}:{node.lineno}: f-string SQL interpolates {ast.unparse(value)}")
        elif isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
            for side in (node.left, node.right):
                if isinstance(side, ast.Constant) and isinstance(side.value, str) and _SQL_WORDS.search(side.value):
                    found.append(f"{path}:{node.lineno}: SQL text joined with {type(node.op).__name__}")
                    break
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
            target = node.func.value
            if isinstance(target, ast.Constant) and isinstance(target.value, str) and _SQL_WORDS.search(target.value):
                found.append(f"{path}:{node.lineno}: SQL text filled with .format()")
    return found


SPLICE_CASES = [
    ("con.execute(f\"SELECT * FROM dim_report WHERE source_uri = '{uri}'\")", True),
    ('con.sql("DELETE FROM quarantine WHERE load_id = \'" + load_id + "\'")', True),
    ('con.execute("SELECT * FROM t WHERE a = %s" % value)', True),
    ('con.execute("INSERT INTO t VALUES ({})".format(value))', True),
    ("q = f\"UPDATE dim_report SET title = '{title}'\"", True),
    ('con.execute("SELECT * FROM dim_report WHERE source_uri = ?", [uri])', False),
    ('con.execute(f"SELECT * FROM {quote_identifier(name)}")', False),
    ('print(f"loaded {n} reports from {folder}")', False),
]


@pytest.mark.parametrize(("snippet", "spliced"), SPLICE_CASES, ids=[f"case{i}" for i in range(len(SPLICE_CASES))])
def test_splice_scanner_tells_spliced_from_bound(snippet: str, spliced: bool) -> None:
    """The scanner below flags values spliced into SQL and lets bound parameters and quoted identifiers pass."""
    assert bool(spliced_sql(snippet, "example.py")) is spliced


@pytest.mark.parametrize("package", ["fazhi", "flows"])
def test_no_sql_is_built_from_values(package: str) -> None:
    """Every SQL statement in the code takes values as parameters; identifiers go through the quoting helper."""
    found = []
    for path in sorted((PROJECT_ROOT / package).rglob("*.py")):
        found += spliced_sql(path.read_text(encoding="utf-8"), str(path.relative_to(PROJECT_ROOT)))
    assert found == []


# --- read-only BI access --------------------------------------------------------------------------

WRITES = [
    "DELETE FROM fact_statistic",
    "DROP TABLE dim_report",
    "INSERT INTO quarantine (load_id, source_uri, stage, check_name, reason) VALUES ('x', 'x', 'x', 'x', 'x')",
    "CREATE TABLE evil AS SELECT 1",
]


@pytest.mark.slow
@pytest.mark.parametrize("statement", WRITES, ids=[w.split()[0].lower() for w in WRITES])
def test_read_only_connection_rejects_writes(statement: str, bad_load: BadLoad) -> None:
    """A read-only connection (what BI tools and `fazhi sql` use) cannot change the warehouse."""
    before = harness.checksums(bad_load.warehouse)
    con = duckdb.connect(str(bad_load.warehouse), read_only=True)
    try:
        with pytest.raises(duckdb.Error):
            con.execute(statement)
    finally:
        con.close()
    assert harness.checksums(bad_load.warehouse) == before


@pytest.mark.slow
@pytest.mark.parametrize("statement", WRITES[:2], ids=["delete", "drop"])
def test_fazhi_sql_command_is_read_only(statement: str, bad_load: BadLoad, local_env: dict[str, str]) -> None:
    """`fazhi sql` refuses writes with a one-line message (exit 2), the warehouse unchanged."""
    before = harness.checksums(bad_load.warehouse)
    outcome = harness.run([*harness.CLI, "sql", statement, "--warehouse", str(bad_load.warehouse)], local_env, timeout=120)
    assert outcome.returncode == 2, outcome.stdout + outcome.stderr
    assert harness.TRACEBACK not in outcome.stdout + outcome.stderr
    assert harness.checksums(bad_load.warehouse) == before


# --- fetches only what was given; no secrets in the output ----------------------------------------

TOKEN = "S3CRET-TOKEN-91c7"
PASSWORD = "PASSW0RD-e5d2"
LINKED = ("/other-report.html", "/img.png", "/app.js", "/style.css", "/frame.html", "/from-local-file.html")


class _Site(BaseHTTPRequestHandler):
    """A government site: a report page full of links and embeds, a page that is not a report."""

    pages: ClassVar[dict[str, str]] = {}
    requested: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.requested.append(self.path)
        body = self.pages.get(self.path.split("?")[0], "<html><body>404</body></html>").encode("utf-8")
        self.send_response(200 if self.path.split("?")[0] in self.pages else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        """Quiet: the test reads `requested`."""


def _page_with_links(text: str, attachment: bool = False) -> str:
    embeds = (
        '<link rel="stylesheet" href="/style.css"><script src="/app.js"></script>'
        '<img src="/img.png"><iframe src="/frame.html"></iframe><a href="/other-report.html">下一篇</a>'
        + ('<a href="/attachment.docx">附件</a>' if attachment else "")
    )
    return (
        f"<html><head>{embeds}</head><body><div id='zoom'><p>"
        + text.replace("\n\n", "</p><p>")
        + "</p></div>"
        + embeds
        + "</body></html>"
    )


@dataclass(frozen=True)
class Fetched:
    """One `fazhi run` over two URLs (with secrets in them) and a saved page linking to the same site."""

    outcome: harness.Outcome
    requested: list[str]
    warehouse: Path


@pytest.fixture(scope="module")
def fetched(prefect_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Fetched]:
    """Serve a report page full of links/embeds and a notice page with an attachment link; load both and a local page."""
    rng = random.Random(7)
    handler = type("Site", (_Site,), {"requested": [], "pages": {}})
    handler.pages["/report.html"] = _page_with_links(report_text(rng.choice(counties()), 2022, rng))
    handler.pages["/notice.html"] = _page_with_links("关于开展春季植树活动的通知\n\n请各单位按时参加。", attachment=True)
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host = f"127.0.0.1:{server.server_address[1]}"
    folder = tmp_path_factory.mktemp("fetch")
    local = folder / "saved-page.html"
    page = _page_with_links(report_text(counties()[3], 2022, random.Random(3))).replace(
        "/other-report.html", f"http://{host}/from-local-file.html"
    )
    local.write_text(page, encoding="utf-8")
    given = [f"http://reader:{PASSWORD}@{host}/report.html?token={TOKEN}", f"http://{host}/notice.html?access_token={TOKEN}"]
    env = {**prefect_env, "NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1,localhost"}
    try:
        outcome = harness.cli_run([*given, str(local)], folder / "fazhi.duckdb", env)
        yield Fetched(outcome, list(handler.requested), folder / "fazhi.duckdb")
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.slow
def test_fetches_only_given_urls(fetched: Fetched) -> None:
    """Only the URLs given are requested: no links, embeds or attachments followed, nothing for local files."""
    assert fetched.outcome.returncode == 3, fetched.outcome.stderr[-2000:]  # the notice page is quarantined
    paths = {p.split("?")[0] for p in fetched.requested}
    assert paths == {"/report.html", "/notice.html"}, fetched.requested
    assert not set(LINKED) & paths
    published = harness.query(fetched.warehouse, "SELECT count(*) FROM dim_report")
    assert published == [(2,)]  # the fetched report and the saved page


@pytest.mark.slow
def test_no_secrets_in_cli_output(fetched: Fetched) -> None:
    """A token in the query string or a password in the URL never appears in what the CLI prints."""
    printed = fetched.outcome.stdout + fetched.outcome.stderr
    assert TOKEN not in printed, "a query-string token from a source URL was printed"
    assert PASSWORD not in printed, "a password from a source URL was printed"
