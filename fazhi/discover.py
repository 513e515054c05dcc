"""discover: the user's SOURCE arguments → Source records; load_raw: a Source → its bytes (RawDocument).

STUB — owned by the documents work (issue 4); keep these signatures.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from fazhi.model import InputError, RawDocument, Source

SUPPORTED_SUFFIXES = {".txt": "txt", ".html": "html", ".htm": "html", ".shtml": "html", ".docx": "docx", ".pdf": "pdf"}


def discover(sources: Sequence[str]) -> tuple[list[Source], list[InputError]]:
    """Expand files, folders (recursively) and URLs into Sources; inputs that cannot be used become InputErrors."""
    found: list[Source] = []
    rejected: list[InputError] = []
    for given in sources:
        if given.startswith(("http://", "https://")):
            found.append(Source(uri=given, is_url=True))
            continue
        path = Path(given)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                found.append(Source(uri=str(child)))
        elif path.is_file():
            found.append(Source(uri=given))
        else:
            rejected.append(InputError(given, "discover", "exists", "no such file or folder; check the path"))
    return found, rejected


def load_raw(source: Source) -> RawDocument:
    """Read a Source's bytes; raises InputError for inputs that cannot be read."""
    path = Path(source.uri)
    media_type = SUPPORTED_SUFFIXES.get(path.suffix.lower())
    if media_type is None:
        raise InputError(source.uri, "discover", "supported_format", f"unsupported file type '{path.suffix}'")
    data = path.read_bytes()
    return RawDocument(source.uri, data, media_type, hashlib.sha256(data).hexdigest(), hints=dict(source.hints))
