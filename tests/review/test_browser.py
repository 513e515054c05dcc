"""The pages in headless Chromium: highlights render, no report text ever runs as script,
and screenshots land in the test's tmp folder (printed with -s)."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from fazhi.review import build_review, build_validation
from tests.review.conftest import run_chromium


def _hostile_page(warehouse: Path) -> tuple[Path, int]:
    pages = build_review(warehouse)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        counts = dict(con.sql("SELECT report_key, count(*) FROM fact_statistic GROUP BY report_key").fetchall())
    page = next(p for p in pages[1:] if "PWNED" in p.read_text(encoding="utf-8"))
    key = int(page.stem.removeprefix("report-"))
    return page, counts[key]


@pytest.mark.slow
def test_review_page_renders_highlights_and_runs_no_report_script(chromium: str, review_warehouse: Path, tmp_path: Path) -> None:
    page, statistics = _hostile_page(review_warehouse)
    dom = run_chromium(chromium, tmp_path, page, "--dump-dom")
    assert len(re.findall(r'<mark class="stat[^"]*" id="s', dom)) == statistics
    assert "data-tip=" in dom and "part of:" in dom
    assert "<script" not in dom, "no script element exists in the rendered page"
    assert "data-pwned" not in dom, "no event handler from the report ran"
    assert not re.search(r"<title>\s*PWNED", dom), "no script from the report ran"
    assert "&lt;script&gt;document.title='PWNED'&lt;/script&gt;" in dom, "the report's markup shows as text"
    shot = tmp_path / "review.png"
    run_chromium(chromium, tmp_path, page, f"--screenshot={shot}", "--window-size=1280,1600")
    assert shot.stat().st_size > 10_000
    print(f"review page screenshot: {shot}")


@pytest.mark.slow
def test_validation_report_renders_offline(chromium: str, review_warehouse: Path, tmp_path: Path) -> None:
    pages = build_validation(review_warehouse)
    newest = pages[1]
    dom = run_chromium(chromium, tmp_path, newest, "--dump-dom")
    assert 'class="flag blocking"' in dom and 'class="flag warning"' in dom
    assert "grounding_invariant" in dom and "grounded_ok" in dom
    assert not re.search(r'(src|href)="https?://', dom), "no remote assets: the report works offline"
    index_dom = run_chromium(chromium, tmp_path, pages[0], "--dump-dom")
    assert index_dom.count('href="load-') == len(pages) - 1
    shot = tmp_path / "validation.png"
    run_chromium(chromium, tmp_path, newest, f"--screenshot={shot}", "--window-size=1280,1600")
    assert shot.stat().st_size > 10_000
    print(f"validation report screenshot: {shot}")
