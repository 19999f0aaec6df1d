"""`evalforge run`: one experiment on the embedded engine or a server, followed to the end.

Exit codes: 0 gate passed (or no gate), 1 gate failed, 2 invalid suite or dataset,
3 interrupted (Ctrl-C; summary.json is written, marked partial), 4 every sample errored.
"""

import asyncio
import json
import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from app.evaluators.graders.tools import KINDS as TOOL_KINDS
from app.experiments import python_target
from app.suites import embedded, gates, report
from app.suites.client import ApiError, SuiteClient
from app.suites.dataset import Samples
from app.suites.display import Display
from app.suites.schema import Suite

PASSED, GATE_FAILED, INVALID, INTERRUPTED, ALL_ERRORED = 0, 1, 2, 3, 4
SETTLE_S = 30.0  # after the experiment ended, how long its last runs may take to finish


@dataclass
class Options:
    output: Path | None = None
    junit: Path | None = None
    display: str | None = None
    db: Path | None = None
    server: str = ""
    api_key: str = ""
    poll_s: float = 0.5
    verdict: str = ""  # "pinned" or a baseline experiment id: gate on the server's verdict


@dataclass
class Follow:
    """What has been seen of the experiment so far."""

    suite: Suite
    samples: Samples
    out: Path
    rows: list[dict]
    experiment: dict | None = None
    partial: bool = False
    verdict: dict | None = None
    server_summary: dict | None = None  # the results' summary, as last read


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.\-]+", "-", text).strip("-")[:150] or "suite"


async def _setup(client: SuiteClient, suite: Suite, samples: Samples, model: str | None) -> dict:
    """Dataset, evaluators, prompt; then the experiment, created and started."""
    dataset_id = await client.dataset(_slug(samples.path.stem), samples.jsonl())
    evaluator_ids = [await client.evaluator(_slug(suite.name), g) for g in suite.graders.values()]
    config = dict(suite.target.config)
    if model is not None:
        config = {"model": model}
    if suite.target.prompt:
        name = _slug(f"suite-{suite.name}")
        config.update(prompt_name=name, prompt_version=await client.prompt(name, suite.target.prompt))
    if suite.concurrency:
        config["max_concurrency"] = suite.concurrency
    if suite.repetitions > 1:
        config["repetitions"] = suite.repetitions
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S")
    return await client.experiment({
        "name": f"{suite.name} {stamp}", "dataset_id": dataset_id, "config": config,
        "evaluator_ids": evaluator_ids,
        "metadata": {"suite": suite.name, "target": suite.target.kind,
                     "factory": suite.target.factory or None, "runner": "evalforge run"}})


async def _follow(client: SuiteClient, engine: Any, state: Follow, display: Display,
                  poll_s: float) -> None:
    total = len(state.samples.records) * state.suite.repetitions
    # Full results (every row) are read when 2% more samples finished, or at the end: about
    # fifty reads whatever the size, where reading at every poll cost a quarter of the run.
    step = max(1, total // 50)
    display.start(state.suite.name, total)
    settled_by = None
    with (state.out / "results.jsonl").open("a", encoding="utf-8") as sink:
        while True:
            status, finished = await client.progress(state.experiment)
            if status in report.FINISHED or finished - len(state.rows) >= step:
                body = await client.results(state.experiment["id"])
                state.server_summary = body.get("summary")
                await _record(body["results"], engine, state, sink)
                _progress(display, state.rows, list(state.suite.graders))
                if body["status"] in report.FINISHED:
                    # A tripped breaker fails the experiment while runs already in flight
                    # still finish (failed or skipped): wait for them, for a bounded time.
                    settled_by = settled_by or time.monotonic() + SETTLE_S
                    if (all(r["status"] in report.FINISHED for r in body["results"])
                            or time.monotonic() > settled_by):
                        return
            await asyncio.sleep(poll_s)


async def _record(results: list[dict], engine: Any, state: Follow, sink: Any) -> None:
    """Append the samples finished since the last read to results.jsonl (dataset order)."""
    seen = {row["run_id"] for row in state.rows}
    fresh = [(i, r) for i, r in enumerate(results) if r["status"] in report.FINISHED and r["id"] not in seen]
    if fresh and engine is not None:
        found = await engine.messages([r["id"] for _, r in fresh])
        for _, r in fresh:
            r["messages"] = found.get(r["id"])
    for i, r in fresh:
        # Rows come in dataset order, a sample's repetitions next to each other.
        line, record = state.samples.records[i // state.suite.repetitions]
        row = report.sample_row(r, line, record, i, list(state.suite.graders))
        state.rows.append(row)
        sink.write(json.dumps({k: v for k, v in row.items() if k != "run_id"},
                              ensure_ascii=False, default=str) + "\n")
    sink.flush()


def _progress(display: Display, rows: list[dict], metrics: list[str]) -> None:
    errors = sum(1 for r in rows if any(r["scores"][m]["status"] != "ok" for m in metrics))
    passed = sum(1 for r in rows if all(r["scores"][m]["status"] == "ok"
                                        and r["scores"][m]["score"] >= 1.0 for m in metrics))
    cost = report.usage(rows)["cost"]
    display.update(len(rows), passed, errors, cost)


def summarize(state: Follow, link: str) -> tuple[dict, int]:
    """summary.json's content and the exit code."""
    suite, rows, metrics = state.suite, state.rows, list(state.suite.graders)
    summary: dict[str, Any] = {
        "suite": suite.name, "experiment_id": (state.experiment or {}).get("id"), "link": link,
        "partial": state.partial, "samples": len(state.samples.records), "finished": len(rows),
        "metrics": {m: report.metric_stats(rows, m) for m in metrics},
        "usage": report.usage(rows),
    }
    tool_metrics = [m for m, g in suite.graders.items() if g.kind in TOOL_KINDS]
    if tool_metrics:  # tool-call accuracy (issue 12): % of samples each tool grader passed
        summary["tool_accuracy"] = {m: summary["metrics"][m]["accuracy"] for m in tool_metrics}
    if state.server_summary:  # the response cache and the cost budget (issue 11)
        summary["cache_hits"] = state.server_summary.get("cache_hits", 0)
        summary["budget_exhausted"] = state.server_summary.get("budget_exhausted", False)
    code = PASSED
    if state.partial:
        code = INTERRUPTED
    elif report.all_errored(rows, metrics) or not rows:
        code = ALL_ERRORED
    if suite.repetitions > 1:
        # The server's per-item statistics (app/experiments/repetitions.py).
        server = state.server_summary or {}
        summary["repetitions"] = suite.repetitions
        summary["flaky_samples"] = server.get("flaky_items")
        summary["pass_at_k"] = server.get("pass_at_k")
    if suite.gate is not None:
        # One value per sample: the mean over its repetitions (its only run without them).
        values, samples = report.item_means(rows, metrics)
        passed, lines = gates.evaluate(suite.gate, values, samples)
        summary["gate"] = {"passed": passed, "lines": lines}
        if code == PASSED and not passed:
            code = GATE_FAILED
    if state.verdict is not None:
        summary["verdict"] = {k: state.verdict[k] for k in ("verdict", "baseline_id", "reasons")}
        if code == PASSED and state.verdict["verdict"] == "fail":
            code = GATE_FAILED
    summary["exit_code"] = code
    return summary, code


async def _execute(client: SuiteClient, engine: Any, state: Follow, opts: Options,
                   display: Display) -> None:
    key = None
    try:
        if state.suite.target.kind == "python":
            base = state.suite.base
            key = python_target.register(python_target.load_factory(state.suite.target.factory, base))
        state.experiment = await _setup(client, state.suite, state.samples, key)
        await _follow(client, engine, state, display, opts.poll_s)
        if opts.verdict:
            state.verdict = await client.verdict(state.experiment["id"], opts.verdict)
    except (asyncio.CancelledError, KeyboardInterrupt):
        state.partial = True
        display.stop()
        if state.experiment is not None:
            await asyncio.shield(client.cancel(state.experiment["id"]))
    finally:
        if key is not None:
            python_target.unregister(key)


async def run(suite: Suite, samples: Samples, opts: Options) -> int:
    display = Display(opts.display)
    out = opts.output or suite.output or Path("evalforge-results") / _slug(suite.name)
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.jsonl").write_text("")
    state = Follow(suite, samples, out, [])
    link = ""
    try:
        if opts.server:
            headers = {"Authorization": f"Bearer {opts.api_key}"}
            async with httpx.AsyncClient(base_url=opts.server.rstrip("/"), headers=headers,
                                         timeout=60) as http:
                # Progress from the server's event stream; the embedded app keeps polling
                # (its in-memory transport hands over a response only once it is complete).
                await _execute(SuiteClient(http, follow=True), None, state, opts, display)
            if state.experiment:
                link = f"{opts.server.rstrip('/')}/ui/experiments/{state.experiment['id']}/"
        else:
            async with embedded.start(opts.db, suite.concurrency) as engine:
                await _execute(SuiteClient(engine.http), engine, state, opts, display)
            link = f"sqlite database {engine.url}" if engine.url else ""
    except (ApiError, python_target.FactoryError, httpx.TransportError) as exc:
        display.error(f"error: {exc}")
        return INVALID
    summary, code = summarize(state, link)
    report.write_summary(out / "summary.json", summary)
    if opts.junit:
        report.write_junit(opts.junit, suite.name, state.rows, list(suite.graders))
    display.finish(summary)
    if "verdict" in summary:
        verdict = summary["verdict"]
        display.say(f"verdict: {verdict['verdict'].upper()} against baseline {verdict['baseline_id']}")
        for reason in verdict["reasons"]:
            display.say(f"  {reason}")
    display.say(f"results: {out / 'results.jsonl'}, summary: {out / 'summary.json'}")
    if link:
        display.say(f"experiment: {link}")
    return code
