"""The same report in every format and encoding reads to the same body text and metadata."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from readkit import FIXTURES, load_builder, raw_of

from fazhi.discover import load_raw
from fazhi.model import Source
from fazhi.read import read_document

BUILD = load_builder()
TEXT_VARIANTS = sorted(BUILD.TEXT_VARIANTS)
BINARY_VARIANTS = ["report.docx", "report.pdf"]
METADATA_CASES = list(csv.DictReader((Path(__file__).parent / "cases" / "metadata.csv").open(encoding="utf-8")))
FIELDS = (
    "title",
    "publisher",
    "published_date",
    "signed_date",
    "report_year",
    "region_hint",
)


def _path(name: str, binary_variants: dict[str, Path]) -> Path:
    return binary_variants[name] if name in binary_variants else FIXTURES / name


@pytest.mark.parametrize("name", TEXT_VARIANTS)
def test_committed_fixture_matches_builder(name):
    assert (FIXTURES / name).read_bytes() == BUILD.TEXT_VARIANTS[name](), "rerun tests/fixtures/documents/build.py"


@pytest.mark.parametrize("name", TEXT_VARIANTS + BINARY_VARIANTS)
def test_every_variant_reads_to_the_same_body(name, binary_variants, build):
    doc = read_document(load_raw(Source(str(_path(name, binary_variants)))))
    assert doc.body_text == build.expected_body()


@pytest.mark.parametrize("name", TEXT_VARIANTS + BINARY_VARIANTS)
def test_body_has_no_chrome_and_clean_paragraphs(name, binary_variants):
    body = read_document(load_raw(Source(str(_path(name, binary_variants))))).body_text
    for chrome in (
        "无障碍",
        "来源",
        "发布时间",
        "ICP",
        "公网安备",
        "网站标识码",
        "版权所有",
        "打印",
        "\r",
        "\xa0",
        "\u3000",
    ):
        assert chrome not in body
    assert "\n\n" not in body and not body.startswith(("\n", " ")) and not body.endswith(("\n", " "))


def _expected(case: dict[str, str], field: str):
    value = case[field]
    if field.endswith("_date"):
        return date.fromisoformat(value) if value else None
    if field == "report_year":
        return int(value) if value else None
    return value or None


@pytest.mark.parametrize(
    ("case", "field"),
    [(case, field) for case in METADATA_CASES for field in FIELDS],
    ids=[f"{case['file'].split('/')[-1]}-{field}" for case in METADATA_CASES for field in FIELDS],
)
def test_metadata(case, field, binary_variants):
    doc = read_document(load_raw(Source(str(_path(case["file"], binary_variants)))))
    assert getattr(doc, field) == _expected(case, field)


def test_sidebar_numbers_are_flagged_and_clean_pages_are_not():
    flagged = read_document(load_raw(Source(str(FIXTURES / "report-table-layout-nometa.html"))))
    clean = read_document(load_raw(Source(str(FIXTURES / "report-trs.html"))))
    assert any("2356人次" in w for w in flagged.warnings)
    assert clean.warnings == ()


@pytest.fixture(scope="module")
def clean_text_statistics(build):
    """Statistics of the clean text version (the expected body, extracted directly)."""
    from fazhi.extract import extract_statistics

    return extract_statistics(build.expected_body(), 2023)


@pytest.mark.parametrize("name", TEXT_VARIANTS + BINARY_VARIANTS)
def test_every_variant_gives_the_statistics_of_the_clean_text(name, binary_variants, clean_text_statistics):
    from fazhi.extract import extract_statistics

    doc = read_document(load_raw(Source(str(_path(name, binary_variants)))))
    found = extract_statistics(doc.body_text, doc.report_year)
    assert len(clean_text_statistics) >= 20  # the fixture report is full of figures, tables included
    assert [(s.value, s.unit, s.raw_label) for s in found] == [(s.value, s.unit, s.raw_label) for s in clean_text_statistics]


@pytest.mark.parametrize("separator", ["\r", "\f", "\u2028", "\u2029", "\r\n"])
def test_any_line_separator_splits_paragraphs(separator, build):
    text = build.plain_text().replace("\n", separator)
    doc = read_document(raw_of(text.encode("utf-8"), "txt"))
    assert doc.body_text == build.expected_body()
