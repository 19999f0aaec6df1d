"""The suite runner with tools (issue 12): examples/tools (the seed's search and calculator
cases) on the embedded engine against the fake model, which calls the tool its question asks
for, then answers with the scripted result; bad tool settings are named with their line."""

from pathlib import Path

from bench.fakellm import FakeLLM
from tests.suites.conftest import EXAMPLES, problems_of, run_suite, write

SEARCH_CALL = {"name": "search", "arguments": {"query": "pandas"}}
CALC_CALL = {"name": "calculator", "arguments": {"expression": "15 * 23"}}


async def test_tools_example_grades_the_called_tools_and_counts_them(
    fake_llm: FakeLLM, tmp_path: Path
) -> None:
    fake_llm.always({"tool_calls": [SEARCH_CALL]}, contains="pandas", before_tool_result=True)
    fake_llm.always({"tool_calls": [CALC_CALL]}, contains="15 * 23", before_tool_result=True)
    outcome = await run_suite(EXAMPLES / "tools" / "suite.yaml", tmp_path / "out")
    search, calc = outcome.rows
    # the config's search result; the sample's own agent_args result for the calculator
    assert search["output"] == "Giant pandas are bears native to China; they eat bamboo."
    assert calc["output"] == "345"
    assert search["tool_calls"] == [{**SEARCH_CALL, "result": search["output"]}]
    assert calc["tool_calls"] == [{**CALC_CALL, "result": 345}]
    assert [m["role"] for m in calc["messages"]] == [
        "system", "user", "assistant", "tool", "assistant"]
    for metric in ("right_tool", "first_tool", "in_order"):
        assert [row["scores"][metric]["score"] for row in outcome.rows] == [1.0, 1.0], metric
    assert outcome.summary["metrics"]["right_tool"]["accuracy"] == 100.0  # percent
    assert outcome.summary["tool_accuracy"] == {
        "right_tool": 100.0, "first_tool": 100.0, "in_order": 100.0}
    assert outcome.summary["cache_hits"] == 0 and outcome.summary["budget_exhausted"] is False
    assert outcome.summary["usage"]["tool_calls"] == {
        "samples": 2, "samples_with_calls": 2, "calls": 2, "unanswered": 0,
        "by_tool": {"search": 1, "calculator": 1}}
    assert outcome.summary["gate"]["passed"] is True and outcome.code == 0
    assert len(fake_llm.requests) == 4  # per sample: the tool call, then the answer
    offered = [t["function"]["name"] for t in fake_llm.requests[0]["tools"]]
    assert offered == ["search", "calculator"]


async def test_a_model_calling_the_wrong_tool_fails_the_tool_graders(
    fake_llm: FakeLLM, tmp_path: Path
) -> None:
    fake_llm.always({"tool_calls": [SEARCH_CALL]}, before_tool_result=True)  # always search
    outcome = await run_suite(EXAMPLES / "tools" / "suite.yaml", tmp_path / "out")
    assert [row["scores"]["right_tool"]["score"] for row in outcome.rows] == [1.0, 0.0]
    assert outcome.rows[1]["scores"]["right_tool"]["reason"] == (
        "'calculator' was not called (called: search)")
    assert outcome.summary["metrics"]["right_tool"]["accuracy"] == 50.0
    # the tool graders' accuracy, together: right_tool fails the calculator sample
    assert outcome.summary["tool_accuracy"] == {
        "right_tool": 50.0, "first_tool": 50.0, "in_order": 50.0}
    assert outcome.summary["usage"]["tool_calls"]["by_tool"] == {"search": 2}
    assert outcome.code == 1  # the gate wants every expected tool called


async def test_bad_tool_settings_in_a_suite_are_named_with_their_line(tmp_path: Path) -> None:
    path = write(tmp_path, {
        "dataset.jsonl": '{"input": "Calculate 15 * 23", "ground_truth": "calculator"}\n',
        "suite.yaml": (
            "name: t\n"
            "dataset: dataset.jsonl\n"
            "target:\n"
            "  kind: model\n"
            "  model: gpt-4o-mini\n"
            "  tools:\n"
            "    - {type: function, function: {name: calculator}}\n"
            "  tool_results: {search: found}\n"
            "graders:\n"
            "  args: {kind: tool_args_match}\n"
            "  out: {kind: contains, extractor: tool_output}\n"
        ),
    })
    assert await problems_of(path) == [
        "suite.yaml:8: target.tool_results: 'search': not an offered tool (tools: calculator)",
        "suite.yaml:10: graders.args.tool: Field required",
        "suite.yaml:11: graders.out.extractor: extractor tool_output: tool: Field required",
    ]
