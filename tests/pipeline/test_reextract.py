"""An extractor upgrade reaches reports already in the warehouse: the same command re-extracts each published
version once (write-audit-publish, gated), replaces its facts and keeps its dim_report row."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import duckdb
import pytest
from typer.testing import CliRunner

from fazhi import pipeline
from fazhi.clean import ExtractedReport, clean
from fazhi.cli import EXIT_OK, app
from fazhi.config import Settings
from fazhi.extract import EXTRACTOR_VERSION
from fazhi.model import Statistic
from fazhi.reextract import stored_document
from fazhi.warehouse.publish import connect
from fazhi.warehouse.sql import query_file
from tests.conftest import EXAMPLE_REPORT

OLD = "0.8.0"
NEW = EXTRACTOR_VERSION
# A report without a single statistic: its version must be redone too (it has no facts to say which extractor ran).
PROSE_ONLY = (
    "关于方山县2022年度法治政府建设情况的报告\n\n"
    "2022年，方山县深入学习贯彻习近平法治思想，全面贯彻落实党中央、国务院关于法治政府建设的决策部署，"
    "坚持把法治政府建设作为全局性、基础性工作来抓，法治政府建设取得新成效。\n"
    "县委、县政府高度重视法治政府建设，主要负责人切实履行推进法治建设第一责任人职责，定期听取法治政府建设工作汇报。\n"
    "持续深化“放管服”改革，优化营商环境，推进政务服务标准化、规范化、便利化，群众和企业办事更加方便快捷。\n"
    "严格落实重大行政决策程序，坚持公众参与、专家论证、风险评估、合法性审查和集体讨论决定，决策质量不断提高。\n"
    "深入推进严格规范公正文明执法，全面落实行政执法公示、执法全过程记录、重大执法决定法制审核制度。\n"
    "深入开展普法宣传教育，营造尊法学法守法用法的良好氛围。\n\n"
    "方山县人民政府\n2023年2月20日\n"
)
REPORT_COLUMNS = "* EXCLUDE (extractor_version, extracted_load_id)"


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    """The example report and a report with no statistics."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    shutil.copy(EXAMPLE_REPORT, folder / "fangshan-2021.txt")
    (folder / "fangshan-2022.txt").write_text(PROSE_ONLY, encoding="utf-8")
    return folder


@pytest.fixture(autouse=True)
def _inline(monkeypatch: pytest.MonkeyPatch) -> None:
    """Extraction in this process, so a patched extractor is the one that runs."""
    monkeypatch.setenv("FAZHI_WORKERS", "1")


@contextmanager
def extractor(version: str, change: Callable[[list[Statistic]], list[Statistic]] | None = None) -> Iterator[None]:
    """Run loads as extractor `version`, its statistics passed through `change` (an older, worse extractor)."""
    real = pipeline.extract_statistics
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline, "EXTRACTOR_VERSION", version)
        if change is not None:
            patch.setattr(pipeline, "extract_statistics", lambda text, year: change(real(text, year)))
        yield


def _without_parts(stats: list[Statistic]) -> list[Statistic]:
    """The old extractor found no breakdown parts."""
    return [s for s in stats if s.parent_index is None]


def _negative_first_count(stats: list[Statistic]) -> list[Statistic]:
    """A broken extractor: the first count comes out negative (a blocking gate check)."""
    first = next((i for i, s in enumerate(stats) if s.kind == "count"), None)
    return [replace(s, value=-s.value) if i == first else s for i, s in enumerate(stats)]


def _load(inbox: Path, warehouse: Path) -> Any:
    from flows.load import load_reports

    return load_reports([str(inbox)], str(warehouse), return_state=True)


def _rows(warehouse: Path, query: str, **params: Any) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return sorted(con.sql(query, params=params or None).fetchall(), key=repr)


def _ledger(warehouse: Path, load_id: str) -> dict[str, tuple[str, str | None]]:
    rows = _rows(warehouse, "SELECT source_uri, outcome, reason FROM load_document WHERE load_id = $l", l=load_id)
    return {Path(uri).name: (outcome, reason) for uri, outcome, reason in rows}


def _published(warehouse: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every published table a load writes, for before/after comparisons (load_audit and the ledger aside)."""
    return {
        table: _rows(warehouse, f"SELECT * FROM {table}")
        for table in (
            "dim_report",
            "fact_statistic",
            "mart_metric_value",
            "mart_report_completeness",
            "mart_breakdown_consistency",
        )
    }


@pytest.mark.flow
def test_an_upgrade_reextracts_each_published_version_once(prefect_harness: None, inbox: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "wh" / "fazhi.duckdb"
    with extractor(OLD, _without_parts):
        assert _load(inbox, warehouse).is_completed()
    old_facts = _rows(warehouse, "SELECT statistic_key, char_start, char_end, extractor_version FROM fact_statistic")
    old_reports = _rows(warehouse, f"SELECT {REPORT_COLUMNS} FROM dim_report")
    assert {version for *_, version in old_facts} == {OLD}

    state = _load(inbox, warehouse)

    assert state.is_completed() and state.name == "Completed", state.message
    summary = state.result()
    assert summary.audit["documents_published"] == summary.audit["documents_reextracted"] == 2
    assert summary.audit["documents_skipped"] == 0
    assert _ledger(warehouse, summary.load_id) == {
        "fangshan-2021.txt": ("published", f"re-extracted: extractor {OLD} → {NEW}"),
        "fangshan-2022.txt": ("published", f"re-extracted: extractor {OLD} → {NEW}"),
    }
    # same versions, same rows: only what extracted them changed
    assert _rows(warehouse, f"SELECT {REPORT_COLUMNS} FROM dim_report") == old_reports
    assert _rows(warehouse, "SELECT DISTINCT extractor_version, extracted_load_id FROM dim_report") == [(NEW, summary.load_id)]
    new_facts = _rows(warehouse, "SELECT statistic_key, char_start, char_end, extractor_version, load_id FROM fact_statistic")
    assert {(version, load) for *_, version, load in new_facts} == {(NEW, summary.load_id)}
    assert summary.audit["facts_published"] == len(new_facts) > len(old_facts)
    # a fact found by both extractors keeps its key (same report, same span); the parts are new
    assert {key for key, *_ in old_facts} < {key for key, *_ in new_facts}
    assert _rows(warehouse, "SELECT count(*) FROM fact_statistic WHERE parent_statistic_key IS NOT NULL")[0][0] > 0

    # the warehouse, marts included, is the one a first load with the new extractor gives
    fresh = tmp_path / "fresh" / "fazhi.duckdb"
    assert _load(inbox, fresh).is_completed()
    ignore_load = "SELECT * EXCLUDE (load_id) FROM fact_statistic"
    assert _rows(warehouse, ignore_load) == _rows(fresh, ignore_load)
    for mart in ("mart_metric_value", "mart_report_completeness", "mart_breakdown_consistency"):
        assert _rows(warehouse, f"SELECT * FROM {mart}") == _rows(fresh, f"SELECT * FROM {mart}"), mart

    before = _published(warehouse)
    again = _load(inbox, warehouse).result()
    assert (again.audit["documents_skipped"], again.audit["documents_published"], again.audit["facts_published"]) == (2, 0, 0)
    assert _published(warehouse) == before


@pytest.mark.flow
def test_a_blocked_reextraction_keeps_the_old_facts(prefect_harness: None, inbox: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "wh" / "fazhi.duckdb"
    with extractor(OLD):
        assert _load(inbox, warehouse).is_completed()
    before = _published(warehouse)
    reports = _rows(warehouse, f"SELECT {REPORT_COLUMNS} FROM dim_report")

    with extractor(NEW, _negative_first_count):
        state = _load(inbox, warehouse)

    assert state.is_completed() and state.name == "CompletedWithQuarantine"
    summary = state.result()
    kept = f"re-extraction by extractor {NEW} held back; the facts of extractor {OLD} stay published"
    assert _ledger(warehouse, summary.load_id) == {
        "fangshan-2021.txt": ("quarantined", f"failed blocking checks: counts_and_amounts_nonnegative; {kept}"),
        "fangshan-2022.txt": ("published", f"re-extracted: extractor {OLD} → {NEW}"),  # no counts to break
    }
    held = _rows(warehouse, "SELECT stage, check_name, reason FROM quarantine WHERE load_id = $l", l=summary.load_id)
    assert [(stage, check) for stage, check, _ in held] == [("gate", "counts_and_amounts_nonnegative")]
    assert held[0][2].endswith(kept)
    assert (summary.audit["documents_quarantined"], summary.audit["documents_reextracted"]) == (1, 1)
    after = _published(warehouse)
    assert after["fact_statistic"] == before["fact_statistic"]  # the prose-only report has no facts to replace
    assert after["mart_metric_value"] == before["mart_metric_value"]
    assert _rows(warehouse, f"SELECT {REPORT_COLUMNS} FROM dim_report") == reports
    versions = _rows(warehouse, "SELECT source_uri LIKE '%2021.txt', extractor_version FROM dim_report")
    assert versions == [(False, NEW), (True, OLD)]

    # fixed extractor, same command: the held-back version is re-extracted now
    fixed = _load(inbox, warehouse).result()
    assert _ledger(warehouse, fixed.load_id)["fangshan-2021.txt"] == ("published", f"re-extracted: extractor {OLD} → {NEW}")
    assert _ledger(warehouse, fixed.load_id)["fangshan-2022.txt"][0] == "unchanged"


def _as_written_by_an_older_fazhi(warehouse: Path) -> None:
    """What a warehouse written before the extractor-version columns looks like, its facts from extractor OLD.

    The load that published the prose-only report recorded no extractor version: that one is unknown.
    """
    with duckdb.connect(str(warehouse)) as con:
        con.execute("ALTER TABLE dim_report DROP COLUMN extractor_version")
        con.execute("ALTER TABLE dim_report DROP COLUMN extracted_load_id")
        con.execute("ALTER TABLE load_audit DROP COLUMN documents_reextracted")
        con.execute("UPDATE fact_statistic SET extractor_version = $v", {"v": OLD})
        con.execute("UPDATE load_audit SET extractor_version = NULL")


@pytest.mark.flow
def test_a_warehouse_of_an_older_fazhi_is_migrated_and_reextracted(prefect_harness: None, inbox: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "wh" / "fazhi.duckdb"
    assert _load(inbox, warehouse).is_completed()
    _as_written_by_an_older_fazhi(warehouse)
    reports = _rows(warehouse, "SELECT * FROM dim_report")
    runner = CliRunner()

    status = runner.invoke(app, ["status", "--warehouse", str(warehouse)])  # read-only: nothing migrated yet
    assert status.exit_code == EXIT_OK, status.output
    run = runner.invoke(app, ["run", str(inbox), "--warehouse", str(warehouse)])

    assert run.exit_code == EXIT_OK, run.output
    assert "of which re-extracted" in run.output  # the summary's row (the label may wrap after it)
    load_id = _rows(warehouse, "SELECT load_id FROM load_audit ORDER BY started_at DESC LIMIT 1")[0][0]
    assert _ledger(warehouse, load_id) == {
        "fangshan-2021.txt": ("published", f"re-extracted: extractor {OLD} → {NEW}"),  # known from its facts
        "fangshan-2022.txt": ("published", f"re-extracted: extractor unknown → {NEW}"),
    }
    assert _rows(warehouse, f"SELECT {REPORT_COLUMNS} FROM dim_report") == reports  # migrated: columns added, rows kept
    assert _rows(warehouse, "SELECT DISTINCT extractor_version FROM fact_statistic") == [(NEW,)]
    assert _rows(warehouse, "SELECT documents_reextracted FROM load_audit WHERE load_id = $l", l=load_id) == [(2,)]
    again = runner.invoke(app, ["run", str(inbox), "--warehouse", str(warehouse)])
    assert again.exit_code == EXIT_OK and "re-extracted" not in again.output


def test_a_stored_version_reads_back_into_the_report_row_it_was_published_as(inbox: Path, tmp_path: Path) -> None:
    """Re-extraction starts from the stored text and metadata: cleaned again, they give the same dim_report row."""
    warehouse = tmp_path / "wh" / "fazhi.duckdb"
    pipeline.run_local([str(inbox)], Settings(warehouse=warehouse, workers=1))
    with connect(warehouse, read_only=True) as con:
        published = con.sql("SELECT * FROM dim_report").pl()
        hashes = published.get_column("content_sha256").to_list()
        stored = query_file(con, "state/published_documents.sql", {"hashes": hashes}).pl().to_dicts()
    catalogs = pipeline.Catalogs.load()
    documents = [stored_document(row, row["content_sha256"]) for row in stored]  # any source: the row keeps its own
    staged = clean([ExtractedReport(d, [], NEW) for d in documents], catalogs.regions, catalogs.metrics).reports
    same = [c for c in staged.columns if c in published.columns and c != "source_uri"]
    assert len(same) >= 15
    assert sorted(staged.select(same).rows()) == sorted(published.select(same).rows())
