"""discover: the user's SOURCE arguments → Source records; load_raw: a Source → its bytes (RawDocument).

Decisions:
- Symbolic links are refused, not followed: a link in a reports folder can point outside it, loop
  in a recursive walk, or load the same report twice under two names; the user can give the
  target path instead, which keeps source_uri naming the real file.
- In folders, hidden files/folders (.git, .DS_Store) and editor/Office temp files (~$x.docx,
  x.docx~, .#x, #x#, *.swp, *.tmp) are skipped silently: they are never reports. Any other file
  with an unsupported extension is reported, so nothing a user put there vanishes unexplained.
- A .csv given by name is read as a source list (seeds/sources.csv) and expands into its URLs.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from fazhi.fetch import fetch_url, read_source_list
from fazhi.model import InputError, RawDocument, Source

SUPPORTED_SUFFIXES = {
    ".txt": "txt",
    ".html": "html",
    ".htm": "html",
    ".shtml": "html",
    ".docx": "docx",
    ".pdf": "pdf",
}
MAX_FILE_BYTES = 50 * 1024 * 1024  # the largest real report PDFs are a few MB
_TEMP_SUFFIXES = (".swp", ".swo", ".tmp", ".part", ".crdownload", "~")
_CONVERT_HINT = {
    ".doc": "save it as .docx",
    ".wps": "save it as .docx",
    ".rtf": "save it as .docx",
    ".xls": "tables alone are not reports",
    ".xlsx": "tables alone are not reports",
    ".ofd": "export it as PDF",
    ".mht": "save the page as .html",
    ".zip": "unpack it first",
}


def discover(sources: Sequence[str]) -> tuple[list[Source], list[InputError]]:
    """Expand files, folders (recursively, sorted) and URLs into Sources; unusable inputs become InputErrors."""
    found: list[Source] = []
    rejected: list[InputError] = []
    seen: set[str] = set()

    def add(source: Source, key: str) -> None:
        if key not in seen:  # the same file given twice (or inside a folder also given) loads once
            seen.add(key)
            found.append(source)

    for given in sources:
        if given.startswith(("http://", "https://")):
            add(Source(uri=given, is_url=True), given)
            continue
        path = Path(given)
        if path.is_symlink():
            rejected.append(_symlink_error(given))
        elif path.is_dir():
            walked = _walk(path)
            for child, error in walked:
                if error is not None:
                    rejected.append(error)
                else:
                    add(Source(uri=str(child)), str(child.resolve()))
            if not walked:
                rejected.append(InputError(given, "discover", "has_reports", "the folder holds no files to read; check the path"))
        elif path.is_file():
            if path.suffix.lower() == ".csv":
                try:
                    for source in read_source_list(path):
                        add(source, source.uri)
                except InputError as exc:
                    rejected.append(exc)
                continue
            error = _file_error(path, given)
            if error is None:
                add(Source(uri=given), str(path.resolve()))
            else:
                rejected.append(error)
        elif path.exists():
            rejected.append(
                InputError(
                    given,
                    "discover",
                    "regular_file",
                    "not a regular file (a device or pipe); give a report file or folder",
                )
            )
        else:
            rejected.append(
                InputError(
                    given,
                    "discover",
                    "exists",
                    "no such file or folder; check the path (relative paths start from the current folder)",
                )
            )
    return found, rejected


def _walk(folder: Path) -> list[tuple[Path, InputError | None]]:
    """Files under folder in a deterministic order (sorted per level), links and hidden entries excluded."""
    out: list[tuple[Path, InputError | None]] = []

    def unreadable(exc: OSError) -> None:  # os.walk skips such folders silently unless told
        reason = f"cannot open the folder ({exc.strerror}); check its permissions"
        out.append((Path(exc.filename), InputError(str(exc.filename), "discover", "readable", reason)))

    for root, dirs, files in os.walk(folder, onerror=unreadable, followlinks=False):
        here = Path(root)
        linked = [d for d in dirs if (here / d).is_symlink()]  # listed by os.walk, never entered
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in linked)
        for name in sorted(files + linked):
            if _is_hidden_or_temp(name):
                continue
            child = here / name
            if child.is_symlink():
                out.append((child, _symlink_error(str(child))))
            else:
                out.append((child, _file_error(child, str(child))))
    return out


def _is_hidden_or_temp(name: str) -> bool:
    return name.startswith((".", "~$", "#")) or name.endswith(_TEMP_SUFFIXES)


def _file_error(path: Path, given: str) -> InputError | None:
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        hint = _CONVERT_HINT.get(suffix, "give a .txt, .html/.htm/.shtml, .docx or .pdf")
        shown = f"'{suffix}'" if suffix else "no extension"
        return InputError(
            given,
            "discover",
            "supported_format",
            f"unsupported file type ({shown}); {hint}",
        )
    if path.stat().st_size == 0:
        return InputError(
            given,
            "discover",
            "not_empty",
            "the file is empty (0 bytes); re-download or re-export the report",
        )
    return None


def _symlink_error(given: str) -> InputError:
    return InputError(
        given,
        "discover",
        "not_symlink",
        "is a symbolic link; links are not followed (they can loop or load a report twice): give the target path instead",
    )


def load_raw(source: Source) -> RawDocument:
    """Read a Source's bytes (file or URL); raises InputError for inputs that cannot be read."""
    if source.is_url:
        return replace(fetch_url(source.uri), hints=dict(source.hints))
    path = Path(source.uri)
    media_type = SUPPORTED_SUFFIXES.get(path.suffix.lower())
    if media_type is None:
        raise InputError(
            source.uri,
            "discover",
            "supported_format",
            f"unsupported file type '{path.suffix}'; give a .txt, .html, .docx or .pdf",
        )
    if path.is_symlink():
        raise _symlink_error(source.uri)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(
                source.uri,
                "discover",
                "size_limit",
                f"the file is {size / 2**20:.0f} MB, over the {MAX_FILE_BYTES // 2**20} MB limit; "
                "a report is never this large — check it is the right file",
            )
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(
            source.uri,
            "discover",
            "readable",
            f"cannot read the file ({exc.strerror}); check it exists and you may read it",
        ) from None
    return RawDocument(
        source.uri,
        data,
        media_type,
        hashlib.sha256(data).hexdigest(),
        hints=dict(source.hints),
    )
