"""Experiment engine throughput side by side with promptfoo (issue 7): `make bench-engine`.

    python -m bench.bench_engine [--items 1000] [--latency-ms 50] [--concurrency 16,64]
        [--shapes embedded,production] [--workers 2] [--judge] [--skip-promptfoo]
        [--promptfoo-prefix DIR] [--client-calls 1000] [--keep-logs]

The fake model server (`python -m bench.fakellm`, asyncio) runs in its own process and is not
counted. Per concurrency C: the evalforge cells (bench/engine_cells.py: fresh database and
processes per cell, warm-up experiment, then N items with one exact_match evaluator from the
start request to `completed`), then promptfoo on the same N cases (bench/promptfoo_side.py,
its own Duration figure). --judge adds llm_judge rows (two model calls per item) and their
promptfoo llm-rubric peers.

The "app.llm alone" row per C is that client by itself on the same fake (bench/bench_llm.py's
"app" cell, --client-calls calls): the floor under any engine on this machine at that moment.
CPU ms per run is the CPU of the evalforge processes / N. Its model-client share is not
instrumented inside the engine: it is measured alone, in a separate process, as the CPU per
`app.llm.complete` call against the same fake at the same C (bench/bench_llm.py's "app"
cell), times the calls per item; "rest" is the total minus that estimate.
In flight: the most model requests the fake server had at once during the timed run.
Loop wait: the longest time any evalforge process's event loop (main thread) was runnable
but waiting for a CPU during the timed run (/proc schedstat): what a busy machine costs.
Peak RSS is VmHWM over the process's life; the growth in brackets is the peak RSS during the
timed run (VmHWM reset through clear_refs after the warm-up) minus the RSS after the warm-up.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path

from bench import bench_llm, promptfoo_side
from bench.engine_cells import ROOT, cell, free_port
from bench.workload import Workload, fake_stats

COLUMNS = ("shape", "evaluator", "C", "in flight", "wall s", "ideal s", "ratio", "runs/s",
           "CPU ms/run", "model client ≈", "rest", "loop wait s", "peak RSS MB (growth)",
           "× promptfoo")


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def start_fake(latency_ms: float) -> tuple[subprocess.Popen, str]:
    port = free_port()
    fake = subprocess.Popen([sys.executable, "-m", "bench.fakellm", "--port", str(port),
                             "--latency-ms", str(latency_ms)], cwd=ROOT, stdout=subprocess.PIPE)
    fake.stdout.readline()  # "listening"
    return fake, f"http://127.0.0.1:{port}/v1"


def client_alone(calls: int, work: Workload, fake_url: str) -> dict:
    """app.llm.complete alone at this concurrency, in a process of its own: its CPU per call
    (the model-client share of a run) and its calls/s (the floor under any engine)."""
    fake_stats(fake_url, reset=True)
    cell = bench_llm.run_cell("app", calls, 0, work.concurrency, fake_url)
    return {"side": "client", "shape": "app.llm alone", "evaluator": "–",
            "concurrency": work.concurrency, "items": calls, "status": "completed",
            "completed": calls, "wall_s": calls / cell["calls_per_s"],
            "cpu_ms_per_call": cell["cpu_ms_per_call"],
            "max_in_flight": fake_stats(fake_url)["max_in_flight"]}


def run_cells(args: argparse.Namespace, fake: subprocess.Popen, fake_url: str,
              logroot: Path) -> tuple[list[dict], dict[int, float]]:
    rows: list[dict] = []
    client_ms: dict[int, float] = {}
    pf = None if args.skip_promptfoo else promptfoo_side.install(args.promptfoo_prefix)
    for concurrency in (int(c) for c in args.concurrency.split(",")):
        alone = client_alone(args.client_calls, Workload(1, concurrency, args.latency_ms), fake_url)
        client_ms[concurrency] = alone["cpu_ms_per_call"]
        print(json.dumps(alone), flush=True)
        rows.append(alone)
        for judge in (False, True) if args.judge else (False,):
            work = Workload(args.items, concurrency, args.latency_ms, judge)
            for shape in args.shapes.split(","):
                logdir = logroot / f"{shape}-{work.evaluator}-c{concurrency}"
                logdir.mkdir()
                rows.append(_guarded(shape, work, logdir, _evalforge_cell, shape, work,
                                     args.workers, fake_url, fake.pid, logdir))
            if pf is not None:
                logdir = logroot / f"promptfoo-{work.evaluator}-c{concurrency}"
                rows.append(_guarded("promptfoo", work, logdir, promptfoo_side.run,
                                     *pf, work, fake_url, logdir))
    return rows, client_ms


def _evalforge_cell(*args: object) -> dict:
    return asyncio.run(cell(*args))


def _guarded(shape: str, work: Workload, logdir: Path, run: Callable[..., dict],
             *args: object) -> dict:
    """Run one cell; a failure becomes a row that says where the logs are."""
    try:
        row = run(*args)
    except Exception:  # noqa: BLE001 - one failed cell must not hide the others
        traceback.print_exc()
        row = {"side": "error", "shape": shape, "evaluator": work.evaluator,
               "concurrency": work.concurrency, "items": work.items, "status": "error"}
    row["logdir"] = str(logdir)
    print(json.dumps(row), flush=True)
    return row


def _fmt_rss(row: dict) -> str:
    """Peak RSS per process; evalforge's with its growth during the timed run in brackets."""
    warm, during = row.get("rss_warm_mb") or {}, row.get("peak_run_mb") or {}
    return ", ".join(f"{role} {peak:.0f}" + (f" (+{during[role] - warm[role]:.0f})"
                                               if role in warm else "")
                     for role, peak in row.get("peak_rss_mb", {}).items()) or "–"


PEER = {"exact_match": "equals", "llm_judge": "llm-rubric"}


def _columns(r: dict, work: Workload, client_ms: dict[int, float],
             peers: dict[tuple[int, str], float]) -> tuple[str, ...]:
    """wall, CPU ms/run, model client, rest, loop wait, × promptfoo of one row."""
    wall, runs_s = r["wall_s"], r["items"] / r["wall_s"]
    if r["side"] == "client":
        cpu = r["cpu_ms_per_call"]
        return f"{wall:.2f}", f"{cpu:.2f}", f"{cpu:.2f}", "–", "–", "–"
    cpu = sum(r["cpu_s"].values()) * 1000 / r["items"]
    if r["side"] == "promptfoo":
        return f"{wall:.2f} (process {r['process_wall_s']:.2f})", f"{cpu:.2f}", "–", "–", "–", "1.00"
    model = client_ms[r["concurrency"]] * work.calls_per_item
    peer = peers.get((r["concurrency"], PEER[r["evaluator"]]))
    return (f"{wall:.2f}", f"{cpu:.2f}", f"{model:.2f}", f"{cpu - model:.2f}",
            f"{max(r['loop_wait_s'].values()):.2f}", f"{runs_s / peer:.2f}" if peer else "–")


def render(rows: list[dict], client_ms: dict[int, float], latency_ms: float) -> list[str]:
    peers = {(r["concurrency"], r["evaluator"]): r["items"] / r["wall_s"]
             for r in rows if r["side"] == "promptfoo"}
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    for r in rows:
        work = Workload(r["items"], r["concurrency"], latency_ms,
                        judge=r["evaluator"] in ("llm_judge", "llm-rubric"))
        if r["side"] == "error" or not r.get("wall_s"):
            lines.append(f"| {r['shape']} | {r['evaluator']} | {r['concurrency']} | | failed: "
                         f"{r['logdir']} |" + " |" * (len(COLUMNS) - 5))
            continue
        done = r.get("passed", r["completed"])  # cases whose check passed
        shape = r["shape"] if done == r["items"] and r["status"] == "completed" else (
            f"{r['shape']} ({r['status']}, {done}/{r['items']})")
        wall_s, cpu, client, rest, wait, versus = _columns(r, work, client_ms, peers)
        lines.append(f"| {shape} | {r['evaluator']} | {r['concurrency']} "
                     f"| {r.get('max_in_flight', '–')} | {wall_s} "
                     f"| {work.ideal_s:.2f} | {r['wall_s'] / work.ideal_s:.2f} "
                     f"| {r['items'] / r['wall_s']:.1f} | {cpu} | {client} | {rest} | {wait} "
                     f"| {_fmt_rss(r)} | {versus} |")
    return lines


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--latency-ms", type=float, default=50)
    parser.add_argument("--concurrency", default="16,64")
    parser.add_argument("--shapes", default="embedded,production")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--judge", action="store_true", help="add llm_judge / llm-rubric rows")
    parser.add_argument("--skip-promptfoo", action="store_true")
    parser.add_argument("--promptfoo-prefix", type=Path, default=promptfoo_side.DEFAULT_PREFIX,
                        help="where promptfoo and Node 22 are (installed when missing)")
    parser.add_argument("--client-calls", type=int, default=1000,
                        help="calls timed for the model client's CPU per call")
    parser.add_argument("--keep-logs", action="store_true")
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    load_start = load()
    print(f"load average at start: {load_start} ({os.cpu_count()} CPUs)", flush=True)
    logroot = Path(tempfile.mkdtemp(prefix="bench-engine-"))
    fake, fake_url = start_fake(args.latency_ms)
    try:
        rows, client_ms = run_cells(args, fake, fake_url, logroot)
    finally:
        fake.terminate()
        fake.wait(10)
    print(f"\n{args.items} items, fake model latency {args.latency_ms:g} ms; "
          f"load average at start {load_start}, at end {load()} ({os.cpu_count()} CPUs)\n")
    print("\n".join(render(rows, client_ms, args.latency_ms)))
    failed = [r for r in rows if r["status"] != "completed"
              or r.get("passed", r.get("completed")) != r["items"]]
    if failed or args.keep_logs:
        print(f"\nlogs kept in {logroot}")
    else:
        shutil.rmtree(logroot, ignore_errors=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
