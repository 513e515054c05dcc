"""Fixtures of the reliability suite: one Prefect API for every CLI run, one crash corpus, one reference load."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.reliability import harness
from tests.reliability.corpus import Input, bad_inputs, good_reports, republished

CRASH_REPORTS = 200  # enough that every checkpoint is reached mid-batch; ~5 s per load without Prefect
HALF = CRASH_REPORTS // 2


@pytest.fixture(scope="session")
def prefect_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """Environment for CLI runs: one `prefect server` for the session, so each run skips the
    ephemeral server start (~10-20 s each on 2 cores). Falls back to ephemeral servers if it cannot start."""
    with harness.prefect_server(tmp_path_factory.mktemp("prefect-home")) as env:
        yield env


@pytest.fixture(scope="session")
def local_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Environment for driver runs (no Prefect involved)."""
    return harness.base_env(tmp_path_factory.mktemp("prefect-home-unused"))


@pytest.fixture(scope="session")
def crash_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of CRASH_REPORTS synthetic reports for distinct counties."""
    folder = tmp_path_factory.mktemp("crash") / "reports"
    good_reports(folder, CRASH_REPORTS)
    return folder


@dataclass(frozen=True)
class Reference:
    """What an uninterrupted load of the crash corpus publishes."""

    warehouse: Path
    checksums: dict[str, tuple[int, str]]
    facts: dict[str, int]  # content_sha256 → facts


@pytest.fixture(scope="session")
def reference(crash_corpus: Path, local_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Reference:
    """One uninterrupted load of the crash corpus into a fresh warehouse."""
    warehouse = tmp_path_factory.mktemp("reference") / "fazhi.duckdb"
    outcome = harness.driver_run([str(crash_corpus)], warehouse, local_env)
    assert outcome.returncode == 0, outcome.stderr[-3000:]
    return Reference(warehouse, harness.checksums(warehouse), harness.facts_per_report(warehouse))


@pytest.fixture(scope="session")
def half_loaded(crash_corpus: Path, local_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse holding the first half of the crash corpus (an earlier load), to be copied per test."""
    warehouse = tmp_path_factory.mktemp("half") / "fazhi.duckdb"
    first = [str(p) for p in sorted(crash_corpus.iterdir())[:HALF]]
    outcome = harness.driver_run(first, warehouse, local_env)
    assert outcome.returncode == 0, outcome.stderr[-3000:]
    return warehouse


@dataclass(frozen=True)
class BadLoad:
    """The bad-input corpus loaded by `fazhi run`, then again after one report was re-published."""

    folder: Path
    inputs: list[Input]
    warehouse: Path
    first: harness.Outcome
    first_ledger: dict[str, tuple[str, str | None]]
    second: harness.Outcome
    second_ledger: dict[str, tuple[str, str | None]]

    def uri(self, name: str) -> str:
        """The source_uri an input of the corpus is recorded under."""
        return str(self.folder / name)


REPUBLISHED = "good-plain.txt"
UNCHANGED = "good-gbk.txt"


@pytest.fixture(scope="session")
def bad_load(prefect_env: dict[str, str], local_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> BadLoad:
    """Load the bad-input folder with the CLI (peak RSS measured), change one report's numbers, load again."""
    root = tmp_path_factory.mktemp("bad")
    folder = root / "inputs"
    inputs = bad_inputs(folder)
    warehouse = root / "wh" / "fazhi.duckdb"
    first = harness.cli_run([str(folder)], warehouse, prefect_env, timeout=600, measure=True)
    first_ledger = harness.last_load_documents(warehouse) if warehouse.exists() else {}
    republished(folder / REPUBLISHED)
    # the second load runs the same stages without Prefect (the CLI's own behaviour is checked on the first)
    # and only the updated report and one unchanged one are given, as a user reloading a corrected report would
    again = [str(folder / REPUBLISHED), str(folder / UNCHANGED)]
    second = harness.driver_run(again, warehouse, local_env, timeout=600, measure=True)
    second_ledger = harness.last_load_documents(warehouse) if warehouse.exists() else {}
    return BadLoad(folder, inputs, warehouse, first, first_ledger, second, second_ledger)
