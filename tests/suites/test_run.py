"""Running suites: python factories, filtering, honest denominators, exit codes 3 and 4,
results.jsonl, summary.json and JUnit XML."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from xml.etree import ElementTree as ET

from tests.suites.conftest import run_suite, write

EVALFORGE = str(Path(sys.executable).with_name("evalforge"))
SUITE = """name: py
dataset: data.jsonl
target:
  kind: python
  factory: agent.py:make
graders:
  exact:
    kind: exact_match
"""
AGENT = '''
import asyncio

def make(sample):
    if sample.agent_args.get("broken"):
        raise RuntimeError("factory refused " + sample.id)
    prefix = sample.agent_args.get("prefix", "")

    async def answer(turn):
        await asyncio.sleep(0)
        return {"output": prefix + turn.upper(), "tokens_in": 2, "tokens_out": 3, "cost": 0.5}
    return answer
'''
DATA = "".join(json.dumps(r) + "\n" for r in [
    {"id": "a", "input": "yes", "ground_truth": "YES", "tags": ["x", "y"]},
    {"id": "b", "input": "no", "ground_truth": "YES", "tags": ["x"]},
    {"id": "c", "input": ["one", "two"], "ground_truth": "ok TWO", "agent_args": {"prefix": "ok "},
     "tags": ["x", "y"]},
    {"id": "d", "input": "boom", "ground_truth": "BOOM", "agent_args": {"broken": True}, "tags": ["y"]},
])


async def test_python_factory_honest_denominators_and_outputs(tmp_path: Path) -> None:
    path = write(tmp_path, {"suite.yaml": SUITE, "agent.py": AGENT, "data.jsonl": DATA})
    outcome = await run_suite(path, tmp_path / "out", junit=tmp_path / "junit.xml")
    assert [(r["id"], r["status"], r["output"]) for r in outcome.rows] == [
        ("a", "completed", "YES"), ("b", "completed", "NO"), ("c", "completed", "ok TWO"),
        ("d", "failed", None)]
    assert outcome.rows[2]["messages"] == [
        {"role": "user", "content": "one"}, {"role": "assistant", "content": "ok ONE"},
        {"role": "user", "content": "two"}, {"role": "assistant", "content": "ok TWO"}]
    failed = outcome.rows[3]["scores"]["exact"]
    assert failed == {"score": None, "status": "target_error",
                      "reason": "python target failed: RuntimeError('factory refused "
                                f"{outcome.rows[3]['scores']['exact']['reason'].split('refused ')[1]}"}
    stats = outcome.summary["metrics"]["exact"]
    assert (stats["n"], stats["n_graded"], stats["n_errored"]) == (4, 3, 1)
    assert stats["by_status"] == {"ok": 3, "target_error": 1}
    assert stats["mean"] == 2 / 3 and stats["mean_over_all"] == 0.5 and stats["accuracy"] == 50.0
    assert outcome.summary["usage"]["tokens_in"] == 2 + 4 + 0 and outcome.summary["usage"]["cost"] == 1.5
    assert outcome.code == 0  # no gate
    junit = ET.parse(tmp_path / "junit.xml").getroot()[0]
    assert (junit.get("tests"), junit.get("failures"), junit.get("errors")) == ("4", "1", "1")
    cases = {c.get("name"): c for c in junit}
    assert cases["sample b (line 2)"][0].tag == "failure"
    assert cases["sample d (line 4)"][0].get("type") == "target_error"
    assert len(cases["sample a (line 1)"]) == 0


async def test_tags_then_max_samples_filter_before_the_import(tmp_path: Path) -> None:
    suite = SUITE + "sample_tags: [y]\nmax_samples: 2\n"
    path = write(tmp_path, {"suite.yaml": suite, "agent.py": AGENT, "data.jsonl": DATA})
    outcome = await run_suite(path, tmp_path / "out")
    assert [(r["id"], r["line"]) for r in outcome.rows] == [("a", 1), ("c", 3)]
    # command-line options win over the suite's
    outcome = await run_suite(path, tmp_path / "out2", tags=["x"], max_samples=3)
    assert [r["id"] for r in outcome.rows] == ["a", "b", "c"]
    assert outcome.summary["samples"] == 3


async def test_every_sample_errored_exits_4(tmp_path: Path) -> None:
    data = '{"input": "a", "agent_args": {"broken": true}}\n{"input": "b", "agent_args": {"broken": true}}\n'
    path = write(tmp_path, {"suite.yaml": SUITE + "gate:\n  metric_key: exact\n  op: gte\n  value: 0\n",
                            "agent.py": AGENT, "data.jsonl": data})
    outcome = await run_suite(path, tmp_path / "out")
    assert outcome.code == 4
    assert outcome.summary["exit_code"] == 4
    assert outcome.summary["metrics"]["exact"]["by_status"] == {"target_error": 2}
    assert outcome.summary["gate"]["lines"] == ["FAIL exact avg_score = n/a >= 0"]


async def test_a_grader_that_cannot_grade_keeps_its_own_status(fake_llm, tmp_path: Path) -> None:
    # The fake model echoes the judge's prompt: no score in it, so the judge cannot grade.
    suite = SUITE + "  judged:\n    kind: rubric\n    model: gpt-4o-mini\n    rubric: 'Grade {submission}'\n"
    path = write(tmp_path, {"suite.yaml": suite, "agent.py": AGENT, "data.jsonl": DATA})
    outcome = await run_suite(path, tmp_path / "out")
    judged = [r["scores"]["judged"] for r in outcome.rows]
    assert [(s["score"], s["reason"]) for s in judged[:3]] == [
        (None, "could not parse judge reply")] * 3
    assert all(s["status"] not in ("ok", "target_error") for s in judged[:3])
    assert judged[3]["status"] == "target_error"
    stats = outcome.summary["metrics"]["judged"]
    assert (stats["n"], stats["n_graded"], stats["mean"], stats["accuracy"]) == (4, 0, None, 0.0)
    assert outcome.summary["metrics"]["exact"]["n_graded"] == 3
    assert outcome.code == 0  # a sample errors when its target or ALL its graders fail


def test_ctrl_c_cancels_writes_a_partial_summary_and_exits_3(tmp_path: Path) -> None:
    slow = "import time\n\ndef make(sample):\n    def answer(turn):\n        time.sleep(0.2)\n" \
           "        return turn\n    return answer\n"
    data = "".join(json.dumps({"input": f"q{i}", "ground_truth": f"q{i}"}) + "\n" for i in range(200))
    path = write(tmp_path, {"suite.yaml": SUITE + "concurrency: 2\n", "agent.py": slow, "data.jsonl": data})
    out = tmp_path / "out"
    proc = subprocess.Popen([EVALFORGE, "run", str(path), "--output", str(out), "--display", "plain"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "NO_COLOR": "1"})
    results = out / "results.jsonl"
    for _ in range(600):
        if results.exists() and results.read_text().count("\n") >= 2:
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    _stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 3, stderr
    summary = json.loads((out / "summary.json").read_text())
    assert summary["partial"] is True and summary["exit_code"] == 3
    assert 2 <= summary["finished"] < 200
    assert summary["finished"] == results.read_text().count("\n")


async def test_per_sample_rubric_and_rubric_path_override_the_grader_rubric(model_server, tmp_path: Path) -> None:
    corpus = Path("/work/shared/corpus/letta-evals/suites/per-sample-rubric")
    suite = (corpus / "suite.yaml").read_text().replace(
        "  kind: letta_code\n  model_handles:\n    - openai/gpt-5-mini\n  base_url: https://api.letta.com/\n",
        "  kind: model\n  model: gpt-4o-mini\n").replace("model: gpt-5-mini", "model: gpt-4o-mini")
    files = {name: (corpus / name).read_text() for name in ("dataset.jsonl", "rubric.txt", "rubrics/dog.txt")}
    outcome = await run_suite(write(tmp_path, {**files, "suite.yaml": suite}), tmp_path / "out")
    assert [r["scores"]["quality"]["score"] for r in outcome.rows] == [0.75, 0.75, 0.75]
    judged = [r["messages"][1]["content"] for r in model_server.requests
              if "impartial" in r["messages"][0]["content"]]
    firsts = sorted(text.splitlines()[0] for text in judged)
    assert firsts == ["You are evaluating a cat ASCII art submission.",
                      "You are evaluating a dog ASCII art submission.",
                      "You are evaluating an ASCII art submission."]
    # {submission} was filled with the graded output, not left literal
    assert all("{submission}" not in text for text in judged)


AGENT_SUITE = """name: agent
dataset: data.jsonl
target:
  kind: agent
  url: {url}
  headers: {{X-Token: secret-token}}
  timeout_s: 5
graders:
  exact:
    kind: exact_match
"""


async def test_agent_target_posts_each_sample_to_the_endpoint(monkeypatch, tmp_path: Path) -> None:
    from tests.engine.conftest import AgentServer

    monkeypatch.setenv("EVALFORGE_AGENT_ALLOWED_HOSTS", '["127.0.0.1"]')
    with AgentServer() as agent:
        agent.reply = {"output": "Paris", "tokens_in": 5, "tokens_out": 1}
        path = write(tmp_path, {"suite.yaml": AGENT_SUITE.format(url=agent.url), "data.jsonl": (
            '{"input": "capital of France?", "ground_truth": "Paris", "agent_args": {"lang": "en"}}\n'
            '{"input": "capital of Italy?", "ground_truth": "Rome"}\n')})
        outcome = await run_suite(path, tmp_path / "out")
    assert [r["scores"]["exact"]["score"] for r in outcome.rows] == [1.0, 0.0]
    assert sorted(r["body"]["input"] for r in agent.requests) == ["capital of France?", "capital of Italy?"]
    first = next(r for r in agent.requests if r["body"]["input"] == "capital of France?")
    assert first["body"]["agent_args"] == {"lang": "en"}
    assert first["headers"]["X-Token"] == "secret-token"
    assert outcome.summary["usage"]["tokens_in"] == 10


async def test_a_loopback_agent_is_refused_unless_allowed(monkeypatch, capsys, tmp_path: Path) -> None:
    from tests.engine.conftest import AgentServer

    monkeypatch.delenv("EVALFORGE_AGENT_ALLOWED_HOSTS", raising=False)
    with AgentServer() as agent:
        path = write(tmp_path, {"suite.yaml": AGENT_SUITE.format(url=agent.url),
                                "data.jsonl": '{"input": "a"}\n'})
        outcome = await run_suite(path, tmp_path / "out")
    assert agent.requests == []  # the server's network rule holds in embedded mode too
    assert outcome.code == 2
    assert outcome.rows == [] and outcome.summary == {}
    err = capsys.readouterr().err
    assert err.startswith("error: create experiment: HTTP 422: ")
    assert "EVALFORGE_AGENT_ALLOWED_HOSTS" in err


async def test_db_option_keeps_the_database_and_a_rerun_reuses_it(tmp_path: Path) -> None:
    path = write(tmp_path, {"suite.yaml": SUITE, "agent.py": AGENT, "data.jsonl": DATA})
    db = tmp_path / "kept.db"
    first = await run_suite(path, tmp_path / "a", db=db)
    second = await run_suite(path, tmp_path / "b", db=db)
    assert db.is_file()
    assert first.summary["link"] == second.summary["link"] == f"sqlite database {db}"
    assert first.summary["experiment_id"] != second.summary["experiment_id"]
    import sqlite3

    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from dataset").fetchone() == (1,)
        assert conn.execute("select count(*) from evaluator").fetchone() == (1,)
        assert conn.execute("select count(*) from experiment").fetchone() == (2,)


async def test_a_tripped_breaker_counts_every_sample_and_exits_4(model_server, tmp_path: Path) -> None:
    # A model that always refuses the key: the server's breaker fails the experiment after a
    # few calls and skips the rest. Skipped samples are still samples: written, counted.
    model_server.always({"status": 401, "message": "Incorrect API key"}, model="gpt-4o-mini")
    data = "".join(json.dumps({"input": f"q{i}", "ground_truth": "x"}) + "\n" for i in range(40))
    suite = SUITE.replace("  kind: python\n  factory: agent.py:make\n",
                          "  kind: model\n  model: gpt-4o-mini\n")
    path = write(tmp_path, {"suite.yaml": suite, "data.jsonl": data})
    outcome = await run_suite(path, tmp_path / "out")
    statuses = [row["status"] for row in outcome.rows]
    assert len(statuses) == 40 and set(statuses) == {"failed", "skipped"}
    assert statuses.count("failed") == len(model_server.requests) <= 5
    stats = outcome.summary["metrics"]["exact"]
    assert (stats["n"], stats["n_graded"]) == (40, 0)
    assert outcome.code == 4  # every sample errored
