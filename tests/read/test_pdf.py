"""PDF: wrapped lines joined, page numbers and running headers/footers dropped even mid-paragraph."""

from __future__ import annotations

import re

import pdfplumber
import pytest

from fazhi.discover import load_raw
from fazhi.model import Source
from fazhi.read import read_document
from fazhi.read.pdf import _join, _Line


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


@pytest.mark.parametrize(
    "style",
    [
        pytest.param({"footer": "第{page}页", "header": "汾政发〔2024〕5号"}, id="page-x-footer-and-file-number-header"),
        pytest.param(
            {"footer": "{page}", "header": "汾西县2023年度法治政府建设情况报告 {page}"}, id="bare-number-and-numbered-header"
        ),
        pytest.param({"flush_headings": True}, id="headings-at-the-margin"),
        pytest.param({"bottom": 400}, id="three-pages"),
    ],
)
def test_other_page_styles_read_to_the_same_body(style, tmp_path, build):
    path = build.write_pdf(tmp_path / "styled.pdf", **style)
    assert len(_page_texts(path)) >= 2
    assert read_document(load_raw(Source(str(path)))).body_text == build.expected_body()


def _line(text: str, x0: float, x1: float) -> _Line:
    return _Line(text, x0, x1, 10.0)


# Margins 0..200, font 10: a line reaching x1=200 is full, one starting at x0=20 is indented.
OPEN = _line("全县共办理行政复议案件二十八件，审结二十三件，其中维持十五件、", 20, 200)


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        pytest.param(
            [OPEN, _line("撤销三件、终止五件，办理质量不断提高，群众满意度明显提升，", 0, 200), _line("取得良好效果。", 0, 70)],
            [OPEN.text + "撤销三件、终止五件，办理质量不断提高，群众满意度明显提升，取得良好效果。"],
            id="wrapped-lines-join",
        ),
        pytest.param(
            [OPEN, _line("撤销三件。", 0, 50), _line("另有行政诉讼案件十一件，均已审结。", 0, 170)],
            [OPEN.text + "撤销三件。", "另有行政诉讼案件十一件，均已审结。"],
            id="short-line-ends-paragraph",
        ),
        pytest.param(
            [OPEN, _line("撤销三件、终止五件，办理质量不断提高，群众满意度明显提升。", 0, 200), _line("二、存在的不足", 0, 70)],
            [OPEN.text + "撤销三件、终止五件，办理质量不断提高，群众满意度明显提升。", "二、存在的不足"],
            id="heading-after-a-full-last-line",
        ),
        pytest.param(
            [OPEN, _line("撤销三件、终止五件，办理质量不断提高，另有诉讼案件约有", 0, 200), _line("二、三件尚未审结。", 0, 90)],
            [OPEN.text + "撤销三件、终止五件，办理质量不断提高，另有诉讼案件约有二、三件尚未审结。"],
            id="marker-like-text-mid-sentence-joins",
        ),
        pytest.param(
            [
                OPEN,
                _line("撤销三件、终止五件，办理质量不断提高，群众满意度明显提升", 0, 200),
                _line("另有诉讼案件十一件。", 20, 120),
            ],
            [OPEN.text + "撤销三件、终止五件，办理质量不断提高，群众满意度明显提升", "另有诉讼案件十一件。"],
            id="indent-starts-paragraph",
        ),
    ],
)
def test_join(lines, expected):
    assert _join(lines) == expected
