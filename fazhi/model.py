"""Typed records passed between pipeline stages (discover → read → extract → clean → gate → publish)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

# kind values allowed in fact_statistic.kind (warehouse contract)
KINDS = ("count", "percent", "amount", "change", "range")


@dataclass(frozen=True)
class Source:
    """One input as the user gave it: a file path or an http(s) URL."""

    uri: str  # exactly as given (path string or URL); stored as dim_report.source_uri
    is_url: bool = False
    hints: dict[str, str] = field(default_factory=dict)  # optional region/year hints (sources.csv)


@dataclass(frozen=True)
class RawDocument:
    """The bytes of one input plus what we know about them before decoding."""

    source_uri: str
    data: bytes
    media_type: str  # 'txt' | 'html' | 'docx' | 'pdf' (from extension or Content-Type)
    content_sha256: str
    declared_charset: str | None = None  # from HTTP Content-Type, if any
    final_url: str | None = None  # after redirects, for URLs
    fetched_at: datetime | None = None
    hints: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Document:
    """A report read into plain body text plus metadata; spans refer to body_text."""

    source_uri: str
    content_sha256: str
    body_text: str
    title: str | None = None
    publisher: str | None = None
    published_date: date | None = None
    signed_date: date | None = None
    report_year: int | None = None
    region_hint: str | None = None  # free text naming the reporting government (title, publisher, signature)
    final_url: str | None = None
    fetched_at: datetime | None = None
    warnings: tuple[str, ...] = ()


# Not frozen, unlike the other records: a frozen dataclass sets each of its 18 fields through
# object.__setattr__, which made building statistics ~10% of extraction time (issue #3). Treat it
# as a value all the same: change a statistic with dataclasses.replace, as clean.py does.
@dataclass(slots=True)
class Statistic:
    """One grounded statistic found in a body text.

    value is in the base unit (1.2万人次 → 12000, unit '人次'); surface == body_text[char_start:char_end].
    """

    index: int  # position among the document's statistics (0-based, in text order)
    value: float
    unit: str
    kind: str  # one of KINDS
    surface: str
    char_start: int
    char_end: int
    sentence: str
    raw_label: str
    section_path: str = ""
    value_max: float | None = None
    unit_inferred: bool = False
    is_approximate: bool = False
    is_target: bool = False
    is_partial_period: bool = False
    period_year: int | None = None
    parent_index: int | None = None  # index of the total this is a breakdown part of
    breakdown_status: str | None = None  # on totals: 'exact' | 'partial' | 'exceeds' (parts vs total)


class FazhiError(Exception):
    """Base of every error fazhi shows to a user: the message names the input and what to do."""


class InputError(FazhiError):
    """An input that cannot be turned into a report (it is quarantined, the run goes on)."""

    def __init__(self, source_uri: str, stage: str, check: str, reason: str) -> None:
        super().__init__(f"{source_uri}: {reason}")
        self.source_uri = source_uri
        self.stage = stage
        self.check = check
        self.reason = reason

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str, str, str]]:
        """Pickle by the four fields (results cross process boundaries: worker pools, Dask)."""
        return (type(self), (self.source_uri, self.stage, self.check, self.reason))
