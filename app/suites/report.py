"""Per-sample rows, per-metric statistics, summary.json and JUnit XML.

Honest denominators: a sample whose target failed has every metric under status
`target_error`; a grader that could not grade keeps its own status (judge_error, ...). Neither
becomes a 0: means are given over graded samples and, separately, over all samples (where
an ungraded sample counts 0, labelled as such).
"""

import json
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import numpy as np

from app.suites import gates

# A run in one of these has its final row; `skipped`: the breaker (issue 14) stopped it.
FINISHED = ("completed", "failed", "cancelled", "skipped")


def _status(score: dict | None) -> str:
    if score is None:
        return "missing"
    status = score.get("status") or "ok"
    if status == "ok" and score.get("numeric_value") is None:
        return "error"  # a server without the status column: details.failed shows as None
    return status


def sample_row(row: dict, line: int, record: dict, index: int, metrics: list[str]) -> dict:
    """One results.jsonl line: the sample, its output and each metric's score and status."""
    by_name = {s["name"]: s for s in row.get("scores") or []}
    scores = {}
    for metric in metrics:
        if row["status"] != "completed":
            scores[metric] = {"score": None, "status": "target_error", "reason": row.get("error") or row["status"]}
            continue
        score = by_name.get(metric)
        scores[metric] = {"score": None if score is None else score.get("numeric_value"),
                          "status": _status(score), "reason": (score or {}).get("reason", "")}
    return {
        "id": record.get("id", index), "line": line, "input": row.get("item_input"),
        "ground_truth": row.get("item_expected_output"), "output": row.get("output"),
        "messages": row.get("messages"), "status": row["status"], "error": row.get("error") or "",
        "scores": scores, "latency_ms": row.get("latency_ms"), "tokens_in": row.get("tokens_in"),
        "tokens_out": row.get("tokens_out"), "cost": row.get("cost"), "run_id": row["id"],
        "tool_calls": row.get("tool_calls"), "repetition": row.get("repetition", 0),
    }


def _pct(values: list[float], q: float) -> float | None:
    return float(np.percentile(values, q)) if values else None


def metric_stats(rows: list[dict], metric: str, pass_threshold: float = 1.0) -> dict[str, Any]:
    graded = [r["scores"][metric]["score"] for r in rows if r["scores"][metric]["status"] == "ok"]
    statuses: dict[str, int] = {}
    for r in rows:
        status = r["scores"][metric]["status"]
        statuses[status] = statuses.get(status, 0) + 1
    total = len(rows)
    return {
        "n": total, "n_graded": len(graded), "n_errored": total - len(graded),
        "by_status": statuses,
        "mean": float(np.mean(graded)) if graded else None,
        "mean_over_all": sum(graded) / total if total else None,
        "accuracy": gates.aggregate("accuracy", graded, total, pass_threshold),
        "min": min(graded) if graded else None, "max": max(graded) if graded else None,
        "p50": _pct(graded, 50), "p95": _pct(graded, 95),
    }


def graded_values(rows: list[dict], metrics: list[str]) -> dict[str, list[float]]:
    return {m: [r["scores"][m]["score"] for r in rows if r["scores"][m]["status"] == "ok"]
            for m in metrics}


def _by_sample(rows: list[dict]) -> dict[int, list[dict]]:
    """A sample's rows (one per repetition), keyed by its line in the dataset file."""
    out: dict[int, list[dict]] = {}
    for row in rows:
        out.setdefault(row["line"], []).append(row)
    return out


def item_means(rows: list[dict], metrics: list[str]) -> tuple[dict[str, list[float]], int]:
    """(per metric, one value per sample: the mean of its graded repetitions; the number of
    samples). A sample with no graded repetition has no value, and still counts in the
    number: accuracy holds it against the suite, as a single ungraded run is."""
    samples = _by_sample(rows)
    values: dict[str, list[float]] = {m: [] for m in metrics}
    for sample_rows in samples.values():
        for m, graded in graded_values(sample_rows, metrics).items():
            if graded:
                values[m].append(sum(graded) / len(graded))
    return values, len(samples)


def usage(rows: list[dict]) -> dict[str, Any]:
    latencies = [r["latency_ms"] for r in rows if r.get("latency_ms") is not None]
    costs = [r["cost"] for r in rows if r.get("cost") is not None]
    return {
        "tokens_in": sum(r.get("tokens_in") or 0 for r in rows),
        "tokens_out": sum(r.get("tokens_out") or 0 for r in rows),
        "cost": sum(costs) if costs else None,
        "latency_ms_p50": _pct(latencies, 50), "latency_ms_p95": _pct(latencies, 95),
        "tool_calls": tool_call_counts(rows),
    }


def tool_call_counts(rows: list[dict]) -> dict[str, Any] | None:
    """How the target used its tools (issue 12): samples that could call tools (a model
    with tools, an agent reporting calls), those that did, calls per tool. None when no
    sample had tools. Whether they were the right calls is the tool graders' metrics'
    accuracy (tool_called, tool_sequence, tool_args_match) in summary.metrics."""
    with_tools = [r["tool_calls"] for r in rows if r.get("tool_calls") is not None]
    if not with_tools:
        return None
    by_tool: dict[str, int] = {}
    for calls in with_tools:
        for call in calls:
            by_tool[call["name"]] = by_tool.get(call["name"], 0) + 1
    return {"samples": len(with_tools), "samples_with_calls": sum(1 for c in with_tools if c),
            "calls": sum(by_tool.values()), "by_tool": by_tool,
            "unanswered": sum(1 for c in with_tools for call in c if call.get("error"))}


def all_errored(rows: list[dict], metrics: list[str]) -> bool:
    """Every sample failed: its target, or every one of its graders."""
    return bool(rows) and all(
        r["status"] != "completed" or all(r["scores"][m]["status"] != "ok" for m in metrics)
        for r in rows)


def write_summary(path: Path, summary: dict) -> None:
    path.write_text(json.dumps(summary, indent=2, ensure_ascii=False, default=str) + "\n")


def write_junit(path: Path, suite: str, rows: list[dict], metrics: list[str]) -> None:
    """One testcase per sample and metric: failure when it scored below 1.0, error when it
    could not be graded (target or grader)."""
    root = ET.Element("testsuites")
    tests = len(rows) * len(metrics)
    failures = errors = 0
    node = ET.SubElement(root, "testsuite", name=suite, tests=str(tests))
    for row in rows:
        for metric in metrics:
            score = row["scores"][metric]
            repetition = f" repetition {row['repetition']}" if row.get("repetition") else ""
            case = ET.SubElement(node, "testcase", classname=f"{suite}.{metric}",
                                 name=f"sample {row['id']} (line {row['line']}){repetition}")
            if (row.get("latency_ms") or 0) > 0:
                case.set("time", f"{row['latency_ms'] / 1000:.3f}")
            if score["status"] != "ok":
                errors += 1
                ET.SubElement(case, "error", type=score["status"], message=str(score["reason"])[:500])
            elif score["score"] < 1.0:
                failures += 1
                ET.SubElement(case, "failure", type="score",
                              message=f"score {score['score']:g}: {str(score['reason'])[:400]}")
    node.set("failures", str(failures))
    node.set("errors", str(errors))
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)
