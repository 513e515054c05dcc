"""Re-extraction: a published report version whose facts came from another extractor version is extracted again.

A rerun skips inputs whose content is already published, unless the warehouse says another extractor
version produced that version's facts (dim_report.extractor_version). Such a version is extracted
again by the current extractor from the text the warehouse holds, so the new facts' spans refer to
the kept dim_report.body_text; it is cleaned and gated like any report, and publishing it replaces its
facts in the batch's transaction (sql/publish/04b_reextract_versions.sql). If the gate blocks it, the
old facts stay.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from fazhi.keys import key_date
from fazhi.model import Document


@dataclass(frozen=True)
class PublishedVersion:
    """A report version already in the warehouse: where it came from and what extracted its facts."""

    source_uri: str
    extractor_version: str | None  # None: not known (a warehouse older than the column, with no facts)

    def is_current(self, extractor_version: str) -> bool:
        """True when the running extractor produced this version's facts (nothing to redo)."""
        return self.extractor_version == extractor_version


@dataclass(frozen=True)
class Reextraction:
    """One version being re-extracted: the extractor that made its published facts and the one redoing it."""

    previous: str | None
    current: str

    def published_reason(self) -> str:
        """The ledger reason of a re-extracted version that was published."""
        return f"re-extracted: extractor {self.previous or 'unknown'} → {self.current}"

    def kept_note(self) -> str:
        """What a held-back re-extraction leaves published (appended to its reasons)."""
        previous = self.previous or "unknown"
        return f"re-extraction by extractor {self.current} held back; the facts of extractor {previous} stay published"


def stored_document(row: dict[str, Any], source_uri: str) -> Document:
    """The Document a published version was read into, rebuilt from its dim_report row (state/published_documents.sql).

    Metadata round-trips through clean unchanged (published_date_key already falls back to the signed date;
    the region is resolved again from the text it was matched in); source_uri is the input of this run.
    """
    fetched: datetime | None = row["fetched_at"]
    published, signed = row["published_date_key"], row["signed_date_key"]
    return Document(
        source_uri=source_uri,
        content_sha256=row["content_sha256"],
        body_text=row["body_text"],
        title=row["title"],
        publisher=row["publisher"],
        published_date=key_date(published) if published is not None else None,
        signed_date=key_date(signed) if signed is not None else None,
        report_year=row["report_year"],
        region_hint=row["region_matched_text"],
        final_url=row["final_url"],
        fetched_at=fetched.replace(tzinfo=UTC) if fetched else None,  # stored as naive UTC
        warnings=(row["read_warnings"],) if row["read_warnings"] else (),
    )
