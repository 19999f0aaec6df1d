"""Bad tool settings are a 422 naming the field (issue 12), never runs that fail on every item:
tool_results for a tool not offered, a malformed function schema, a tool_choice naming no
offered tool, tools given twice (top level and params), tool settings without tools."""

import httpx
import pytest

from bench.fakellm import FakeLLM
from tests.engine.test_tools import CALCULATOR, SEARCH, tool_dataset

API = "/api/v1"


@pytest.mark.parametrize(("config", "loc", "message"), [
    ({"tools": [CALCULATOR], "tool_results": {"search": "x"}}, "tool_results",
     "'search': not an offered tool (tools: calculator)"),
    ({"tool_results": {"search": "x"}}, "tool_results", "tool_results needs tools"),
    ({"tools": [{"type": "function", "function": {"name": "two words"}}]}, "tools",
     "tools[0].function.name must be 1-64 letters, digits, _ or - (got 'two words')"),
    ({"tools": [SEARCH, {"type": "function"}]}, "tools",
     "tools[1].function must be an object with a name"),
    ({"tools": [{"type": "retrieval", "function": {"name": "a"}}]}, "tools",
     "tools[0].type must be 'function'"),
    ({"tools": [{"type": "function", "function": {"name": "a", "parameters": {"type": "array"}}}]},
     "tools", "tools[0].function.parameters must be a JSON schema of type object"),
    ({"tools": [{"type": "function", "function": {"name": "a", "params": {}}}]}, "tools",
     "tools[0].function has unknown key(s) params"),
    ({"tools": [SEARCH, SEARCH]}, "tools", "tools[1].function.name 'search' is offered twice"),
    ({"tools": [SEARCH], "tool_choice": {"type": "function", "function": {"name": "calculator"}}},
     "tool_choice", "names tool 'calculator', which is not offered (tools: search)"),
    ({"tools": [SEARCH], "tool_choice": "always"}, "tool_choice", "must be one of auto, none"),
    ({"tools": [SEARCH], "params": {"tools": [CALCULATOR]}}, "tools",
     "give tools once (top-level tools and tool_choice, or params, not both)"),
    ({"params": {"tools": [{"type": "function", "function": {"name": "a b"}}]}}, "params",
     "tools[0].function.name must be 1-64 letters"),
    ({"max_steps": 3}, "max_steps", "max_steps needs tools"),
    ({"tools": [SEARCH], "max_steps": 0}, "max_steps", "greater than or equal to 1"),
])
async def test_bad_tool_config_is_422_naming_the_field(
    client: httpx.AsyncClient, config: dict, loc: str, message: str
) -> None:
    dataset = await tool_dataset(client, [{"input": "x"}])
    response = await client.post(f"{API}/experiments/", json={
        "name": "t", "dataset_id": dataset, "config": {"model": "gpt-4o-mini", **config}})
    assert response.status_code == 422, response.text
    [error] = response.json()["detail"]
    assert error["loc"] == ["body", "config", loc]
    assert message in error["msg"]
    listed = (await client.get(f"{API}/experiments/")).json()
    assert listed["count"] == 0  # nothing half-written


async def test_good_tool_config_is_kept_and_frozen_into_the_snapshot(
    client: httpx.AsyncClient, fake_llm: FakeLLM
) -> None:
    dataset = await tool_dataset(client, [{"input": "x"}])
    config = {"model": "gpt-4o-mini", "tools": [SEARCH, CALCULATOR], "tool_choice": "required",
              "tool_results": {"calculator": 345}, "max_steps": 2}
    created = await client.post(f"{API}/experiments/", json={
        "name": "t", "dataset_id": dataset, "config": config})
    assert created.status_code == 201, created.text
    started = await client.post(f"{API}/experiments/{created.json()['id']}/start/")
    assert started.status_code == 200, started.text
    detail = (await client.get(f"{API}/experiments/{created.json()['id']}/")).json()
    assert detail["snapshot"]["tools"] == {
        "tools": [SEARCH, CALCULATOR], "tool_choice": "required",
        "tool_results": {"calculator": 345}, "max_steps": 2}
