"""Properties: whatever the bytes, reading ends in a Document or an InputError; body text is always clean."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from readkit import load_builder, raw_of

from fazhi.model import InputError
from fazhi.read import read_document

BUILD = load_builder()
REPORT = BUILD.plain_text()
# Text built from report fragments, markup and noise: likelier to reach deep code paths than random bytes.
FRAGMENTS = st.sampled_from(
    [*BUILD.body_lines(), "<p>", "</p>", "<br>", "<table><tr><td>", "</td></tr></table>", "\r\n", "\u3000", "来源：", "ICP备"]
)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _read_or_refuse(data: bytes, media_type: str) -> list[str]:
    """The body lines read, or [] when refused; fails on any other exception or an unclean body."""
    try:
        doc = read_document(raw_of(data, media_type))
    except InputError as exc:
        assert exc.reason and exc.stage == "read"
        return []
    lines = doc.body_text.split("\n")
    assert all(line and line == line.strip() for line in lines)
    assert "\r" not in doc.body_text
    return lines


@pytest.mark.parametrize("media_type", ["txt", "html", "docx", "pdf"])
@SETTINGS
@given(data=st.binary(max_size=2000))
def test_any_bytes_read_or_refused(media_type, data):
    _read_or_refuse(data, media_type)


@pytest.mark.parametrize(("media_type", "codec"), [("txt", "utf-8"), ("txt", "gb18030"), ("html", "utf-8"), ("html", "gbk")])
@SETTINGS
@given(parts=st.lists(FRAGMENTS, max_size=40))
def test_any_report_like_text_read_or_refused(media_type, codec, parts):
    _read_or_refuse("".join(parts).encode(codec, "replace"), media_type)


@SETTINGS
@given(cut=st.integers(min_value=0, max_value=len(REPORT)))
def test_a_cut_short_report_reads_only_its_own_text_or_is_refused(cut):
    lines = _read_or_refuse(REPORT[:cut].encode("utf-8"), "txt")
    assert all(line in REPORT for line in lines)
