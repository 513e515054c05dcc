"""The client stack BI tools ship (DuckDB 1.5, SQLAlchemy 1.4, duckdb-engine), in its own venv.

Created once with uv under .tools/ (git-ignored) and reused; a failed install skips the BI tests
with the installer's message rather than failing them.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT
from tests.marts.conftest import panel_warehouse  # noqa: F401 - the synthetic panel, for the BI client to read

BI_STACK = ("duckdb==1.5.*", "sqlalchemy<2", "duckdb-engine==0.17.0")


@pytest.fixture(scope="session")
def bi_python() -> Path:
    """The python of a venv holding the BI client stack."""
    uv = shutil.which("uv") or str(PROJECT_ROOT / ".tools" / "bin" / "uv")
    if not Path(uv).exists():
        pytest.skip("uv is not installed, so the BI client venv cannot be created (run `make setup`)")
    venv = PROJECT_ROOT / ".tools" / ("bi-client-" + hashlib.sha256(" ".join(BI_STACK).encode()).hexdigest()[:10])
    python = venv / "bin" / "python"
    if not (venv / ".ready").exists():
        steps = [
            [uv, "venv", "--quiet", "--allow-existing", "--python", sys.executable, str(venv)],
            [uv, "pip", "install", "--quiet", "--python", str(python), *BI_STACK],
        ]
        for step in steps:
            done = subprocess.run(step, capture_output=True, text=True, timeout=300)
            if done.returncode:
                pytest.skip(f"could not install the BI client stack ({' '.join(BI_STACK)}): {done.stderr.strip()[-500:]}")
        (venv / ".ready").touch()
    return python
