"""Tool calls at the app.llm door and on the fake server (issue 12): the fake answers scripted
tool calls in OpenAI's and Anthropic's shapes; app.llm.complete surfaces them the same way
through the OpenAI lane and through litellm, and keeps them in the transcript."""

import json

import httpx
import pytest

from app import llm
from app.config import Settings
from app.llm import client as llm_client
from bench.fakellm import FakeLLM

CALC = {"name": "calculator", "arguments": {"expression": "15 * 23"}}
TOOLS = [{"type": "function", "function": {
    "name": "calculator", "parameters": {"type": "object",
                                         "properties": {"expression": {"type": "string"}}}}}]
ASK = [{"role": "user", "content": "Calculate 15 * 23"}]


def test_fake_server_answers_tool_calls_in_both_protocols_and_counts_them(fake_llm: FakeLLM) -> None:
    fake_llm.script({"tool_calls": [CALC]}, {"tool_calls": [CALC], "text": "Let me compute."})
    openai = httpx.post(f"{fake_llm.base_url}/chat/completions",
                        json={"model": "m", "messages": ASK}).json()["choices"][0]
    assert openai["finish_reason"] == "tool_calls"
    assert openai["message"]["content"] is None
    [call] = openai["message"]["tool_calls"]
    assert call["type"] == "function" and call["id"].startswith("call_")
    assert call["function"] == {"name": "calculator", "arguments": '{"expression": "15 * 23"}'}
    anthropic = httpx.post(f"{fake_llm.anthropic_base_url}/v1/messages",
                           json={"model": "c", "max_tokens": 9, "messages": ASK}).json()
    assert anthropic["stop_reason"] == "tool_use"
    text, use = anthropic["content"]
    assert text == {"type": "text", "text": "Let me compute."}
    assert use["type"] == "tool_use" and use["id"].startswith("toolu_")
    assert (use["name"], use["input"]) == ("calculator", {"expression": "15 * 23"})
    # after a tool result the default reply is that result, in both protocols
    after = [*ASK, {"role": "assistant", "tool_calls": [call]},
             {"role": "tool", "tool_call_id": call["id"], "content": "345"}]
    reply = httpx.post(f"{fake_llm.base_url}/chat/completions",
                       json={"model": "m", "messages": after}).json()["choices"][0]
    assert reply["message"] == {"role": "assistant", "content": "345"}
    anthropic_after = [*ASK, {"role": "assistant", "content": [use]}, {"role": "user", "content": [
        {"type": "tool_result", "tool_use_id": use["id"], "content": "345"}]}]
    reply = httpx.post(f"{fake_llm.anthropic_base_url}/v1/messages",
                       json={"model": "c", "max_tokens": 9, "messages": anthropic_after}).json()
    assert reply["content"] == [{"type": "text", "text": "345"}]
    assert fake_llm.stats()["requests"] == 4


def test_a_standing_rule_can_stop_at_the_tool_result(fake_llm: FakeLLM) -> None:
    fake_llm.always({"tool_calls": [CALC]}, contains="15 * 23", before_tool_result=True)
    first = httpx.post(f"{fake_llm.base_url}/chat/completions",
                       json={"model": "m", "messages": ASK}).json()["choices"][0]["message"]
    after = [*ASK, first, {"role": "tool", "tool_call_id": first["tool_calls"][0]["id"],
                           "content": "345"}]
    second = httpx.post(f"{fake_llm.base_url}/chat/completions",
                        json={"model": "m", "messages": after}).json()["choices"][0]["message"]
    assert "tool_calls" in first and second == {"role": "assistant", "content": "345"}


@pytest.mark.usefixtures("llm_transport")
async def test_complete_surfaces_tool_calls_the_same_through_both_transports(
    fake_llm: FakeLLM,
) -> None:
    fake_llm.script({"tool_calls": [CALC, {"name": "calculator", "arguments": "2 +"}]})
    completion = await llm.complete("gpt-4o-mini", ASK, {"tools": TOOLS})
    ids = [c["id"] for c in completion.tool_calls]
    assert completion.tool_calls == [
        {"id": ids[0], **CALC},
        {"id": ids[1], "name": "calculator", "arguments": "2 +"},  # not JSON: kept as sent
    ]
    assert completion.text == "" and completion.raw_finish_reason == "tool_calls"
    assert completion.messages[-1] == {"role": "assistant", "content": None, "tool_calls": [
        {"id": ids[0], "type": "function",
         "function": {"name": "calculator", "arguments": json.dumps(CALC["arguments"])}},
        {"id": ids[1], "type": "function", "function": {"name": "calculator", "arguments": "2 +"}},
    ]}
    assert fake_llm.requests[0]["tools"] == TOOLS


async def test_anthropic_tool_use_comes_back_in_the_openai_shape(
    fake_llm: FakeLLM, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TEAM_ANTHROPIC_KEY", "sk-ant-team")
    llm.configure(Settings(models={"claude": {
        "model": "anthropic/claude-3-5-haiku-20241022", "api_base": fake_llm.anthropic_base_url,
        "api_key_env": "TEAM_ANTHROPIC_KEY"}}, llm_max_retries=0))
    try:
        fake_llm.script({"tool_calls": [CALC], "text": "Computing."})
        completion = await llm.complete("claude", ASK, {"tools": TOOLS, "max_tokens": 50})
    finally:
        llm_client._config = None
    [call] = completion.tool_calls
    assert (call["name"], call["arguments"]) == ("calculator", {"expression": "15 * 23"})
    assert call["id"].startswith("toolu_")
    assert completion.text == "Computing."
    assert completion.messages[-1]["tool_calls"][0]["function"]["name"] == "calculator"
    assert fake_llm.requests[0]["tools"][0]["input_schema"]["type"] == "object"
