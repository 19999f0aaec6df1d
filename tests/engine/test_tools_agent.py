"""Agent targets may report their tool calls (issue 12): stored on the run as a model's are,
in its transcript too, so the tool graders grade an agent exactly as they grade a model."""

import httpx
from fastapi import FastAPI

from tests.engine.conftest import AgentServer, add_evaluator, run_to_end, runs_of
from tests.engine.test_tools import tool_dataset

API = "/api/v1"


async def test_an_agents_reported_tool_calls_are_stored_and_graded(
    app: FastAPI, client: httpx.AsyncClient, agent: AgentServer
) -> None:
    agent.reply = {"output": "15 * 23 = 345", "tool_calls": [
        {"name": "search", "arguments": {"query": "multiplication"}, "result": "a page"},
        # OpenAI's shape is understood too (arguments as a JSON text)
        {"function": {"name": "calculator", "arguments": '{"expression": "15 * 23"}'},
         "result": 345},
        {"arguments": {"no": "name"}},  # nothing could grade it: left out
    ]}
    dataset = await tool_dataset(client, [{"input": "Calculate 15 * 23",
                                           "expected_output": "calculator"}])
    called = await add_evaluator(client, "called", "tool_called", {"exact": "first"})
    anywhere = await add_evaluator(client, "anywhere", "tool_called")
    args = await add_evaluator(client, "args", "tool_args_match",
                               {"tool": "calculator", "arguments": {"expression": "15 * 23"}})
    result_of = await add_evaluator(client, "result", "contains", {
        "extractor": {"kind": "tool_output", "tool": "calculator"}, "value": "345"})
    experiment = await run_to_end(client, dataset, {"agent": {"url": agent.url}},
                                  [called, anywhere, args, result_of])
    assert experiment["status"] == "completed", experiment
    [run] = await runs_of(app, experiment["id"])
    assert run.output == "15 * 23 = 345"
    assert run.tool_calls == [
        {"name": "search", "arguments": {"query": "multiplication"}, "result": "a page"},
        {"name": "calculator", "arguments": {"expression": "15 * 23"}, "result": 345},
    ]
    assert [m["role"] for m in run.messages] == ["user", "assistant", "tool", "tool", "assistant"]
    assert run.messages[-1] == {"role": "assistant", "content": "15 * 23 = 345"}
    results = (await client.get(f"{API}/experiments/{experiment['id']}/results/")).json()
    [row] = results["results"]
    assert row["tool_calls"] == run.tool_calls
    scores = {s["name"]: (s["numeric_value"], s["reason"]) for s in row["scores"]}
    assert scores["called"] == (
        0.0, "'calculator' is not the first tool called (called: search, calculator)")
    assert scores["anywhere"][0] == 1.0
    assert scores["args"] == (1.0, "calculator arguments contains the expected JSON")
    assert scores["result"] == (1.0, "output contains '345'")


async def test_an_agent_without_tool_calls_keeps_no_tool_record(
    app: FastAPI, client: httpx.AsyncClient, agent: AgentServer
) -> None:
    agent.reply = {"output": "hi", "tool_calls": "not a list"}
    dataset = await tool_dataset(client, [{"input": "hello"}])
    experiment = await run_to_end(client, dataset, {"agent": {"url": agent.url}})
    [run] = await runs_of(app, experiment["id"])
    assert run.status == "completed" and run.tool_calls is None
    assert [m["role"] for m in run.messages] == ["user", "assistant"]


async def test_rescore_grades_stored_tool_calls_without_calling_the_target(
    app: FastAPI, client: httpx.AsyncClient, agent: AgentServer
) -> None:
    agent.reply = {"output": "done", "tool_calls": [
        {"name": "search", "arguments": {"query": "pandas"}, "result": "bears"}]}
    dataset = await tool_dataset(client, [{"input": "Search for information about pandas",
                                           "expected_output": "search"}])
    experiment = await run_to_end(client, dataset, {"agent": {"url": agent.url}})
    called = await add_evaluator(client, "called", "tool_called", {"exact": "only"})
    rescored = await client.post(f"{API}/experiments/{experiment['id']}/rescore/",
                                 json={"evaluator_ids": [called]})
    assert rescored.status_code == 200, rescored.text
    assert len(agent.requests) == 1  # graded from the stored transcript
    [row] = (await client.get(f"{API}/experiments/{experiment['id']}/results/")).json()["results"]
    assert [(s["name"], s["numeric_value"], s["reason"]) for s in row["scores"]] == [
        ("called", 1.0, "'search' is the only tool called (called: search)")]
