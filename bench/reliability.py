"""Reliability figures: kills survived, inputs accounted for, runs compared, time/memory per bad input.

Run: .venv/bin/python bench/reliability.py [--reports N] [--cli]
  --reports N  size of the crash corpus (default 200 synthetic reports)
  --cli        also kill the real `fazhi run` (Prefect flow) and load the bad inputs through it
The same scenarios as tests/reliability/ (shared corpus builder and checks), without pytest.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import signal
import sys
import tempfile
import time
from collections import Counter
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fazhi.discover import discover, load_raw  # noqa: E402 - after the path set-up above
from fazhi.extract import extract_statistics  # noqa: E402
from fazhi.model import InputError  # noqa: E402
from fazhi.read import read_document  # noqa: E402
from fazhi.warehouse.lock import load_lock  # noqa: E402
from tests.reliability import harness  # noqa: E402
from tests.reliability.corpus import bad_inputs, good_reports, republished  # noqa: E402

PER_INPUT_TIMEOUT = 120  # seconds one input may take to read and extract before it counts as a hang


def _status_kb(field: str) -> int:
    """A memory figure of this process from /proc/self/status (VmRSS, VmHWM), in kB."""
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def crash(corpus: Path, work: Path, env: dict[str, str], cli_env: dict[str, str] | None) -> tuple[list[str], int, int, int]:
    """Kill a load at every checkpoint; returns report lines, kills survived, kills made, runs compared equal."""
    inputs = {str(p) for p in corpus.iterdir()}
    half = len(inputs) // 2
    reference_wh, half_wh = work / "reference" / "fazhi.duckdb", work / "half" / "fazhi.duckdb"
    started = time.monotonic()
    assert harness.driver_run([str(corpus)], reference_wh, env).returncode == 0, "the reference load failed"
    reference_seconds = time.monotonic() - started
    assert harness.driver_run([str(p) for p in sorted(corpus.iterdir())[:half]], half_wh, env).returncode == 0
    reference, facts = harness.checksums(reference_wh), harness.facts_per_report(reference_wh)
    lines = [f"  reference load of {len(inputs)} reports: {reference_seconds:.1f} s, {sum(facts.values())} facts"]
    cases = [("driver", c, n) for c, n in harness.kill_points(half)]
    if cli_env:
        cases += [("cli", "extract:item", half // 3), ("cli", "publish:in_transaction", 1)]
    survived = compared = 0
    for runner, checkpoint, after in cases:
        warehouse = work / f"{runner}-{checkpoint.replace(':', '-')}" / "fazhi.duckdb"
        warehouse.parent.mkdir(parents=True)
        shutil.copyfile(half_wh, warehouse)
        before = harness.checksums(warehouse)
        run = harness.cli_run if runner == "cli" else harness.driver_run
        use_env = cli_env if runner == "cli" and cli_env else env
        killed = run([str(corpus)], warehouse, harness.faulted(use_env, checkpoint, after))
        problems = [] if killed.killed else [f"not killed (exit {killed.returncode})"]
        problems += harness.after_kill_problems(warehouse, checkpoint, before, reference, facts)
        rerun = run([str(corpus)], warehouse, use_env)
        rerun_problems = harness.rerun_problems(warehouse, rerun, inputs, reference)
        compared += not rerun_problems
        survived += not (problems or rerun_problems)
        verdict = "ok" if not (problems or rerun_problems) else "; ".join(problems + rerun_problems)
        lines.append(
            f"  {runner:6} kill at {checkpoint + '#' + str(after):26} after {killed.seconds:5.1f} s, "
            f"rerun {rerun.seconds:5.1f} s: {verdict}"
        )
    # idempotency: the same inputs again change nothing
    again = work / "again" / "fazhi.duckdb"
    again.parent.mkdir()
    shutil.copyfile(reference_wh, again)
    repeat = harness.driver_run([str(corpus)], again, env)
    same = repeat.returncode == 0 and harness.checksums(again) == reference
    compared += same
    lines.append(
        f"  identical rerun of the reference load: {'identical tables' if same else 'TABLES DIFFER'} ({repeat.seconds:.1f} s)"
    )
    return lines, survived, len(cases), compared


def concurrency(corpus: Path, work: Path, env: dict[str, str]) -> tuple[list[str], int]:
    """Two loads at once (one waits), a busy warehouse (exit 4), then a rerun; returns lines and runs compared equal."""
    reference = harness.checksums(work / "reference" / "fazhi.duckdb")
    warehouse = work / "together" / "fazhi.duckdb"
    command = [*harness.DRIVER, str(warehouse), str(corpus)]
    wait_env = {**env, "FAZHI_LOCK_WAIT": "600"}
    both = [harness.finish(p, 900) for p in [harness.start(command, wait_env), harness.start(command, wait_env)]]
    together_ok = all(o.returncode == 0 for o in both) and harness.checksums(warehouse) == reference
    busy_wh = work / "busy" / "fazhi.duckdb"
    with load_lock(busy_wh, 0):
        busy = harness.driver_run([str(corpus)], busy_wh, {**env, "FAZHI_LOCK_WAIT": "1"})
    busy_ok = busy.returncode == 4 and "another fazhi load" in busy.stderr and not busy_wh.exists()
    rerun = harness.driver_run([str(corpus)], busy_wh, env)
    busy_shown = (
        "exit 4 with the busy message, warehouse untouched"
        if busy_ok
        else f"FAILED: exit {busy.returncode} {busy.stderr[-300:]!r}"
    )
    rerun_ok = rerun.returncode == 0 and harness.checksums(busy_wh) == reference
    return [
        "  two loads started together (one waits for the lock): "
        + ("ok, tables identical to the reference" if together_ok else f"FAILED: exits {[o.returncode for o in both]}"),
        f"  load while another holds the lock: {busy_shown}",
        f"  rerun once the lock is free: {'completes, tables identical to the reference' if rerun_ok else 'FAILED'}",
    ], together_ok + rerun_ok


def _one_input(path: Path, report: int) -> int:
    """Child process: discover, read and extract one input; exit 0 read, 3 held with a reason, 4 internal error.

    Writes the memory it added (peak RSS over RSS at start, kB) to the report pipe."""
    signal.alarm(PER_INPUT_TIMEOUT)
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as handle:
            handle.write("5")  # reset the peak (VmHWM) to the current RSS, so the peak is this input's
    except OSError:
        pass
    start = _status_kb("VmRSS")
    code = 0
    try:
        found, rejected = discover([str(path)])
        if rejected:
            code = 3
        else:
            document = read_document(load_raw(found[0]))
            extract_statistics(document.body_text, document.report_year)
    except InputError:
        code = 3
    except BaseException:  # the figure counts them; the test suite names them
        code = 4
    os.write(report, str(max(0, _status_kb("VmHWM") - start)).encode("ascii"))
    return code


def per_input(folder: Path, names: list[str]) -> list[tuple[str, str, float, float]]:
    """(input, outcome, seconds, peak RSS added in MB) for each input, each in a forked child of this warm process."""
    rows = []
    for name in names:
        read_end, write_end = os.pipe()
        started = time.monotonic()
        pid = os.fork()
        if pid == 0:
            os.close(read_end)
            os._exit(_one_input(folder / name, write_end))
        os.close(write_end)
        _, status = os.waitpid(pid, 0)
        seconds = time.monotonic() - started
        with os.fdopen(read_end, "rb") as pipe:
            added_kb = int(pipe.read() or b"0")
        code = os.waitstatus_to_exitcode(status)
        outcome = {0: "read", 3: "held", 4: "INTERNAL ERROR", -signal.SIGALRM: "TIMEOUT"}.get(code, f"exit {code}")
        rows.append((name, outcome, seconds, added_kb / 1024))
    return rows


def bad(work: Path, env: dict[str, str], cli_env: dict[str, str] | None) -> list[str]:
    """Load the bad-input corpus (twice, one report re-published between) and measure each input alone."""
    folder = work / "bad"
    inputs = bad_inputs(folder)
    warehouse = work / "bad-wh" / "fazhi.duckdb"
    run = harness.cli_run if cli_env else harness.driver_run
    use_env = cli_env or env
    first = run([str(folder)], warehouse, use_env, 600, True)
    ledger = harness.last_load_documents(warehouse)
    given = {str(folder / i.name) for i in inputs}
    outcomes = Counter(o for o, _ in ledger.values())
    reasons = sum(1 for o, r in ledger.values() if o == "published" or (r or "").strip())
    internal = harness.query(warehouse, "SELECT count(*) FROM quarantine WHERE check_name = 'internal_error'")[0][0]
    good_ok = all(ledger.get(str(folder / i.name), ("?",))[0] == "published" for i in inputs if i.expect == "published")
    republished(folder / "good-plain.txt")
    second = run([str(folder)], warehouse, use_env, 600, True)
    second_ledger = harness.last_load_documents(warehouse)
    peak = f"{first.peak_rss_mb:.0f} MB" if first.peak_rss_mb else "n/a (no GNU time)"
    lines = [
        f"  runner: {'fazhi run (CLI)' if cli_env else 'pipeline.run_local (driver)'}",
        f"  inputs accounted for: {len(given & set(ledger))}/{len(given)} "
        f"({', '.join(f'{k} {v}' for k, v in sorted(outcomes.items()))}); with a reason: {reasons}/{len(ledger)}",
        f"  held as internal error (bugs): {internal}; good inputs all published: {good_ok}",
        f"  traceback printed: {harness.TRACEBACK in first.stdout + first.stderr}; exit code {first.returncode}",
        f"  whole load: {first.seconds:.1f} s, peak RSS {peak}",
        f"  second load after one report re-published: exit {second.returncode}, "
        + ", ".join(f"{k} {v}" for k, v in sorted(Counter(o for o, _ in second_ledger.values()).items())),
        "  each input alone (discover+read+extract in a forked warm process):",
        f"    {'input':42} {'outcome':15} {'seconds':>8} {'+RSS MB':>8}",
    ]
    for name, outcome, seconds, extra in per_input(folder, [i.name for i in inputs]):
        shown = name.replace("\n", "\\n")[:42]
        lines.append(f"    {shown:42} {outcome:15} {seconds:8.2f} {extra:8.1f}")
    return lines


def main() -> None:
    """Run every scenario and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=200)
    parser.add_argument("--cli", action="store_true")
    args = parser.parse_args()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="fazhi-reliability-") as tmp, ExitStack() as stack:
        work = Path(tmp)
        env = harness.base_env(work / "prefect-home-unused")
        cli_env = stack.enter_context(harness.prefect_server(work / "prefect-home")) if args.cli else None
        corpus = work / "reports"
        good_reports(corpus, args.reports)
        print(f"fazhi reliability figures ({os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f})")
        print("crash consistency (kill -9 of the whole load, then a plain rerun):")
        lines, survived, kills, compared = crash(corpus, work, env, cli_env)
        print("\n".join(lines))
        print("concurrency:")
        more, compared_more = concurrency(corpus, work, env)
        print("\n".join(more))
        print("bad inputs:")
        print("\n".join(bad(work, env, cli_env)))
        print("summary:")
        print(f"  kills survived: {survived}/{kills}")
        print(f"  runs compared with identical published tables: {compared + compared_more}/{kills + 3}")
    print(
        f"  bench time: {time.monotonic() - started:.0f} s; peak RSS of any run: "
        f"{resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.0f} MB"
    )


if __name__ == "__main__":
    main()
