"""Tool-using model targets end to end (issue 12): the fake model server answers with tool
calls, the engine answers each from the scripted tool_results and calls the model again,
every step stays in the run's messages and the calls land on the run, in results and in
exports. Through both model-call lanes (the OpenAI cheap path and litellm)."""

import csv
import io
import json

import httpx
import pytest
from fastapi import FastAPI

from bench.fakellm import FakeLLM
from tests.engine.conftest import add_evaluator, run_to_end, runs_of

API = "/api/v1"
pytestmark = pytest.mark.usefixtures("llm_transport")

SEARCH = {"type": "function", "function": {
    "name": "search", "description": "Search the web",
    "parameters": {"type": "object", "properties": {"query": {"type": "string"}}}}}
CALCULATOR = {"type": "function", "function": {
    "name": "calculator", "description": "Evaluate arithmetic",
    "parameters": {"type": "object", "properties": {"expression": {"type": "string"}}}}}
CALC_CALL = {"name": "calculator", "arguments": {"expression": "15 * 23"}}
SEARCH_CALL = {"name": "search", "arguments": {"query": "pandas"}}


async def tool_dataset(client: httpx.AsyncClient, items: list[dict]) -> str:
    """A dataset made through the API (items may carry agent_args.tool_results)."""
    dataset = (await client.post(f"{API}/datasets/", json={"name": "tools"})).json()
    done = await client.post(f"{API}/datasets/{dataset['id']}/import/", json={"items": items})
    assert done.status_code == 201, done.text
    return dataset["id"]


async def test_a_tool_call_is_answered_from_tool_results_and_the_model_answers(
    app: FastAPI, client: httpx.AsyncClient, fake_llm: FakeLLM
) -> None:
    fake_llm.script({"tool_calls": [CALC_CALL]})  # then the default: it reads the result
    dataset = await tool_dataset(client, [{"input": "Calculate 15 * 23",
                                           "expected_output": "calculator"}])
    called = await add_evaluator(client, "called", "tool_called")
    experiment = await run_to_end(client, dataset, {
        "model": "gpt-4o-mini", "tools": [SEARCH, CALCULATOR],
        "tool_results": {"calculator": "345"}}, [called])
    assert experiment["status"] == "completed", experiment
    [run] = await runs_of(app, experiment["id"])
    assert run.status == "completed" and run.output == "345"
    assert run.tool_calls == [{"name": "calculator", "arguments": {"expression": "15 * 23"},
                               "result": "345"}]
    user, ask, answer, final = run.messages
    assert user == {"role": "user", "content": "Calculate 15 * 23"}
    assert ask["role"] == "assistant" and ask["content"] is None
    [call] = ask["tool_calls"]
    assert call["function"] == {"name": "calculator", "arguments": '{"expression": "15 * 23"}'}
    assert answer == {"role": "tool", "tool_call_id": call["id"], "content": "345"}
    assert final == {"role": "assistant", "content": "345"}
    # two model calls, both offered the tools; the second carries the tool result
    assert len(fake_llm.requests) == 2
    assert all([t["function"]["name"] for t in r["tools"]] == ["search", "calculator"]
               for r in fake_llm.requests)
    assert fake_llm.requests[1]["messages"][-1]["role"] == "tool"
    assert run.attempts == 2 and run.tokens_out == 1  # usage summed over both steps
    results = (await client.get(f"{API}/experiments/{experiment['id']}/results/")).json()
    [row] = results["results"]
    assert row["tool_calls"] == run.tool_calls
    assert [(s["name"], s["numeric_value"]) for s in row["scores"]] == [("called", 1.0)]
    detail = (await client.get(f"{API}/experiments/{experiment['id']}/")).json()
    assert detail["runs"][0]["tool_calls"][0]["name"] == "calculator"
    exported = await client.get(f"{API}/experiments/{experiment['id']}/results/?format=csv")
    [line] = list(csv.DictReader(io.StringIO(exported.text)))
    assert json.loads(line["tool_calls"]) == run.tool_calls
    jsonl = await client.get(f"{API}/experiments/{experiment['id']}/results/?format=jsonl")
    assert json.loads(jsonl.text.splitlines()[0])["tool_calls"] == run.tool_calls


async def test_multi_step_loop_uses_item_results_over_config_and_keeps_every_step(
    app: FastAPI, client: httpx.AsyncClient, fake_llm: FakeLLM
) -> None:
    fake_llm.script({"tool_calls": [SEARCH_CALL]}, {"tool_calls": [CALC_CALL]},
                    {"text": "pandas: 345"})
    dataset = await tool_dataset(client, [{
        "input": "Look up pandas, then compute 15 * 23",
        "expected_output": ["search", "calculator"],
        "agent_args": {"tool_results": {"calculator": {"value": 345}}}}])
    sequence = await add_evaluator(client, "order", "tool_sequence")
    experiment = await run_to_end(client, dataset, {
        "model": "gpt-4o-mini", "tools": [SEARCH, CALCULATOR], "max_steps": 3,
        "tool_results": {"search": "bears", "calculator": "not this one"}}, [sequence])
    [run] = await runs_of(app, experiment["id"])
    assert run.status == "completed" and run.output == "pandas: 345"
    assert run.tool_calls == [
        {"name": "search", "arguments": {"query": "pandas"}, "result": "bears"},
        {"name": "calculator", "arguments": {"expression": "15 * 23"}, "result": {"value": 345}},
    ]
    assert [m["role"] for m in run.messages] == [
        "user", "assistant", "tool", "assistant", "tool", "assistant"]
    assert run.messages[4]["content"] == '{"value": 345}'  # an object result is sent as JSON
    assert len(fake_llm.requests) == 3
    results = (await client.get(f"{API}/experiments/{experiment['id']}/results/")).json()
    [score] = results["results"][0]["scores"]
    assert score["numeric_value"] == 1.0
    assert score["reason"] == ("2 of 2 expected tools in order (expected: search, calculator; "
                               "called: search, calculator)")


async def test_a_model_that_never_stops_calling_tools_fails_at_max_steps(
    app: FastAPI, client: httpx.AsyncClient, fake_llm: FakeLLM
) -> None:
    fake_llm.always({"tool_calls": [SEARCH_CALL]}, contains="forever")
    dataset = await tool_dataset(client, [{"input": "search forever"}, {"input": "plain"}])
    experiment = await run_to_end(client, dataset, {
        "model": "gpt-4o-mini", "tools": [SEARCH], "tool_results": {"search": "more"},
        "max_steps": 3})
    looping, plain = await runs_of(app, experiment["id"])
    assert looping.status == "failed"
    assert looping.error == (
        "The model still called tools (search) at its last allowed step (max_steps=3): no "
        "final answer. Raise max_steps, or script tool_results that let it answer.")
    assert looping.error_class == "other"
    assert len(looping.tool_calls) == 3 and looping.attempts == 3
    assert [m["role"] for m in looping.messages][-2:] == ["assistant", "tool"]
    assert looping.tokens_in > 0  # the steps it paid for are charged
    # the other item answers at once (no tool call): one request; the loop took exactly 3
    assert plain.status == "completed" and plain.tool_calls == []
    assert len(fake_llm.requests) == 4


async def test_a_tool_without_a_scripted_result_gets_an_error_text_and_the_run_goes_on(
    app: FastAPI, client: httpx.AsyncClient, fake_llm: FakeLLM
) -> None:
    fake_llm.script({"tool_calls": [CALC_CALL]}, {"text": "I could not calculate it"})
    dataset = await tool_dataset(client, [{"input": "Calculate 15 * 23"}])
    experiment = await run_to_end(client, dataset, {
        "model": "gpt-4o-mini", "tools": [SEARCH, CALCULATOR],
        "tool_results": {"search": "x"}})
    [run] = await runs_of(app, experiment["id"])
    assert run.status == "completed" and run.output == "I could not calculate it"
    error = "error: no result scripted for tool 'calculator' (set tool_results)"
    assert run.tool_calls == [{**CALC_CALL, "result": None, "error": error}]
    assert run.messages[2]["content"] == error


async def test_tools_given_as_model_params_run_the_same_loop(
    app: FastAPI, client: httpx.AsyncClient, fake_llm: FakeLLM
) -> None:
    fake_llm.script({"tool_calls": [CALC_CALL]})
    dataset = await tool_dataset(client, [{
        "input": "Calculate 15 * 23", "agent_args": {"tool_results": {"calculator": "345"}}}])
    experiment = await run_to_end(client, dataset, {
        "model": "gpt-4o-mini", "params": {"tools": [CALCULATOR], "tool_choice": "auto"}})
    [run] = await runs_of(app, experiment["id"])
    assert run.output == "345" and run.tool_calls[0]["result"] == "345"
    assert fake_llm.requests[0]["tool_choice"] == "auto"


@pytest.fixture
def claude_registered(fake_llm: FakeLLM, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TEAM_ANTHROPIC_KEY", "sk-ant-team")
    monkeypatch.setenv("EVALFORGE_MODELS", json.dumps({"claude": {
        "model": "anthropic/claude-3-5-haiku-20241022", "api_base": fake_llm.anthropic_base_url,
        "api_key_env": "TEAM_ANTHROPIC_KEY"}}))


async def test_anthropic_tool_use_through_litellm_runs_the_same_loop(
    claude_registered: None, app: FastAPI, client: httpx.AsyncClient, fake_llm: FakeLLM
) -> None:
    fake_llm.script({"tool_calls": [CALC_CALL]})
    dataset = await tool_dataset(client, [{"input": "Calculate 15 * 23",
                                           "expected_output": {"expression": "15 * 23"}}])
    args = await add_evaluator(client, "args", "tool_args_match", {"tool": "calculator"})
    experiment = await run_to_end(client, dataset, {
        "model": "claude", "max_tokens": 50, "tools": [CALCULATOR],
        "tool_results": {"calculator": "345"}}, [args])
    [run] = await runs_of(app, experiment["id"])
    assert run.status == "completed" and run.output == "345", run.error
    assert run.tool_calls == [{**CALC_CALL, "result": "345"}]
    first, second = fake_llm.requests
    # litellm sent the OpenAI schema in Anthropic's shape, and the result as a tool_result
    assert first["tools"][0]["name"] == "calculator"
    assert first["tools"][0]["input_schema"]["properties"] == {"expression": {"type": "string"}}
    [block] = [b for b in second["messages"][-1]["content"] if b["type"] == "tool_result"]
    assert block["tool_use_id"] == run.messages[1]["tool_calls"][0]["id"]
    results = (await client.get(f"{API}/experiments/{experiment['id']}/results/")).json()
    [score] = results["results"][0]["scores"]
    assert (score["numeric_value"], score["reason"]) == (
        1.0, "calculator arguments contains the expected JSON")


async def test_each_turn_of_a_conversation_runs_its_own_loop_and_is_graded_on_its_answer(
    app: FastAPI, client: httpx.AsyncClient, fake_llm: FakeLLM
) -> None:
    fake_llm.always({"tool_calls": [CALC_CALL]}, contains="15 * 23", before_tool_result=True)
    dataset = await tool_dataset(client, [{
        "input": ["Calculate 15 * 23", "Thanks"], "expected_output": ["345", "Thanks"]}])
    exact = await add_evaluator(client, "exact", "exact_match")
    experiment = await run_to_end(client, dataset, {
        "model": "gpt-4o-mini", "tools": [CALCULATOR], "tool_results": {"calculator": "345"}},
        [exact])
    [run] = await runs_of(app, experiment["id"])
    # turn 2's request still holds "15 * 23" but ends with a user message: it calls again
    assert [m["role"] for m in run.messages] == [
        "user", "assistant", "tool", "assistant", "user", "assistant", "tool", "assistant"]
    assert len(run.tool_calls) == 2 and run.output == "345"
    [score] = (await client.get(f"{API}/experiments/{experiment['id']}/results/")).json()[
        "results"][0]["scores"]
    # each turn's reply is the answer after its tool result, not the tool-calling step
    assert (score["numeric_value"], score["reason"]) == (0.5, "mean of 2 turns (turn 1: 1, turn 2: 0)")
