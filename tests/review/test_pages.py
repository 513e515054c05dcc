"""Review pages and the validation report: every statistic highlighted, report text always escaped."""

from __future__ import annotations

import html
import re
from pathlib import Path

import duckdb
import pytest

from fazhi.review import build_review, build_validation
from fazhi.review.report import highlight
from fazhi.review.validation import load_page_name
from tests.review.conftest import BROKEN_COUNTY, HOSTILE, WARNED_COUNTY

TAG = re.compile(r"<[^>]+>")


def _fact(start: int, end: int, key: int, **fields: object) -> dict:
    base = {
        "statistic_key": key,
        "char_start": start,
        "char_end": end,
        "surface": "",
        "value": 1.0,
        "value_max": None,
        "unit": "件",
        "kind": "count",
        "is_approximate": False,
        "is_target": False,
        "is_partial_period": False,
        "unit_inferred": False,
        "breakdown_status": None,
        "parent_statistic_key": None,
        "raw_label": "",
        "section_path": "",
        "period_year": 2022,
        "metric_code": "m",
        "metric_name_zh": "指标",
    }
    return {**base, **fields}


@pytest.mark.parametrize(
    ("text", "spans", "marked"),
    [
        ("收到申请42件,其中维持18件。", [(4, 7), (12, 15)], ["42件", "18件"]),
        (HOSTILE + "共12件", [(len(HOSTILE) + 1, len(HOSTILE) + 4)], ["12件"]),
        ("a<b>&\"'c 5件", [(9, 11)], ["5件"]),
        ("重叠12件", [(2, 5), (3, 5)], ["12件"]),  # an overlapping span is listed in the table, not marked twice
        ("范围外5件", [(3, 5), (4, 99)], ["5件"]),  # a span past the end is never marked
        ("没有统计", [], []),
    ],
    ids=["plain", "hostile", "entities", "overlap", "out-of-range", "none"],
)
def test_highlight_keeps_the_text_and_marks_each_span(text: str, spans: list[tuple[int, int]], marked: list[str]) -> None:
    facts = [_fact(s, e, i, surface=text[s:e], raw_label='"><script>x</script>') for i, (s, e) in enumerate(spans)]
    out = highlight(text, facts)
    assert "<script" not in out and "<img" not in out
    assert html.unescape(TAG.sub("", out)) == text, "the page shows exactly the body text"
    assert [html.unescape(m) for m in re.findall(r"<mark [^>]*>(.*?)</mark>", out)] == marked


def test_every_published_statistic_is_on_its_page(review_warehouse: Path) -> None:
    build_review(review_warehouse)
    with duckdb.connect(str(review_warehouse), read_only=True) as con:
        reports = con.sql(
            "SELECT report_key, (SELECT count(*) FROM fact_statistic f WHERE f.report_key = r.report_key)"
            " FROM dim_report r WHERE is_current"
        ).fetchall()
    for key, count in reports:
        page = (review_warehouse.parent / "review" / f"report-{key}.html").read_text(encoding="utf-8")
        assert len(re.findall(r'<mark class="stat[^"]*" id="s', page)) == count
    index = (review_warehouse.parent / "review" / "index.html").read_text(encoding="utf-8")
    assert index.count("report-") == len(reports)


def test_review_pages_never_contain_report_markup(review_warehouse: Path) -> None:
    pages = build_review(review_warehouse)
    text = "".join(p.read_text(encoding="utf-8") for p in pages)
    assert "<script" not in text and "<img" not in text and "<b>x</b>" not in text
    assert html.escape(HOSTILE, quote=True) in text


def test_breakdown_parts_are_visible(review_warehouse: Path) -> None:
    pages = [p.read_text(encoding="utf-8") for p in build_review(review_warehouse)[1:]]
    hostile = next(p for p in pages if "PWNED" in p)
    assert re.search(r'<mark class="stat part[^"]*" id="s', hostile)
    assert "part of:" in hostile and "↳" in hostile
    assert "approximate" in hostile


def test_validation_report_names_blocking_and_warning_checks(review_warehouse: Path) -> None:
    written = build_validation(review_warehouse)
    with duckdb.connect(str(review_warehouse), read_only=True) as con:
        (latest,) = con.sql("SELECT load_id FROM load_audit ORDER BY started_at DESC LIMIT 1").fetchall()
        findings = con.sql("SELECT check_name, severity FROM gate_result WHERE load_id = $l", params={"l": latest[0]}).fetchall()
    page = (review_warehouse.parent / "validation" / load_page_name(latest[0])).read_text(encoding="utf-8")
    assert len(written) == 3  # index + two loads
    assert ("grounding_invariant", "blocking") in findings
    for check, severity in findings:
        assert check in page and f'class="flag {severity}"' in page
    assert page.index(BROKEN_COUNTY) < page.index(WARNED_COUNTY), "blocked inputs come first"
    assert "quarantined" in page and "<script" not in page
    assert "grounded_ok" in page, "failing rows are shown with their keys and values"


def test_pages_of_superseded_versions_are_removed(tmp_path: Path) -> None:
    from tests.marts.builder import Fig, build_report, load

    warehouse = tmp_path / "fazhi.duckdb"
    load(warehouse, build_report("平遥县", 2022, [Fig("办理法律援助案件", 100)], uri="a.txt"))
    first = build_review(warehouse)
    load(warehouse, build_report("平遥县", 2022, [Fig("办理法律援助案件", 120)], uri="a.txt"))
    second = build_review(warehouse)
    assert sorted(p.name for p in (tmp_path / "review").glob("report-*.html")) == [second[1].name]
    assert first[1].name != second[1].name
    assert len(build_validation(warehouse, loads=1)) == 2
    assert len(list((tmp_path / "validation").glob("load-*.html"))) == 1


def test_a_load_that_could_not_publish_is_shown_with_its_reason(tmp_path: Path) -> None:
    from datetime import datetime

    from fazhi import pipeline
    from fazhi.config import Settings
    from fazhi.ledger import Ledger

    warehouse = tmp_path / "fazhi.duckdb"
    message = pipeline.record_failure(
        Settings(warehouse=warehouse), Ledger(), pipeline.new_load_id(), datetime.now(), RuntimeError('disk <full> & "gone"')
    )
    index, page = build_validation(warehouse)
    text = page.read_text(encoding="utf-8")
    assert "failed" in index.read_text(encoding="utf-8")
    assert 'class="flag blocking"' in text and "(load)" in text
    assert html.escape(message, quote=True) in text and "<full>" not in text


def test_unresolved_region_is_explained_on_the_page(tmp_path: Path) -> None:
    from tests.marts.builder import Fig, build_report, load

    warehouse = tmp_path / "fazhi.duckdb"
    load(warehouse, build_report("某某县", 2022, [Fig("办理法律援助案件", 100)]))
    with duckdb.connect(str(warehouse), read_only=True) as con:
        ((reason,),) = con.sql("SELECT region_unresolved_reason FROM dim_report").fetchall()
    page = build_review(warehouse)[1].read_text(encoding="utf-8")
    assert reason and html.escape(reason, quote=True) in page
    assert "region not resolved" in page


def test_pages_need_a_warehouse(tmp_path: Path) -> None:
    from fazhi.model import FazhiError

    with pytest.raises(FazhiError, match="no warehouse"):
        build_review(tmp_path / "missing.duckdb")
