"""Tool graders and tool extractors (issue 12) on the server's grading path (graders.evaluate),
over a transcript as the tool loop stores it: assistant tool calls, tool results, the answer.
Bad configs are 422s naming the field."""

import httpx
import pytest

from app.evaluators import graders

TRANSCRIPT = [
    {"role": "user", "content": "Look up pandas, then compute 15 * 23"},
    {"role": "assistant", "content": None, "tool_calls": [
        {"id": "c1", "type": "function",
         "function": {"name": "search", "arguments": '{"query": "pandas"}'}}]},
    {"role": "tool", "tool_call_id": "c1", "content": "bears from China"},
    {"role": "assistant", "content": "Now the product.", "tool_calls": [
        {"id": "c2", "type": "function",
         "function": {"name": "calculator", "arguments": '{"expression": "15 * 23", "exact": true}'}},
        {"id": "c3", "type": "function",
         "function": {"name": "calculator", "arguments": "not json"}}]},
    {"role": "tool", "tool_call_id": "c2", "content": "345"},
    {"role": "tool", "tool_call_id": "c3", "content": '{"error": "bad expression"}'},
    {"role": "assistant", "content": "Pandas are bears. 15 * 23 = 345"},
]
OUTPUT = TRANSCRIPT[-1]["content"]


async def _grade(kind: str, expected, config: dict | None = None,
                 messages: list | None = TRANSCRIPT) -> tuple:
    evaluator = {"id": "e", "kind": kind, "score_name": "s", "config": config or {}}
    item = {"id": "i", "input": "q", "expected_output": expected}
    [score] = await graders.evaluate(evaluator, item, OUTPUT, messages)
    return score["numeric_value"], score["reason"]


async def test_tool_called_reads_the_expected_tool_from_ground_truth_or_config() -> None:
    assert await _grade("tool_called", "calculator") == (
        1.0, "'calculator' was called (called: search, calculator, calculator)")
    assert await _grade("tool_called", "weather") == (
        0.0, "'weather' was not called (called: search, calculator, calculator)")
    assert (await _grade("tool_called", None, {"tool": "search"}))[0] == 1.0
    # the expected output may be an object: its one text field, or expected_key
    assert (await _grade("tool_called", {"tool": "search", "n": 1}))[0] == 1.0
    assert await _grade("tool_called", None) == (None, "no expected output")  # skipped
    assert await _grade("tool_called", "search", messages=[]) == (
        0.0, "'search' was not called (called: no tool)")


async def test_tool_called_exact_first_and_only() -> None:
    assert await _grade("tool_called", "search", {"exact": "first"}) == (
        1.0, "'search' is the first tool called (called: search, calculator, calculator)")
    assert (await _grade("tool_called", "calculator", {"exact": "first"}))[0] == 0.0
    assert await _grade("tool_called", "search", {"exact": True}) == (
        0.0, "'search' is not the only tool called (called: search, calculator, calculator)")
    only_search = TRANSCRIPT[:3]
    assert (await _grade("tool_called", "search", {"exact": "only"}, only_search))[0] == 1.0


async def test_tool_sequence_scores_the_longest_common_subsequence_ratio() -> None:
    assert await _grade("tool_sequence", ["search", "calculator", "calculator"]) == (
        1.0, ("3 of 3 expected tools in order (expected: search, calculator, calculator; "
              "called: search, calculator, calculator)"))
    # 2 in order of 3 called: 2 / max(2, 3)
    value, _ = await _grade("tool_sequence", "search, calculator")
    assert value == pytest.approx(2 / 3)
    value, _ = await _grade("tool_sequence", '["calculator", "search"]')
    assert value == pytest.approx(1 / 3)
    assert (await _grade("tool_sequence", None, {"tools": ["search"]}))[0] == pytest.approx(1 / 3)
    assert await _grade("tool_sequence", {"a": 1}) == (0.0, "expected a list of tool names")


async def test_tool_args_match_compares_a_named_calls_arguments() -> None:
    config = {"tool": "calculator"}
    assert await _grade("tool_args_match", {"expression": "15 * 23"}, config) == (
        1.0, "calculator arguments contains the expected JSON")
    assert await _grade("tool_args_match", {"expression": "15 * 23"}, {**config, "mode": "equal"}) == (
        0.0, "JSON mismatch at $.exact: unexpected key")
    assert await _grade("tool_args_match", '{"expression": "2 + 2"}', config) == (
        0.0, "JSON mismatch at $.expression: expected '2 + 2', got '15 * 23'")
    # the second call's arguments were not JSON
    assert await _grade("tool_args_match", None, {**config, "index": -1, "arguments": {"a": 1}}) == (
        0.0, "calculator arguments is not valid JSON")
    assert await _grade("tool_args_match", {"x": 1}, {"tool": "weather"}) == (
        0.0, "'weather' was not called (called: search, calculator, calculator)")
    assert await _grade("tool_args_match", {"x": 1}, {**config, "index": 2}) == (
        0.0, "'calculator' was not called 3 time(s) (called: search, calculator, calculator)")


async def _extracted(extractor, expected, kind: str = "exact_match") -> tuple:
    return await _grade(kind, expected, {"extractor": extractor})


async def test_tool_extractors_pick_names_arguments_and_outputs() -> None:
    assert (await _extracted("tool_names", "search\ncalculator\ncalculator"))[0] == 1.0
    assert (await _extracted({"kind": "tool_names", "separator": ","},
                             "search,calculator,calculator"))[0] == 1.0
    args = {"kind": "tool_arguments", "tool": "calculator"}
    assert (await _extracted(args, {"expression": "15 * 23", "exact": True}, "json_match"))[0] == 1.0
    assert (await _extracted({"kind": "tool_output", "tool": "search"}, "bears from China"))[0] == 1.0
    assert (await _extracted({"kind": "tool_output", "tool": "calculator"}, "345"))[0] == 1.0
    last = {"kind": "tool_output", "tool": "calculator", "index": -1}
    assert (await _extracted(last, {"error": "bad expression"}, "json_match"))[0] == 1.0
    # a tool that was never called: nothing to grade, a 0 (not an error)
    assert (await _extracted({"kind": "tool_output", "tool": "weather"}, "x"))[0] == 0.0


async def test_text_extractors_still_read_the_replies_of_a_tool_transcript() -> None:
    assert (await _extracted("output", OUTPUT))[0] == 1.0
    # a step that calls tools is not a reply: its lead-in text is left out
    assert (await _extracted({"kind": "all_assistant", "separator": " | "}, OUTPUT))[0] == 1.0
    assert (await _extracted("last_turn", OUTPUT))[0] == 1.0
    assert (await _extracted("first_assistant", OUTPUT))[0] == 1.0
    assert (await _extracted({"kind": "pattern", "pattern": r"= (\d+)", "group": 1}, "345"))[0] == 1.0
    assert (await _extracted({"kind": "after_marker", "marker": "15 * 23 ="}, "345"))[0] == 1.0


@pytest.mark.parametrize(("kind", "config", "loc", "message"), [
    ("contains", {"extractor": "tool_output"}, "extractor",
     "extractor tool_output: tool: Field required"),
    ("contains", {"extractor": {"kind": "tool_arguments", "tool": ""}}, "extractor",
     "extractor tool_arguments: tool: String should have at least 1 character"),
    ("tool_args_match", {}, "tool", "Field required"),
    ("tool_called", {"extractor": "output"}, "extractor",
     "tool graders grade the run's tool calls; an extractor does not apply"),
    ("tool_called", {"exact": "last"}, "exact", "Input should be 'only' or 'first'"),
    ("tool_sequence", {"tools": []}, "tools", "List should have at least 1 item"),
    ("tool_called", {"tool": "two words"}, "tool", "String should match pattern"),
])
async def test_bad_tool_grader_config_is_422_naming_the_field(
    client: httpx.AsyncClient, kind: str, config: dict, loc: str, message: str
) -> None:
    response = await client.post("/api/v1/evaluators/", json={
        "name": "t", "kind": kind, "config": config})
    assert response.status_code == 422, response.text
    [error] = response.json()["detail"]
    assert error["loc"] == ["body", "config", loc]
    assert message in error["msg"]


async def test_tool_grader_kinds_are_created_and_listed(client: httpx.AsyncClient) -> None:
    for kind, config in (("tool_called", {"exact": "first"}), ("tool_sequence", {}),
                         ("tool_args_match", {"tool": "calculator", "mode": "equal"})):
        created = await client.post("/api/v1/evaluators/", json={
            "name": kind, "kind": kind, "config": config})
        assert created.status_code == 201, created.text
        assert created.json()["kind"] == kind
