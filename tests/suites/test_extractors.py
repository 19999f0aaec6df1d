"""Extractors, on the server's own grading path (graders.evaluate): what each one grades,
per reply for multi-turn items or once for the whole conversation; config errors are 422."""

import httpx
import pytest

from app.evaluators import graders

MESSAGES = [
    {"role": "system", "content": "be brief"},
    {"role": "user", "content": "first question"},
    {"role": "assistant", "content": "Thinking... ANSWER: Paris"},
    {"role": "user", "content": "second question"},
    {"role": "assistant", "content": "part one"},
    {"role": "tool", "content": "lookup result"},
    {"role": "assistant", "content": "ANSWER: Rome and more"},
]
ITEM = {"id": "i", "input": "q", "expected_output": "Rome"}


async def _graded(extractor, kind: str = "exact_match", item: dict = ITEM, **config) -> tuple:
    evaluator = {"id": "e", "kind": kind, "score_name": "s",
                 "config": {**config, **({"extractor": extractor} if extractor else {})}}
    [score] = await graders.evaluate(evaluator, item, MESSAGES[-1]["content"], MESSAGES)
    return score["numeric_value"], score["reason"]


async def test_default_and_last_assistant_grade_the_output_as_is() -> None:
    assert await _graded(None, "contains") == (1.0, "output contains 'Rome'")
    assert await _graded("last_assistant") == (
        0.0, "output differs from expected 'Rome' at character 0")


async def test_first_all_and_last_turn_pick_from_the_transcript() -> None:
    expect_first = {"id": "i", "input": "q", "expected_output": "Thinking... ANSWER: Paris"}
    assert (await _graded("first_assistant", item=expect_first))[0] == 1.0
    joined = {"id": "i", "input": "q",
              "expected_output": "Thinking... ANSWER: Paris | part one | ANSWER: Rome and more"}
    assert (await _graded({"kind": "all_assistant", "separator": " | "}, item=joined))[0] == 1.0
    last_turn = {"id": "i", "input": "q", "expected_output": "part one\nANSWER: Rome and more"}
    assert (await _graded("last_turn", item=last_turn))[0] == 1.0


async def test_pattern_takes_a_group_and_after_marker_the_tail() -> None:
    assert await _graded({"kind": "pattern", "pattern": r"ANSWER: (\w+)", "group": 1}) == (
        1.0, "output equals the expected output")
    assert (await _graded({"kind": "after_marker", "marker": "ANSWER:"},
                          item={**ITEM, "expected_output": "Rome and more"}))[0] == 1.0
    # nothing found: the empty text is graded (0), not an error
    assert await _graded({"kind": "pattern", "pattern": "NOPE"}) == (
        0.0, "output differs from expected 'Rome' at character 0")


async def test_per_reply_extractors_apply_to_each_turn_of_a_multi_turn_item() -> None:
    item = {"id": "i", "input": ["first question", "second question"],
            "expected_output": ["Paris", "Rome"]}
    value, reason = await _graded({"kind": "pattern", "pattern": r"ANSWER: (\w+)", "group": 1},
                                  item=item)
    # the last two replies answer the two turns: "part one" has no ANSWER
    assert (value, reason) == (0.5, "mean of 2 turns (turn 1: 0, turn 2: 1)")
    # a whole-conversation extractor grades once, against the last turn's ground truth
    value, _ = await _graded("all_assistant", "contains", item=item)
    assert value == 1.0


@pytest.mark.parametrize(("extractor", "message"), [
    ("tool_outputs", ("unknown extractor 'tool_outputs'; valid extractors: last_assistant, "
     "pattern, after_marker, first_assistant, all_assistant, last_turn, output, tool_names, "
     "tool_arguments, tool_output")),
    ({"kind": "pattern", "pattern": "(a"}, "extractor pattern: pattern: invalid regular expression"),
    ({"kind": "pattern", "pattern": "a", "group": 1}, "the pattern has no group 1"),
    ({"kind": "after_marker"}, "extractor after_marker: marker: Field required"),
])
async def test_bad_extractor_config_is_422_on_the_api(client: httpx.AsyncClient, extractor, message) -> None:
    response = await client.post("/api/v1/evaluators/", json={
        "name": "e", "kind": "contains", "config": {"extractor": extractor}})
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"] == ["body", "config", "extractor"]
    assert message in error["msg"]


async def test_extractor_is_stored_normalised(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/v1/evaluators/", json={
        "name": "e", "kind": "icontains", "config": {"extractor": "all_assistant"}})
    assert response.status_code == 201, response.text
    assert response.json()["config"]["extractor"] == {"kind": "all_assistant", "separator": "\n"}
