"""The performance benchmarks of issue #8, in one command, printing a table of figures.

Run: make bench            (or .venv/bin/python bench/run.py [--reports N] [--skip-prefect])

1. extraction alone: M characters/s on one core, next to a bare re.finditer(r"\\d+") pass;
2. end to end without Prefect (fazhi.pipeline.run_local, same stages) with per-stage seconds;
3. end to end with Prefect: `fazhi run` against a running `prefect server` (as scheduled runs use
   it), wall time and peak memory of the whole process tree;
4. a no-change rerun and adding one report to the full warehouse (flow time from load_audit);
5. every mart view and example analytic query on a warehouse of >= 1 M facts.
Ratios are measured in the same run: absolute times drift with the machine's load.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import duckdb
import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.corpus import write_corpus  # noqa: E402
from fazhi.discover import discover  # noqa: E402
from fazhi.extract import extract_statistics  # noqa: E402
from fazhi.pipeline import load_files, read_documents  # noqa: E402
from fazhi.warehouse.sql import ensure_schema, refresh_marts  # noqa: E402

CORPUS = ROOT / "bench" / "corpus"
OUT = ROOT / "bench" / "out"
FAZHI = str(ROOT / ".venv" / "bin" / "fazhi")
PREFECT = str(ROOT / ".venv" / "bin" / "prefect")
rows: list[tuple[str, str, str, str]] = []


def report(name: str, value: str, target: str = "", verdict: str = "") -> None:
    """Add a line to the result table and print it at once."""
    rows.append((name, value, target, verdict))
    print(f"  {name:<58} {value:>16}  {target:<14} {verdict}", flush=True)


def ok(passed: bool) -> str:
    """PASS or MISS."""
    return "PASS" if passed else "MISS"


def ensure_corpus(count: int) -> Path:
    """The benchmark corpus of `count` reports (generated once; deterministic)."""
    marker = CORPUS / f".complete-{count}"
    if not marker.exists():
        shutil.rmtree(CORPUS, ignore_errors=True)
        began = time.perf_counter()
        write_corpus(CORPUS, count)
        marker.touch()
        print(f"generated {count} reports in {time.perf_counter() - began:.0f} s into {CORPUS}")
    return CORPUS


def bench_extraction(corpus: Path, sample: int) -> None:
    """Extraction throughput on one core next to a bare digit scan of the same texts."""
    found, _ = discover([str(corpus)])
    raws, _ = load_files([s for s in found if s.uri.endswith((".html", ".txt"))][:sample])
    docs, _ = read_documents(raws)
    texts = [d.body_text for d in docs]
    chars = sum(map(len, texts))
    digit = re.compile(r"\d+")
    best_scan = best_extract = float("inf")
    for _ in range(3):
        began = time.process_time()
        runs = sum(1 for t in texts for _ in digit.finditer(t))
        best_scan = min(best_scan, time.process_time() - began)
        began = time.process_time()
        stats = sum(len(extract_statistics(t, 2023)) for t in texts)
        best_extract = min(best_extract, time.process_time() - began)
    report(f"extraction corpus ({len(texts)} docs, {chars / 1e6:.1f} M chars, {stats} stats)", "", "", "")
    report('bare re.finditer(r"\\d+") (M chars/s, one core)', f"{chars / best_scan / 1e6:.1f}", "", f"{runs} runs")
    speed = chars / best_extract / 1e6
    report("extract_statistics (M chars/s, one core)", f"{speed:.2f}", ">= 1.0", ok(speed >= 1.0))


class PeakMemory:
    """Polls the summed RSS of a process and its children until stopped."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak, self._stop = pid, 0, threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)
        self._thread.start()

    def _poll(self) -> None:
        while not self._stop.is_set():
            try:
                root = psutil.Process(self.pid)
                total = root.memory_info().rss + sum(c.memory_info().rss for c in root.children(recursive=True))
                self.peak = max(self.peak, total)
            except psutil.Error:
                pass
            time.sleep(0.2)

    def stop(self) -> int:
        """Stop polling; the peak in bytes."""
        self._stop.set()
        self._thread.join()
        return self.peak


def bench_local(corpus: Path, warehouse: Path) -> float:
    """The same stages without Prefect, in a child process (so its memory is measured alone)."""
    warehouse.unlink(missing_ok=True)
    code = (
        "import json,sys,time\n"
        "from pathlib import Path\n"
        "from fazhi.config import Settings\n"
        "from fazhi.pipeline import run_local\n"
        "if __name__ == '__main__':\n"
        "    t = {}\n"
        f"    s = run_local([{str(corpus)!r}], Settings.from_env({str(warehouse)!r}), t)\n"
        "    print(json.dumps({'timings': t, 'audit': {k: str(v) for k, v in s.audit.items()}}))\n"
    )
    began = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    memory = PeakMemory(process.pid)
    out, _ = process.communicate()
    wall = time.perf_counter() - began
    peak = memory.stop()
    import json

    result = json.loads(out.strip().splitlines()[-1])
    report(
        f"no Prefect: {result['audit']['documents_published']} reports, {result['audit']['facts_published']} facts (s)",
        f"{wall:.1f}",
        "",
        "",
    )
    for stage, seconds in result["timings"].items():
        report(f"  stage {stage} (s)", f"{seconds:.1f}", "", f"{seconds / wall:.0%}")
    report("no Prefect: peak memory of the process tree (MB)", f"{peak / 1e6:.0f}", "<= 1500", ok(peak <= 1.5e9))
    return wall


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_prefect_server(home: Path) -> tuple[subprocess.Popen[bytes], dict[str, str]]:
    """A real Prefect server on loopback with its own PREFECT_HOME; returns it and the env to use it."""
    port = free_port()
    env = {
        **os.environ,
        "PREFECT_HOME": str(home),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "DO_NOT_TRACK": "1",
        "PREFECT_LOGGING_LEVEL": "WARNING",
    }
    server = subprocess.Popen(
        [PREFECT, "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/api"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=2) as response:
                if response.status == 200:
                    return server, {**env, "PREFECT_API_URL": url}
        except OSError:
            time.sleep(0.5)
    server.kill()
    raise SystemExit("the Prefect server did not start within 120 s")


def run_cli(args: list[str], env: dict[str, str]) -> tuple[float, int, int]:
    """`fazhi run …` as a process: wall seconds, peak RSS of its tree, exit code."""
    began = time.perf_counter()
    process = subprocess.Popen([FAZHI, "run", *args], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    memory = PeakMemory(process.pid)
    out, _ = process.communicate()
    wall = time.perf_counter() - began
    if process.returncode not in (0, 3):
        print(out.decode(errors="replace")[-3000:])
    return wall, memory.stop(), process.returncode


def last_load_seconds(warehouse: Path) -> tuple[float, dict[str, int]]:
    """Flow time of the last load (load_audit) and its counts."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        row = con.sql(
            """SELECT epoch(finished_at - started_at), documents_seen, documents_published, documents_skipped,
                      documents_quarantined, facts_published
               FROM load_audit ORDER BY started_at DESC LIMIT 1"""
        ).fetchall()[0]
    names = ("seen", "published", "skipped", "quarantined", "facts")
    return float(row[0]), dict(zip(names, (int(v) for v in row[1:]), strict=True))


def bench_prefect(corpus: Path, warehouse: Path, local_wall: float) -> None:
    """End to end with a running Prefect server, then a no-change rerun and one added report."""
    home = Path(tempfile.mkdtemp(prefix="fazhi-bench-prefect-"))
    server, env = start_prefect_server(home)
    try:
        warehouse.unlink(missing_ok=True)
        wall, peak, code = run_cli([str(corpus), "--warehouse", str(warehouse)], env)
        flow_seconds, counts = last_load_seconds(warehouse)
        report(
            f"Prefect: {counts['published']} reports, {counts['facts']} facts, exit {code} (s wall)",
            f"{wall:.1f}",
            "<= 120",
            ok(wall <= 120),
        )
        report("  of which the flow itself (load_audit) (s)", f"{flow_seconds:.1f}", "", "")
        overhead = max(0.0, wall - local_wall) / wall
        report("  orchestration share: (Prefect wall - no-Prefect wall) / wall", f"{overhead:.0%}", "", "")
        report("Prefect: peak memory of the process tree (MB)", f"{peak / 1e6:.0f}", "<= 1500", ok(peak <= 1.5e9))
        wall, _, code = run_cli([str(corpus), "--warehouse", str(warehouse)], env)
        flow_seconds, counts = last_load_seconds(warehouse)
        report(
            f"no-change rerun: {counts['skipped']} skipped (s flow time)", f"{flow_seconds:.1f}", "<= 5", ok(flow_seconds <= 5)
        )
        report("  wall incl. process start and Prefect client (s)", f"{wall:.1f}", "", "")
        extra = Path(tempfile.mkdtemp(prefix="fazhi-bench-one-"))
        one = write_corpus(extra, 1, seed=4242)[0]
        wall, _, code = run_cli([str(one), "--warehouse", str(warehouse)], env)
        flow_seconds, counts = last_load_seconds(warehouse)
        report(
            f"add one report to the full warehouse: {counts['published']} published (s flow)",
            f"{flow_seconds:.1f}",
            "<= 10",
            ok(flow_seconds <= 10),
        )
        report("  wall incl. process start (s)", f"{wall:.1f}", "", "")
        shutil.rmtree(extra, ignore_errors=True)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        shutil.rmtree(home, ignore_errors=True)


def grow(warehouse: Path, big: Path, target_facts: int) -> int:
    """A copy of the warehouse whose reports are replicated into earlier years until >= target_facts."""
    shutil.copyfile(warehouse, big)
    with duckdb.connect(str(big)) as con:
        facts = con.sql("SELECT count(*) FROM fact_statistic").fetchall()[0][0]
        copies = max(0, -(-target_facts // max(facts, 1)) - 1)
        for i in range(1, copies + 1):
            params = {"salt": i * 1_000_003, "years": i}
            con.execute(
                """INSERT INTO dim_report SELECT * REPLACE (xor(report_key, $salt) AS report_key,
                       xor(series_key, $salt) AS series_key, report_year - $years AS report_year, 'replica' AS load_id)
                   FROM dim_report WHERE load_id <> 'replica'""",
                params,
            )
            con.execute(
                """INSERT INTO fact_statistic SELECT * REPLACE (xor(statistic_key, $salt) AS statistic_key,
                       xor(report_key, $salt) AS report_key,
                       CASE WHEN parent_statistic_key IS NULL THEN NULL ELSE xor(parent_statistic_key, $salt) END
                         AS parent_statistic_key,
                       period_year - $years AS period_year, 'replica' AS load_id)
                   FROM fact_statistic WHERE load_id <> 'replica'""",
                params,
            )
        # the replicas bypassed publish: rebuild the materialised marts as a catalog change would
        ensure_schema(con)
        refresh_marts(con, "", full=True)
        con.execute("CHECKPOINT")
        return int(con.sql("SELECT count(*) FROM fact_statistic").fetchall()[0][0])


def bench_queries(warehouse: Path, target_facts: int) -> None:
    """Every mart view and example analytic query on >= target_facts facts: fully executed, best of 3."""
    big = warehouse.with_name("big.duckdb")
    total = grow(warehouse, big, target_facts)
    report("query warehouse: facts", f"{total:,}", f">= {target_facts:,}", ok(total >= target_facts))
    with duckdb.connect(str(big)) as con:
        views = [r[0] for r in con.sql("SELECT view_name FROM duckdb_views() WHERE NOT internal ORDER BY 1").fetchall()]
        queries = {f"view {v}": f"SELECT * FROM {v}" for v in views}
        for path in sorted((ROOT / "sql" / "analytics").glob("*.sql")):
            queries[f"analytics {path.stem}"] = path.read_text(encoding="utf-8").rstrip().rstrip(";")
        for name, sql in queries.items():
            best = float("inf")
            for _ in range(3):
                began = time.perf_counter()
                con.execute(f"CREATE OR REPLACE TEMP TABLE bench_result AS {sql}")  # our own SQL files
                best = min(best, time.perf_counter() - began)
            count = con.sql("SELECT count(*) FROM bench_result").fetchall()[0][0]
            report(f"  {name} ({count:,} rows) (ms)", f"{best * 1000:.0f}", "<= 200", ok(best <= 0.2))
    big.unlink(missing_ok=True)


def main() -> None:
    """Run every benchmark and print the table."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--extract-sample", type=int, default=2000)
    parser.add_argument("--facts", type=int, default=1_000_000)
    parser.add_argument("--skip-prefect", action="store_true")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    print(f"machine: {os.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GiB, Python {sys.version.split()[0]}")
    corpus = ensure_corpus(args.reports)
    bench_extraction(corpus, args.extract_sample)
    local_wall = bench_local(corpus, OUT / "local.duckdb")
    warehouse = OUT / "prefect.duckdb"
    if args.skip_prefect:
        shutil.copyfile(OUT / "local.duckdb", warehouse)
    else:
        bench_prefect(corpus, warehouse, local_wall)
    bench_queries(warehouse, args.facts)
    misses = [r for r in rows if r[3] == "MISS"]
    print(f"\n{len(rows)} figures, {len(misses)} targets missed")


if __name__ == "__main__":
    main()
