"""Small builders for documents and statistics in tests (grounded in the text they are given)."""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from fazhi.clean import ExtractedReport
from fazhi.model import Document, Statistic

BODY = (
    "一、推进依法行政\n"
    "2023年,全县共收到行政复议申请42件,其中维持18件、纠错9件。"
    "办理法律援助案件210件,群众满意度98.5%。开展普法活动120余场次。\n"
    "二、下一步计划\n"
    "2024年计划培训执法人员300人。"
)
TITLE = "关于平遥县2023年度法治政府建设情况的报告"


def document(body: str = BODY, title: str = TITLE, uri: str = "mem://report.txt", **fields: Any) -> Document:
    """A Document whose hash follows its text, so two different texts are two versions."""
    sha = hashlib.sha256((title + body).encode()).hexdigest()
    defaults: dict[str, Any] = {
        "source_uri": uri,
        "content_sha256": sha,
        "body_text": body,
        "title": title,
        "publisher": "平遥县人民政府",
        "published_date": date(2024, 3, 20),
        "signed_date": date(2024, 3, 15),
        "report_year": 2023,
        "region_hint": title,
    }
    defaults.update(fields)
    return Document(**defaults)


def statistic(body: str, surface: str, value: float, unit: str, index: int, occurrence: int = 0, **fields: Any) -> Statistic:
    """A Statistic grounded at the n-th occurrence of surface in body."""
    start = -1
    for _ in range(occurrence + 1):
        start = body.index(surface, start + 1)
    defaults: dict[str, Any] = {
        "index": index,
        "value": value,
        "unit": unit,
        "kind": "percent" if unit == "%" else "count",
        "surface": surface,
        "char_start": start,
        "char_end": start + len(surface),
        "sentence": surface,
        "raw_label": "",
        "period_year": 2023,
    }
    defaults.update(fields)
    return Statistic(**defaults)


def default_statistics(body: str = BODY) -> list[Statistic]:
    """The statistics of BODY, as a correct extractor would give them."""
    return [
        statistic(body, "42件", 42, "件", 0, raw_label="收到行政复议申请"),
        statistic(body, "18件", 18, "件", 1, raw_label="维持", parent_index=0),
        statistic(body, "9件", 9, "件", 2, raw_label="纠错", parent_index=0),
        statistic(body, "210件", 210, "件", 3, raw_label="法律援助案件"),
        statistic(body, "98.5%", 98.5, "%", 4, raw_label="群众满意度"),
        statistic(body, "120余场次", 120, "场次", 5, raw_label="普法活动", is_approximate=True),
        statistic(body, "300人", 300, "人", 6, raw_label="培训执法人员", is_target=True, period_year=2024),
    ]


def report(body: str = BODY, stats: list[Statistic] | None = None, **doc_fields: Any) -> ExtractedReport:
    """An ExtractedReport of body with the given (or the default) statistics."""
    return ExtractedReport(document(body, **doc_fields), default_statistics(body) if stats is None else stats, "test")
