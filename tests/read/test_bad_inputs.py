"""Bad inputs end as one InputError each, with a reason naming what to do — never a traceback."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from readkit import FIXTURES, raw_of

from fazhi.discover import MAX_FILE_BYTES, discover, load_raw
from fazhi.model import InputError
from fazhi.read import read_document

NEWS = (
    "<html><head><meta charset=utf-8><title>县长调研春耕生产</title></head><body><div class=TRS_Editor>"
    "<p>3月15日，县长一行深入乡镇调研春耕备耕工作，实地查看农资储备、农机检修和种子供应情况，"
    "要求各乡镇抓好田间管理，确保全年粮食播种面积稳定在12万亩以上，为农业丰收打下坚实基础。</p></div></body></html>"
)


def _scanned_pdf(path: Path) -> None:
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path))
    pdf.rect(100, 100, 300, 500, fill=1)  # an image-like page: marks, no characters
    pdf.showPage()
    pdf.save()


def _make(kind: str, folder: Path, variants: dict[str, Path]) -> Path:
    """One bad input of the given kind, written into folder."""
    docx, pdf = (
        variants["report.docx"].read_bytes(),
        variants["report.pdf"].read_bytes(),
    )
    writers = {
        "empty.txt": lambda p: p.write_bytes(b""),
        "whitespace.txt": lambda p: p.write_bytes(" \n\t\r\n\u3000\u3000\n".encode()),
        "binary.txt": lambda p: p.write_bytes(random.Random(7).randbytes(5000)),
        "fake.docx": lambda p: p.write_text("这不是Word文件，只是改了扩展名的文本。"),
        "truncated.docx": lambda p: p.write_bytes(docx[: len(docx) // 2]),
        "fake.pdf": lambda p: p.write_bytes(b"<html>404 Not Found</html>"),
        "truncated.pdf": lambda p: p.write_bytes(pdf[: len(pdf) // 3]),
        "scanned.pdf": _scanned_pdf,
        "huge.txt": lambda p: p.open("wb").truncate(MAX_FILE_BYTES + 1),  # sparse: costs no disk
        "report.doc": lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0 old Word"),
        "news.html": lambda p: p.write_text(NEWS),
    }
    path = folder / kind
    writers[kind](path)
    return path


CASES = [
    ("empty.txt", "not_empty", "empty"),
    ("whitespace.txt", "not_empty", "whitespace"),
    ("binary.txt", "decodable_text", "binary"),
    ("fake.docx", "valid_docx", "Word"),
    ("truncated.docx", "valid_docx", "truncated"),
    ("fake.pdf", "valid_pdf", "PDF"),
    ("truncated.pdf", "valid_pdf", "truncated"),
    ("scanned.pdf", "text_layer", "OCR"),
    ("huge.txt", "size_limit", "limit"),
    ("report.doc", "supported_format", ".docx"),
    ("news.html", "is_report", "法治"),
]


def _run(path: str) -> list[InputError]:
    """discover → load_raw → read_document for one path; the InputErrors it produced."""
    sources, errors = discover([path])
    for source in sources:
        try:
            read_document(load_raw(source))
        except InputError as exc:
            errors.append(exc)
    return errors


@pytest.mark.parametrize(("kind", "check", "words"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_gives_one_clear_error(kind, check, words, tmp_path, binary_variants):
    path = _make(kind, tmp_path, binary_variants)
    errors = _run(str(path))
    assert len(errors) == 1
    error = errors[0]
    assert (error.check, error.source_uri) == (check, str(path))
    assert words in error.reason and str(path) in str(error)


def test_symlink_is_refused(tmp_path, build):
    target = tmp_path / "report.txt"
    target.write_bytes(build.plain_text().encode())
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    errors = _run(str(link))
    assert [e.check for e in errors] == ["not_symlink"] and "target path" in errors[0].reason


def test_a_folder_of_bad_inputs_quarantines_each_and_reads_the_good_one(tmp_path, binary_variants, build):
    for kind, _, _ in CASES:
        _make(kind, tmp_path, binary_variants)
    (tmp_path / "good.txt").write_bytes(build.plain_text().encode("gbk"))
    sources, errors = discover([str(tmp_path)])
    read = []
    for source in sources:
        try:
            read.append(read_document(load_raw(source)))
        except InputError as exc:
            errors.append(exc)
    assert [d.source_uri for d in read] == [str(tmp_path / "good.txt")]
    assert sorted(Path(e.source_uri).name for e in errors) == sorted(kind for kind, _, _ in CASES)


def test_a_page_that_only_links_its_report_names_the_attachment():
    page = (
        "<html><body><div class=TRS_Editor><h1>某县2021年度法治政府建设情况报告</h1>"
        '<p>附件：<a href="/files/report.docx">某县2021年度法治政府建设情况报告.docx</a></p></div></body></html>'
    ).encode()
    raw = raw_of(page, "html", uri="https://www.example.gov.cn/art/2022/3/1/art_1.html")
    with pytest.raises(InputError) as caught:
        read_document(raw)
    assert caught.value.check == "is_report"
    assert "https://www.example.gov.cn/files/report.docx" in caught.value.reason


def test_a_report_page_with_attachments_reads_and_warns(build):
    page = build.trs_page().replace(
        '</div>\n<div class="share">', '<p><a href="report.pdf">附件</a></p></div>\n<div class="share">'
    )
    doc = read_document(raw_of(page.encode(), "html", uri="https://www.example.gov.cn/a/b.html"))
    assert doc.body_text == build.expected_body()
    assert doc.warnings == ("the page links documents that were not read: https://www.example.gov.cn/a/report.pdf",)


@pytest.mark.parametrize(
    ("variant", "named", "kind"),
    [
        ("report.pdf", "html", "pdf"),
        ("report.docx", "pdf", "docx"),
        ("report-trs.html", "txt", "html"),
    ],
)
def test_content_wins_over_a_wrong_name(variant, named, kind, binary_variants, build):
    path = binary_variants.get(variant) or FIXTURES / variant
    doc = read_document(raw_of(path.read_bytes(), named))
    assert doc.body_text == build.expected_body()
    assert any(f"read as {kind}" in w for w in doc.warnings)


@pytest.mark.parametrize(
    ("data", "named", "check", "words"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "docx", "supported_format", "save it as .docx"),
        (b"<!DOCTYPE html><html><body>404 Not Found</body></html>", "pdf", "valid_pdf", "download"),
        (b"<html><body>\xe8\xaf\xb7\xe7\x99\xbb\xe5\xbd\x95</body></html>", "docx", "valid_docx", "web page"),
    ],
)
def test_wrong_content_behind_a_name_is_explained(data, named, check, words):
    with pytest.raises(InputError) as caught:
        read_document(raw_of(data, named))
    assert caught.value.check == check and words in caught.value.reason
