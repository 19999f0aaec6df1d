"""Every suite under examples/ runs on the embedded engine against the fake model server:
exact scores, statuses and exit codes (the fake echoes the last user message; its judge
answers 0.75)."""

from pathlib import Path

from tests.suites.conftest import EXAMPLES, run_suite


def _scores(outcome, metric: str) -> list:
    return [row["scores"][metric]["score"] for row in outcome.rows]


async def test_qa_example_scores_echo_replies_and_passes_its_gate(model_server, tmp_path: Path) -> None:
    outcome = await run_suite(EXAMPLES / "qa" / "suite.yaml", tmp_path / "out")
    # The echo contains the answer only where the question does: none of the five.
    assert _scores(outcome, "correct") == [0.0, 0.0, 0.0, 0.0, 0.0]
    assert _scores(outcome, "short") == [1.0] * 5
    assert [row["id"] for row in outcome.rows] == [1, 2, 2, 3, 4]
    assert outcome.summary["gate"] == {"passed": False, "lines": [
        "FAIL correct accuracy = 0 >= 60"]}
    assert outcome.code == 1
    assert outcome.summary["metrics"]["correct"]["n_graded"] == 5
    assert model_server.requests[0]["messages"][0] == {
        "role": "system", "content": "Answer the question in as few words as possible."}


async def test_memory_example_grades_per_turn_and_whole_transcript(model_server, tmp_path: Path) -> None:
    outcome = await run_suite(EXAMPLES / "memory" / "suite.yaml", tmp_path / "out")
    # Echo: "What's my name?" lacks Alice; the correction turn names apples; the third
    # sample's replies mention Microsoft in turn 2 only (all_assistant sees it).
    assert _scores(outcome, "recall") == [0.0, 1.0, 0.0, 0.0]
    assert _scores(outcome, "mentioned_anywhere") == [1.0, 1.0, 1.0, 1.0]
    assert len(outcome.rows[2]["messages"]) == 6
    assert outcome.code == 1  # recall avg 0.25 < 0.5
    assert outcome.summary["gate"]["lines"][1] == "  FAIL recall avg_score = 0.25 >= 0.5"


async def test_rubric_example_fills_rubric_vars_and_submission(model_server, tmp_path: Path) -> None:
    outcome = await run_suite(EXAMPLES / "rubric" / "suite.yaml", tmp_path / "out")
    assert _scores(outcome, "quality") == [0.75, 0.75, 0.75]
    assert outcome.code == 0
    judged = [r for r in model_server.requests if "impartial" in r["messages"][0]["content"]]
    assert len(judged) == 3
    text = judged[0]["messages"][1]["content"]
    # rubric_vars and the graded output ({submission}) are filled in; no placeholder is left
    assert "recursion, base case" in text and "return fib(n-1) + fib(n-2)" in text
    assert text.count("Write a function to calculate fibonacci numbers") == 2  # {input}, output
    assert "{reference_code}" not in text and "{submission}" not in text


async def test_python_factory_example_builds_an_agent_per_sample(tmp_path: Path) -> None:
    outcome = await run_suite(EXAMPLES / "python-factory" / "suite.yaml", tmp_path / "out")
    assert [row["output"] for row in outcome.rows] == [
        "Updated inventory for Widget A with a quantity change of 10",
        "Updated inventory for Gadget B with a quantity change of -5",
        "We have Widget C (SKU-789) at $9.99.",
    ]
    assert _scores(outcome, "reports_item") == [1.0, 1.0, 1.0]
    assert _scores(outcome, "quantity") == [1.0, 1.0, 0.0]
    # weighted: (2 * 1.0 + 1 * 2/3) / 3 = 0.889 < 0.9
    assert outcome.summary["gate"]["passed"] is False
    assert outcome.code == 1


async def test_letta_style_example_runs_model_judge_and_ascii_check(model_server, tmp_path: Path) -> None:
    outcome = await run_suite(EXAMPLES / "letta-style" / "suite.yaml", tmp_path / "out")
    assert _scores(outcome, "quality") == [0.75, 0.75, 0.75]
    assert _scores(outcome, "ascii_only") == [1.0, 1.0, 0.0]  # the fish prompt has an emoji
    assert outcome.summary["gate"]["passed"] is True
    assert outcome.code == 0
