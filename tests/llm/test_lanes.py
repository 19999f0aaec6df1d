"""Contract tests of the model-call lanes: they fail loudly when a litellm upgrade changes
what the OpenAI lane borrows from it (parameter mapping, request translation, provider
resolution), and they prove which lane each kind of model takes."""

import json

import pytest

from app import llm
from app.config import Settings
from app.llm import client as llm_client
from app.llm import openai_lane
from bench.fakellm import FakeLLM

HELLO = [{"role": "user", "content": "say hello world"}]


@pytest.fixture(autouse=True)
def _loaded() -> None:
    llm.warm_up()  # the lane borrows litellm's mapping: it must be importable and loaded


@pytest.mark.parametrize(("model", "expected"), [
    ("gpt-4o-mini", ("gpt-4o-mini", "openai")),
    ("openai/my-vllm-model", ("my-vllm-model", "openai")),
    ("anthropic/claude-3-5-haiku-20241022", ("claude-3-5-haiku-20241022", "anthropic")),
    ("no-such-provider/x", None),
])
def test_litellm_resolves_providers_as_the_lane_expects(model: str, expected: tuple | None) -> None:
    assert openai_lane.provider_of(model) == expected


def test_only_openai_protocol_models_take_the_lane() -> None:
    assert openai_lane.uses_lane("gpt-4o-mini") is True
    assert openai_lane.uses_lane("openai/llama3") is True
    assert openai_lane.uses_lane("anthropic/claude-3-5-haiku-20241022") is False
    assert openai_lane.uses_lane("gemini/gemini-1.5-flash") is False


def test_request_body_is_litellms_openai_translation() -> None:
    params = {"temperature": 0.2, "max_tokens": 50, "top_p": 0.9, "stop": ["END"], "seed": 7,
              "response_format": {"type": "json_object"}, "presence_penalty": 0.1}
    body = openai_lane.build_body("gpt-4o-mini", HELLO, params)
    assert body == {"model": "gpt-4o-mini", "messages": HELLO, "stream": False, **params}
    json.dumps(body)  # sendable as is


def test_request_body_carries_tools_and_drops_a_dangling_tool_choice() -> None:
    tool = {"type": "function", "function": {"name": "calculator", "parameters": {
        "type": "object", "properties": {"expression": {"type": "string"}}}}}
    with_tools = openai_lane.build_body("gpt-4o-mini", HELLO, {"tools": [tool], "tool_choice": "auto"})
    assert with_tools["tools"] == [tool] and with_tools["tool_choice"] == "auto"
    without = openai_lane.build_body("gpt-4o-mini", HELLO, {"tool_choice": "auto"})
    assert "tool_choice" not in without


async def test_openai_model_goes_through_the_lane_not_litellm(fake_llm: FakeLLM) -> None:
    llm.configure(Settings(llm_transport="auto"))
    result = await llm.complete("gpt-4o-mini", HELLO, {"temperature": 0})
    assert result.text == "say hello world"
    # litellm's OpenAI SDK path sends its own client headers; the lane sends none of them.
    assert not any(h.startswith("x-stainless") for h in fake_llm.request_headers[-1])
    assert fake_llm.request_headers[-1]["authorization"] == "Bearer sk-fake"
    llm_client._config = None


async def test_transport_litellm_sends_everything_through_litellm(fake_llm: FakeLLM) -> None:
    llm.configure(Settings(llm_transport="litellm"))
    result = await llm.complete("gpt-4o-mini", HELLO, {"temperature": 0})
    assert result.text == "say hello world"
    assert any(h.startswith("x-stainless") for h in fake_llm.request_headers[-1])
    llm_client._config = None


async def test_lane_cost_comes_from_litellms_price_map(fake_llm: FakeLLM) -> None:
    llm.configure(Settings(llm_transport="auto"))
    result = await llm.complete("gpt-4o-mini", HELLO)
    price = llm.warm_up().model_cost["gpt-4o-mini"]
    expected = 3 * price["input_cost_per_token"] + 3 * price["output_cost_per_token"]
    assert (result.cost_known, result.cost) == (True, pytest.approx(expected))
    unpriced = await llm.complete("openai/some-local-model", HELLO)
    assert (unpriced.cost_known, unpriced.cost) == (False, 0.0)
    llm_client._config = None


async def test_configured_prices_are_registered_with_litellm(fake_llm: FakeLLM) -> None:
    llm.configure(Settings(model_prices={"openai/bench-model": {
        "input_cost_per_token": 1e-6, "output_cost_per_token": 2e-6}}))
    result = await llm.complete("openai/bench-model", HELLO)
    assert (result.cost_known, result.cost) == (True, pytest.approx(3e-6 + 6e-6))
    litellm = llm.warm_up()
    assert litellm.model_cost["bench-model"]["input_cost_per_token"] == 1e-6
    prompt, completion = litellm.cost_per_token(model="openai/bench-model", prompt_tokens=1,
                                                completion_tokens=1)
    assert (prompt, completion) == (pytest.approx(1e-6), pytest.approx(2e-6))
    llm_client._config = None
