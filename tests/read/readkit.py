"""Helpers for the read tests: the documents fixture builder and in-memory RawDocuments."""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from pathlib import Path

from fazhi.model import RawDocument

FIXTURES = Path(__file__).parents[1] / "fixtures" / "documents"


def load_builder():
    """The fixtures builder module (tests/fixtures/documents/build.py), imported once."""
    if "fazhi_fixture_build" not in sys.modules:
        spec = importlib.util.spec_from_file_location("fazhi_fixture_build", FIXTURES / "build.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules["fazhi_fixture_build"] = module
        spec.loader.exec_module(module)
    return sys.modules["fazhi_fixture_build"]


def raw_of(data: bytes, media_type: str, uri: str = "memory", declared: str | None = None) -> RawDocument:
    """A RawDocument for bytes held in memory."""
    return RawDocument(
        uri,
        data,
        media_type,
        hashlib.sha256(data).hexdigest(),
        declared_charset=declared,
    )
