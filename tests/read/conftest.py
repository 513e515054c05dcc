"""Session fixtures for the read tests: the DOCX/PDF variants, built once."""

from __future__ import annotations

from pathlib import Path

import pytest
from readkit import load_builder


@pytest.fixture(scope="session")
def build():
    return load_builder()


@pytest.fixture(scope="session")
def binary_variants(tmp_path_factory, build) -> dict[str, Path]:
    """The DOCX and PDF variants of the fixture report."""
    folder = tmp_path_factory.mktemp("binary-variants")
    return {
        "report.docx": build.write_docx(folder / "report.docx"),
        "report.pdf": build.write_pdf(folder / "report.pdf"),
    }
