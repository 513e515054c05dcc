"""Synthetic warehouses for mart, analytics, BI and review tests: grounded reports of several
regions and years, loaded through clean → gate → publish exactly as the flow does it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from fazhi import pipeline
from fazhi.clean import ExtractedReport, clean
from fazhi.config import Settings
from fazhi.gate import gate
from fazhi.ledger import Ledger
from fazhi.model import Document, Statistic
from fazhi.warehouse.state import published_hashes


@dataclass(frozen=True)
class Fig:
    """One number to write into a synthetic report: label as the report words it, value, unit."""

    label: str
    value: float
    unit: str = "件"
    parent: int | None = None  # index (in the report's figure list) of the total this is part of
    approximate: bool = False


def build_report(county: str, year: int, figs: list[Fig], uri: str | None = None, extra: str = "") -> ExtractedReport:
    """A report of county for year whose body states each figure as '<label><value><unit>'; spans grounded."""
    title = f"关于{county}{year}年度法治政府建设情况的报告"
    body = f"一、推进依法行政\n{year}年,{county}坚持依法行政。"
    stats: list[Statistic] = []
    for i, fig in enumerate(figs):
        number = f"{fig.value:g}"
        surface = f"{number}{'余' if fig.approximate else ''}{fig.unit}"
        sentence = f"{fig.label}{surface}。"
        start = len(body) + len(fig.label)
        body += sentence
        stats.append(
            Statistic(
                index=i,
                value=fig.value,
                unit=fig.unit,
                kind="percent" if fig.unit == "%" else "count",
                surface=surface,
                char_start=start,
                char_end=start + len(surface),
                sentence=sentence,
                raw_label=fig.label,
                period_year=year,
                parent_index=fig.parent,
                is_approximate=fig.approximate,
            )
        )
    body += extra + "\n二、下一步工作\n继续推进法治政府建设。"
    sha = hashlib.sha256((title + body).encode()).hexdigest()
    doc = Document(
        source_uri=uri or f"mem://{county}-{year}.txt",
        content_sha256=sha,
        body_text=body,
        title=title,
        publisher=f"{county}人民政府",
        published_date=date(year + 1, 3, 20),
        signed_date=date(year + 1, 3, 15),
        report_year=year,
        region_hint=title,
    )
    return ExtractedReport(doc, stats, "test")


def load(warehouse: Path, *reports: ExtractedReport) -> pipeline.RunSummary:
    """One load of in-memory reports through clean → gate → publish."""
    catalogs = pipeline.Catalogs.load()
    ledger = Ledger()
    known = published_hashes(warehouse)
    fresh = [r for r in reports if r.document.content_sha256 not in known]
    batch = clean(fresh, catalogs.regions, catalogs.metrics)
    outcome = gate(batch)
    pipeline.settle(outcome, batch, ledger)
    return pipeline.publish_load(Settings(warehouse=warehouse), outcome, ledger, catalogs, pipeline.new_load_id(), datetime.now())
