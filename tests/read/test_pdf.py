"""PDF: wrapped lines joined, page numbers and running headers/footers dropped even mid-paragraph."""

from __future__ import annotations

import re

import pdfplumber

from fazhi.discover import load_raw
from fazhi.model import Source
from fazhi.read import read_document


def _page_texts(path) -> list[list[str]]:
    with pdfplumber.open(path) as pdf:
        return [[line["text"] for line in page.extract_text_lines()] for page in pdf.pages]


def test_fixture_has_pages_running_header_and_page_numbers(binary_variants):
    pages = _page_texts(binary_variants["report.pdf"])
    assert len(pages) >= 2
    assert all(page[0] == "汾西县人民政府办公室" and re.fullmatch(r"- \d+ -", page[-1]) for page in pages)


def test_paragraph_crossing_a_page_is_joined_without_header_or_footer(binary_variants):
    pages = _page_texts(binary_variants["report.pdf"])
    last_of_first, first_of_second = (
        pages[0][-2],
        pages[1][1],
    )  # around the footer and header
    body = read_document(load_raw(Source(str(binary_variants["report.pdf"])))).body_text
    assert last_of_first + first_of_second in body
    assert "汾西县人民政府办公室" not in body and not re.search(r"- \d+ -", body)


def test_wrapped_lines_are_joined_into_paragraphs(binary_variants, build):
    pages = _page_texts(binary_variants["report.pdf"])
    pdf_lines = sum(len(page) for page in pages)
    body = read_document(load_raw(Source(str(binary_variants["report.pdf"])))).body_text
    assert body.count("\n") + 1 == len(build.body_lines()) < pdf_lines
