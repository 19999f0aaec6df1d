"""A non-OpenAI provider end to end: `anthropic/...` goes through litellm.acompletion (not the
OpenAI lane) to the fake server's Anthropic Messages endpoint, named through the registry."""

from collections.abc import Iterator

import pytest

from app import llm
from app.config import Settings
from app.llm import client as llm_client
from app.llm import openai_lane
from bench.fakellm import FakeLLM

HELLO = [{"role": "user", "content": "say hello world"}]
CLAUDE = "anthropic/claude-3-5-haiku-20241022"


@pytest.fixture(autouse=True)
def claude_registered(fake_llm: FakeLLM, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TEAM_ANTHROPIC_KEY", "sk-ant-team")
    llm.configure(Settings(models={"claude": {
        "model": CLAUDE, "api_base": fake_llm.anthropic_base_url,
        "api_key_env": "TEAM_ANTHROPIC_KEY"}}, llm_max_retries=1, llm_backoff_base_s=0.001,
        llm_backoff_max_s=0.01))
    yield
    llm_client._config = None


async def test_anthropic_model_is_called_through_litellm_on_the_messages_api(fake_llm: FakeLLM) -> None:
    assert openai_lane.uses_lane(CLAUDE) is False
    result = await llm.complete("claude", HELLO, {"temperature": 0, "max_tokens": 20})
    assert result.text == "say hello world"
    assert (result.tokens_in, result.tokens_out) == (3, 3)
    sent = fake_llm.requests[0]
    assert sent["model"] == "claude-3-5-haiku-20241022"
    assert sent["max_tokens"] == 20 and sent["messages"][0]["role"] == "user"
    headers = fake_llm.request_headers[0]
    assert headers["x-api-key"] == "sk-ant-team"  # the registry's key, Anthropic's header
    assert "authorization" not in headers


async def test_anthropic_errors_are_classified_and_retried(fake_llm: FakeLLM) -> None:
    fake_llm.script({"status": 429}, "after the 429")
    result = await llm.complete("claude", HELLO, {"max_tokens": 20})
    assert (result.text, result.attempts) == ("after the 429", 2)
    fake_llm.script({"status": 400, "message": "prompt is too long"})
    with pytest.raises(llm.LLMError) as caught:
        await llm.complete("claude", HELLO, {"max_tokens": 20})
    assert (caught.value.status_code, caught.value.retryable) == (400, False)
    assert "prompt is too long" in caught.value.message
