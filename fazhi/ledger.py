"""The ledger of one load: what happened to every input, so nothing is lost silently."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import polars as pl
from polars._typing import PolarsDataType

from fazhi.model import InputError
from fazhi.reextract import Reextraction

DOCUMENT_SCHEMA: dict[str, PolarsDataType] = {
    "source_uri": pl.Utf8,
    "content_sha256": pl.Utf8,
    "report_key": pl.Int64,
    "outcome": pl.Utf8,  # published | unchanged | duplicate | quarantined
    "reason": pl.Utf8,
    "reextracted": pl.Boolean,  # a published version extracted again by a new extractor (load_audit.documents_reextracted)
}
QUARANTINE_SCHEMA: dict[str, PolarsDataType] = {
    "source_uri": pl.Utf8,
    "content_sha256": pl.Utf8,
    "stage": pl.Utf8,
    "check_name": pl.Utf8,
    "reason": pl.Utf8,
    "details": pl.Utf8,
}


@dataclass
class Ledger:
    """Outcome per input (one row each) and quarantine rows (one per reason)."""

    documents: list[dict[str, Any]] = field(default_factory=list)
    held: list[dict[str, Any]] = field(default_factory=list)
    reextractions: dict[str, Reextraction] = field(default_factory=dict)  # content hash → versions

    def reextracting(self, content_sha256: str, reextraction: Reextraction) -> None:
        """Note that this input is a published version being extracted again (its outcome will say so)."""
        self.reextractions[content_sha256] = reextraction

    def _kept(self, reason: str, content_sha256: str | None) -> str:
        """reason, plus what stays published when the input held back was a re-extraction."""
        again = self.reextractions.get(content_sha256 or "")
        return f"{reason}; {again.kept_note()}" if again else reason

    def quarantine(self, error: InputError, content_sha256: str | None = None, details: Any = None) -> None:
        """Hold an input back with the reason its error gives."""
        self.held.append(
            {
                "source_uri": error.source_uri,
                "content_sha256": content_sha256,
                "stage": error.stage,
                "check_name": error.check,
                "reason": self._kept(error.reason, content_sha256),
                "details": json.dumps(details, ensure_ascii=False, default=str) if details is not None else None,
            }
        )
        self.documents.append(
            {
                "source_uri": error.source_uri,
                "content_sha256": content_sha256,
                "report_key": None,
                "outcome": "quarantined",
                "reason": self._kept(error.reason, content_sha256),
                "reextracted": content_sha256 in self.reextractions,
            }
        )

    def hold_report(self, source_uri: str, content_sha256: str | None, report_key: int, checks: list[dict[str, Any]]) -> None:
        """Hold back a whole report that failed blocking gate checks (one quarantine row per check)."""
        for check in checks:
            self.held.append(
                {
                    "source_uri": source_uri,
                    "content_sha256": content_sha256,
                    "stage": "gate",
                    "check_name": check["check_name"],
                    "reason": self._kept(check["reason"], content_sha256),
                    "details": check["details"],
                }
            )
        names = ", ".join(sorted({c["check_name"] for c in checks}))
        self.documents.append(
            {
                "source_uri": source_uri,
                "content_sha256": content_sha256,
                "report_key": report_key,
                "outcome": "quarantined",
                "reason": self._kept(f"failed blocking checks: {names}", content_sha256),
                "reextracted": content_sha256 in self.reextractions,
            }
        )

    def skip(self, source_uri: str, content_sha256: str, outcome: str, reason: str) -> None:
        """Record an input not loaded again (unchanged since an earlier load, or a duplicate in this one)."""
        self.documents.append(
            {
                "source_uri": source_uri,
                "content_sha256": content_sha256,
                "report_key": None,
                "outcome": outcome,
                "reason": reason,
                "reextracted": False,
            }
        )

    def published(self, source_uri: str, content_sha256: str, report_key: int) -> None:
        """Record an input published as a report version (new, or re-extracted: the reason names both extractors)."""
        again = self.reextractions.get(content_sha256)
        self.documents.append(
            {
                "source_uri": source_uri,
                "content_sha256": content_sha256,
                "report_key": report_key,
                "outcome": "published",
                "reason": again.published_reason() if again else None,
                "reextracted": again is not None,
            }
        )

    def documents_frame(self) -> pl.DataFrame:
        """load_document rows."""
        return pl.DataFrame(self.documents, schema=DOCUMENT_SCHEMA)

    def quarantine_frame(self) -> pl.DataFrame:
        """quarantine rows."""
        return pl.DataFrame(self.held, schema=QUARANTINE_SCHEMA)
