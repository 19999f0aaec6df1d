"""`cache` and `max_cost` on a suite's target (issue 11 items 3, 4) reach the experiment: the
suite runner stops at the budget on the embedded engine, counted by the fake model's log."""

import json
from pathlib import Path

import pytest

from bench.fakellm import FakeLLM
from tests.suites.conftest import problems_of, run_suite, write

SUITE = """name: budget
dataset: data.jsonl
concurrency: 1
target:
  kind: model
  model: gpt-4o-mini
  cache: true
  max_cost: 0.0599
graders:
  exact:
    kind: exact_match
"""
# 4 tokens in, echoed: 4 out -> $0.004 + $0.008 = $0.012 a sample; 5 reach $0.0599.
PRICES = {"gpt-4o-mini": {"input_cost_per_token": 0.001, "output_cost_per_token": 0.002}}
DATA = "".join(json.dumps({"input": f"one two three q{i}", "ground_truth": "x"}) + "\n"
               for i in range(10))


async def test_a_suite_stops_at_its_budget(tmp_path: Path, model_server: FakeLLM,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVALFORGE_MODEL_PRICES", json.dumps(PRICES))
    path = write(tmp_path, {"suite.yaml": SUITE, "data.jsonl": DATA})
    outcome = await run_suite(path, tmp_path / "out")
    statuses = [row["status"] for row in outcome.rows]
    assert len(model_server.requests) == 5
    assert (statuses.count("completed"), statuses.count("skipped")) == (5, 5)
    assert outcome.summary["budget_exhausted"] is True and outcome.summary["cache_hits"] == 0


async def test_cache_and_max_cost_are_checked(tmp_path: Path) -> None:
    bad = SUITE.replace("cache: true", "cache: yes please").replace("0.0599", "0")
    path = write(tmp_path, {"suite.yaml": bad, "data.jsonl": DATA})
    assert await problems_of(path) == [
        "suite.yaml:7: target.cache: must be true or false",
        "suite.yaml:8: target.max_cost: must be a number of USD > 0"]
