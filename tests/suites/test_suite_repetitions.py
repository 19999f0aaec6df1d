"""`repetitions: N` (or letta-evals' `num_runs`) in a suite (issue 11 item 2): every sample
runs N times on the engine, results.jsonl has a line per repetition, and gates see one value
per sample, the mean over its repetitions."""

from pathlib import Path

from tests.suites.conftest import problems_of, run_suite, write

SUITE = """name: reps
dataset: data.jsonl
repetitions: 3
target:
  kind: python
  factory: agent.py:make
graders:
  exact:
    kind: exact_match
gate:
  metric_key: exact
  aggregation: accuracy
  op: gte
  value: 60
"""
# "flip" (input "go") is answered wrongly every second time it is asked: right, wrong, right.
AGENT = '''
asked = {}

def make(sample):
    async def answer(turn):
        asked[turn] = asked.get(turn, 0) + 1
        if turn == "go" and asked[turn] % 2 == 0:
            return {"output": "wrong"}
        return {"output": turn.upper()}
    return answer
'''
DATA = ('{"id": "steady", "input": "yes", "ground_truth": "YES"}\n'
        '{"id": "flip", "input": "go", "ground_truth": "GO"}\n')


async def test_every_sample_runs_n_times_and_gates_see_per_sample_means(tmp_path: Path) -> None:
    path = write(tmp_path, {"suite.yaml": SUITE, "agent.py": AGENT, "data.jsonl": DATA})
    outcome = await run_suite(path, tmp_path / "out")
    assert sorted((r["id"], r["repetition"]) for r in outcome.rows) == [
        ("flip", 0), ("flip", 1), ("flip", 2), ("steady", 0), ("steady", 1), ("steady", 2)]
    flip = sorted(r["scores"]["exact"]["score"] for r in outcome.rows if r["id"] == "flip")
    assert flip == [0.0, 1.0, 1.0]
    summary = outcome.summary
    assert summary["metrics"]["exact"]["accuracy"] == 100 * 5 / 6  # per run
    # Per sample: steady 1.0 passes, flip 2/3 does not: 50% < 60%, the gate fails.
    assert summary["gate"]["passed"] is False
    assert "50" in " ".join(summary["gate"]["lines"])
    assert outcome.code == 1
    assert (summary["repetitions"], summary["flaky_samples"]) == (3, 1)
    assert summary["pass_at_k"]["exact"] == [
        {"k": 1, "pass_at_k": 0.833333, "pass_hat_k": 0.833333, "items": 2, "items_short": 0},
        {"k": 2, "pass_at_k": 1.0, "pass_hat_k": 0.666667, "items": 2, "items_short": 0},
        {"k": 3, "pass_at_k": 1.0, "pass_hat_k": 0.5, "items": 2, "items_short": 0},
    ]


async def test_repetitions_and_num_runs_are_checked(tmp_path: Path) -> None:
    both = SUITE.replace("repetitions: 3\n", "repetitions: 3\nnum_runs: 2\n")
    path = write(tmp_path, {"suite.yaml": both, "agent.py": AGENT, "data.jsonl": DATA})
    assert await problems_of(path) == [
        "suite.yaml:4: num_runs: give repetitions or its alias num_runs, not both"]
    zero = SUITE.replace("repetitions: 3\n", "repetitions: 0\n")
    write(tmp_path, {"suite.yaml": zero})
    assert await problems_of(path) == ["suite.yaml:3: repetitions: must be an integer >= 1"]
