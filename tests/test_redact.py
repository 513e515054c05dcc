"""What fazhi prints never shows URL passwords or secret query values; everything else is unchanged."""

from __future__ import annotations

import pytest

from fazhi.redact import redact


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ("https://user:hunter2@gov.example/r.html", "https://user:***@gov.example/r.html"),
        ("http://x.example/a.html?id=7&token=abc123", "http://x.example/a.html?id=7&token=***"),
        ("http://x.example/a?access_token=s3cr3t#top", "http://x.example/a?access_token=***#top"),
        ("http://x.example/a?API_KEY=zz&page=2", "http://x.example/a?API_KEY=***&page=2"),
        ("seeds/reports/方山县 2021;x'.txt: the document is empty", "seeds/reports/方山县 2021;x'.txt: the document is empty"),
        ("http://x.example/list?page=3&keyword=法治", "http://x.example/list?page=3&keyword=法治"),
    ],
)
def test_redact(given: str, shown: str) -> None:
    assert redact(given) == shown
