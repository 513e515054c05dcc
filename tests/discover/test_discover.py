"""discover: folders walked in a fixed order; links, temp files, odd types and missing paths handled."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from fazhi import discover as discover_module
from fazhi.discover import discover, load_raw
from fazhi.model import InputError, Source

REPORT = "关于某县2021年度法治政府建设情况报告\n".encode()


def _tree(root: Path, names: list[str]) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(REPORT)


def test_folder_walk_is_recursive_sorted_and_skips_hidden_and_temp_files(tmp_path):
    _tree(
        tmp_path,
        [
            "b.txt",
            "a.html",
            "sub/z.pdf",
            "sub/deeper/c.docx",
            "a2/x.shtml",
            ".hidden.txt",
            ".git/config.txt",
            "~$draft.docx",
            "notes.txt~",
            ".#lock.txt",
            "#auto#.txt",
            "edit.txt.swp",
        ],
    )
    sources, errors = discover([str(tmp_path)])
    names = [str(Path(s.uri).relative_to(tmp_path)) for s in sources]
    assert names == ["a.html", "b.txt", "a2/x.shtml", "sub/z.pdf", "sub/deeper/c.docx"]
    assert errors == []
    assert discover([str(tmp_path)])[0] == sources  # same order every time


@pytest.mark.parametrize(
    ("name", "check", "words"),
    [
        ("report.doc", "supported_format", "save it as .docx"),
        ("table.xlsx", "supported_format", "not reports"),
        ("README", "supported_format", "no extension"),
        ("image.png", "supported_format", ".pdf"),
    ],
)
def test_unsupported_files_in_a_folder_are_reported(tmp_path, name, check, words):
    _tree(tmp_path, [name, "ok.txt"])
    sources, errors = discover([str(tmp_path)])
    assert [Path(s.uri).name for s in sources] == ["ok.txt"]
    assert [(Path(e.source_uri).name, e.check) for e in errors] == [(name, check)]
    assert words in errors[0].reason


def test_empty_file_and_missing_path(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    sources, errors = discover([str(tmp_path / "empty.txt"), str(tmp_path / "missing.txt")])
    assert sources == []
    assert [(e.check, e.stage) for e in errors] == [
        ("not_empty", "discover"),
        ("exists", "discover"),
    ]
    assert "check the path" in errors[1].reason


def test_symlinks_are_refused_not_followed(tmp_path):
    _tree(tmp_path, ["real/r.txt"])
    os.symlink(tmp_path / "real" / "r.txt", tmp_path / "real" / "link.txt")
    os.symlink(tmp_path / "real", tmp_path / "loop")
    sources, errors = discover([str(tmp_path)])
    assert [Path(s.uri).name for s in sources] == ["r.txt"]
    assert sorted((Path(e.source_uri).name, e.check) for e in errors) == [
        ("link.txt", "not_symlink"),
        ("loop", "not_symlink"),
    ]


def test_duplicates_load_once_and_urls_pass_through(tmp_path):
    _tree(tmp_path, ["r.txt"])
    given = [
        str(tmp_path / "r.txt"),
        str(tmp_path),
        "https://example.gov.cn/a.html",
        "https://example.gov.cn/a.html",
    ]
    sources, errors = discover(given)
    assert sources == [
        Source(str(tmp_path / "r.txt")),
        Source("https://example.gov.cn/a.html", is_url=True),
    ]
    assert errors == []


def test_a_source_list_csv_expands_into_urls(tmp_path):
    listing = tmp_path / "sources.csv"
    listing.write_text(
        "url,region_hint,year_hint\n# comment\nhttps://a.gov.cn/1.html,方山县,2021\nhttp://b.gov.cn/2.pdf,,\n",
        encoding="utf-8",
    )
    sources, errors = discover([str(listing)])
    assert errors == []
    assert sources == [
        Source(
            "https://a.gov.cn/1.html",
            is_url=True,
            hints={"region_hint": "方山县", "year_hint": "2021"},
        ),
        Source("http://b.gov.cn/2.pdf", is_url=True),
    ]


def test_load_raw_reads_bytes_hash_and_type(tmp_path):
    _tree(tmp_path, ["r.HTM"])
    raw = load_raw(Source(str(tmp_path / "r.HTM"), hints={"year_hint": "2021"}))
    assert (raw.data, raw.media_type, raw.hints) == (
        REPORT,
        "html",
        {"year_hint": "2021"},
    )
    assert len(raw.content_sha256) == 64 and raw.final_url is None


def test_load_raw_refuses_files_over_the_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(discover_module, "MAX_FILE_BYTES", len(REPORT) - 1)
    _tree(tmp_path, ["r.txt"])
    with pytest.raises(InputError) as caught:
        load_raw(Source(str(tmp_path / "r.txt")))
    assert caught.value.check == "size_limit" and "limit" in caught.value.reason


def test_load_raw_of_a_file_that_vanished(tmp_path):
    with pytest.raises(InputError) as caught:
        load_raw(Source(str(tmp_path / "gone.txt")))
    assert caught.value.check == "readable"


def test_an_empty_folder_is_reported(tmp_path):
    (tmp_path / "empty").mkdir()
    _tree(tmp_path / "hidden-only", [".DS_Store"])
    sources, errors = discover([str(tmp_path / "empty"), str(tmp_path / "hidden-only")])
    assert sources == [] and [e.check for e in errors] == ["has_reports", "has_reports"]


def test_an_unreadable_subfolder_is_reported(tmp_path, monkeypatch):
    _tree(tmp_path, ["ok.txt", "locked/r.txt"])
    real_scandir = os.scandir

    def scandir(path):  # chmod 000 does not stop root, so refuse the folder the way the OS would
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    sources, errors = discover([str(tmp_path)])
    assert [Path(s.uri).name for s in sources] == ["ok.txt"]
    assert [(Path(e.source_uri).name, e.check) for e in errors] == [("locked", "readable")]
    assert "Permission denied" in errors[0].reason
