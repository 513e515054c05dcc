"""read → extract → clean spread over worker processes and over a (local) Dask cluster give the same warehouse."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from fazhi.config import Settings
from fazhi.pipeline import run_local
from tests.factories import BODY, TITLE

pytestmark = pytest.mark.slow
PROSE = (
    "\n三、其他工作\n坚持把法治政府建设摆在全局工作的重要位置,健全依法决策机制,深化行政执法体制改革,"
    "完善矛盾纠纷多元化解机制,加强公共法律服务体系建设,推动法治政府建设各项任务落实落细。"
)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Twelve small reports of different counties."""
    folder = tmp_path_factory.mktemp("corpus")
    for i, county in enumerate(
        ["平遥县", "介休市", "祁县", "太谷区", "榆社县", "左权县", "和顺县", "昔阳县", "寿阳县", "灵石县", "榆次区", "孝义市"]
    ):
        title = TITLE.replace("平遥县", county)
        body = BODY.replace("42件", f"{40 + i}件").replace("210件", f"{200 + i}件") + PROSE
        (folder / f"r{i:02d}.txt").write_text(f"{title}\n{body}\n", encoding="utf-8")
    return folder


def _facts(warehouse: Path) -> list[tuple]:  # type: ignore[type-arg]
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.sql(
            "SELECT r.content_sha256, f.char_start, f.value, f.unit "
            "FROM fact_statistic f JOIN dim_report r USING (report_key) ORDER BY 1, 2"
        ).fetchall()


def test_worker_processes_give_the_same_facts_as_one_process(corpus: Path, tmp_path: Path) -> None:
    one = run_local([str(corpus)], Settings(warehouse=tmp_path / "one.duckdb", workers=1, chunk_size=4))
    two = run_local([str(corpus)], Settings(warehouse=tmp_path / "two.duckdb", workers=2, chunk_size=4))
    assert one.audit["documents_published"] == two.audit["documents_published"] == 12
    assert _facts(tmp_path / "one.duckdb") == _facts(tmp_path / "two.duckdb")


def test_the_flow_on_a_local_dask_cluster(
    prefect_harness: None, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from distributed import LocalCluster

    from flows.load import load_reports

    reference = tmp_path / "ref.duckdb"
    run_local([str(corpus)], Settings(warehouse=reference, workers=1))
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        monkeypatch.setenv("FAZHI_DASK_ADDRESS", cluster.scheduler_address)
        monkeypatch.setenv("FAZHI_CHUNK_SIZE", "3")
        state = load_reports([str(corpus)], str(tmp_path / "dask.duckdb"), return_state=True)
        assert state.is_completed(), state.message
        worker_logs = cluster.get_logs()
    assert state.result().audit["documents_published"] == 12
    assert _facts(tmp_path / "dask.duckdb") == _facts(reference)
    assert worker_logs  # the cluster really ran
