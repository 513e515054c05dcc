"""Decoding: BOMs, declared charsets that lie, detection, and binary data refused."""

from __future__ import annotations

import random

import pytest

from fazhi.model import InputError
from fazhi.read.decoding import decode_bytes, normalize_charset, sniff_meta_charset

TEXT = "2023年全县办理行政复议案件28件，法治政府建设取得新进展。"
RARE = "䶮𠀀€"  # outside GBK: only GB18030 (or Unicode) holds them


@pytest.mark.parametrize(
    ("data", "declared", "codec"),
    [
        pytest.param(TEXT.encode("utf-8"), None, "utf-8", id="utf8-undeclared"),
        pytest.param(b"\xef\xbb\xbf" + TEXT.encode("utf-8"), None, "utf-8", id="utf8-bom"),
        pytest.param(TEXT.encode("utf-16"), None, "utf-16-le", id="utf16-bom"),
        pytest.param(b"\xfe\xff" + TEXT.encode("utf-16-be"), None, "utf-16-be", id="utf16be-bom"),
        pytest.param(TEXT.encode("gbk"), "gb2312", "gb18030", id="gbk-declared-gb2312"),
        pytest.param(TEXT.encode("gbk"), "GBK", "gb18030", id="gbk-declared-gbk"),
        pytest.param(TEXT.encode("gbk"), "utf-8", "gb18030", id="gbk-lying-utf8-declaration"),
        pytest.param(TEXT.encode("utf-8"), "gb2312", "utf-8", id="utf8-lying-gb2312-declaration"),
        pytest.param(TEXT.encode("gbk"), None, "gb18030", id="gbk-undeclared-detected"),
        pytest.param(TEXT.encode("gbk"), "ISO-8859-1", "gb18030", id="gbk-behind-a-server-default-latin1"),
        pytest.param((TEXT + RARE).encode("gb18030"), "gb2312", "gb18030", id="gb18030-four-byte"),
        pytest.param(
            (TEXT * 3 + RARE).encode("gb18030"),
            None,
            "gb18030",
            id="gb18030-undeclared",
        ),
    ],
)
def test_decodes_to_the_text(data, declared, codec):
    text, used = decode_bytes(data, "x", declared)
    assert text.startswith(TEXT) and used == codec
    if RARE.encode("gb18030") in data:
        assert text.endswith(RARE)


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(random.Random(4).randbytes(3000), id="random-bytes"),
        pytest.param(b"PK\x03\x04" + bytes(range(256)) * 4, id="zip-like"),
        pytest.param(b"abc\x00\x00\x01def" * 50, id="nul-bytes"),
    ],
)
def test_binary_data_is_refused(data):
    with pytest.raises(InputError) as caught:
        decode_bytes(data, "bad.txt")
    assert caught.value.check == "decodable_text" and "binary" in caught.value.reason


@pytest.mark.parametrize(
    ("label", "codec"),
    [
        ("gb2312", "gb18030"),
        ("GB_2312-80", "gb18030"),
        ("x-gbk", "gb18030"),
        ("cp936", "gb18030"),
        ("GB18030", "gb18030"),
        ("UTF-8", "utf-8"),
        ("'utf8'", "utf-8"),
        ("no-such-charset", None),
        ("ISO-8859-1", None),
        ("windows-1252", None),
        ("", None),
        (None, None),
    ],
)
def test_normalize_charset(label, codec):
    assert normalize_charset(label) == codec


@pytest.mark.parametrize(
    ("head", "label"),
    [
        (b'<meta charset="gbk">', "gbk"),
        (
            b"<meta http-equiv='Content-Type' content='text/html; charset=gb2312'>",
            "gb2312",
        ),
        (
            b'<META CONTENT="text/html; charset=UTF-8" HTTP-EQUIV="Content-Type">',
            "UTF-8",
        ),
        (b"<html><head><title>x</title></head>", None),
    ],
)
def test_sniff_meta_charset(head, label):
    assert sniff_meta_charset(head) == label
