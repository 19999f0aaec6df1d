"""The model registry (EVALFORGE_MODELS): endpoints and keys chosen by the server, named by
requests (issue 15.1)."""

import json
from collections.abc import Iterator

import pytest
from pydantic import ValidationError

from app import llm
from app.config import Settings
from app.llm import client as llm_client
from bench.fakellm import FakeLLM

HELLO = [{"role": "user", "content": "say hello world"}]


def use_registry(models: dict, **overrides: object) -> None:
    llm.configure(Settings(models=models, llm_backoff_base_s=0.001, llm_backoff_max_s=0.02,
                           llm_max_retries=1, **overrides))


@pytest.fixture(autouse=True)
def lazy_config_after() -> Iterator[None]:
    yield
    llm_client._config = None


@pytest.fixture
def team_server() -> Iterator[FakeLLM]:
    with FakeLLM(reply="from the team's vLLM") as server:
        yield server


async def test_registered_name_goes_to_its_endpoint_with_the_key_from_its_env_var(
        fake_llm: FakeLLM, team_server: FakeLLM, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TEAM_VLLM_KEY", "team-secret-1")
    use_registry({"team-llama": {"model": "openai/llama3", "api_base": team_server.base_url,
                                 "api_key_env": "TEAM_VLLM_KEY"}})
    result = await llm.complete("team-llama", HELLO, {"temperature": 0})
    assert result.text == "from the team's vLLM"
    assert team_server.requests[0]["model"] == "llama3"
    assert team_server.request_headers[0]["authorization"] == "Bearer team-secret-1"
    assert fake_llm.requests == []  # the environment's endpoint is not involved


async def test_the_key_is_read_at_call_time(
        fake_llm: FakeLLM, team_server: FakeLLM, monkeypatch: pytest.MonkeyPatch) -> None:
    use_registry({"team-llama": {"model": "openai/llama3", "api_base": team_server.base_url,
                                 "api_key_env": "TEAM_VLLM_KEY"}})
    monkeypatch.setenv("TEAM_VLLM_KEY", "before-rotation")
    await llm.complete("team-llama", HELLO)
    monkeypatch.setenv("TEAM_VLLM_KEY", "after-rotation")
    await llm.complete("team-llama", HELLO)
    assert [h["authorization"] for h in team_server.request_headers] == [
        "Bearer before-rotation", "Bearer after-rotation"]


async def test_a_registered_endpoint_without_key_env_never_gets_the_server_key(
        fake_llm: FakeLLM, team_server: FakeLLM) -> None:
    use_registry({"ollama-llama": {"model": "openai/llama3", "api_base": team_server.base_url}})
    await llm.complete("ollama-llama", HELLO)
    assert team_server.request_headers[0]["authorization"] == "Bearer no-key"
    assert "sk-fake" not in json.dumps(team_server.request_headers)


async def test_missing_key_env_var_fails_without_a_request(
        fake_llm: FakeLLM, team_server: FakeLLM, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TEAM_VLLM_KEY", raising=False)
    use_registry({"team-llama": {"model": "openai/llama3", "api_base": team_server.base_url,
                                 "api_key_env": "TEAM_VLLM_KEY"}})
    with pytest.raises(llm.LLMError) as caught:
        await llm.complete("team-llama", HELLO)
    assert "TEAM_VLLM_KEY" in caught.value.message
    assert (caught.value.retryable, caught.value.attempts) == (False, 0)
    assert team_server.requests == [] and fake_llm.requests == []


async def test_an_alias_without_endpoint_uses_the_servers_environment(fake_llm: FakeLLM) -> None:
    use_registry({"fast": {"model": "gpt-4o-mini"}})
    await llm.complete("fast", HELLO)
    assert fake_llm.requests[0]["model"] == "gpt-4o-mini"
    assert fake_llm.request_headers[0]["authorization"] == "Bearer sk-fake"


async def test_unregistered_names_use_the_servers_environment(
        fake_llm: FakeLLM, team_server: FakeLLM) -> None:
    use_registry({"team-llama": {"model": "openai/llama3", "api_base": team_server.base_url}})
    await llm.complete("openai/llama3", HELLO)
    assert fake_llm.requests[0]["model"] == "llama3"
    assert team_server.requests == []


async def test_registry_prices_price_the_registered_name(
        fake_llm: FakeLLM, team_server: FakeLLM) -> None:
    use_registry(
        {"team-llama": {"model": "openai/llama3", "api_base": team_server.base_url,
                        "input_cost_per_token": 0.01, "output_cost_per_token": 0.02}},
        model_prices={"openai/llama3": {"input_cost_per_token": 9.0}})
    priced = await llm.complete("team-llama", HELLO)
    unregistered = await llm.complete("openai/llama3", HELLO)
    expected = priced.tokens_in * 0.01 + priced.tokens_out * 0.02
    assert (priced.tokens_in, priced.tokens_out) == (3, 4)
    assert (priced.cost, priced.cost_known) == (pytest.approx(expected), True)
    assert (unregistered.cost, unregistered.cost_known) == (27.0, True)


def test_evalforge_models_is_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    entry = {"model": "openai/llama3", "api_base": "http://vllm:8000/v1", "api_key_env": "K"}
    monkeypatch.setenv("EVALFORGE_MODELS", json.dumps({"llama": entry}))
    assert Settings().models == {"llama": entry}
    monkeypatch.setenv("EVALFORGE_MODELS", "")
    assert Settings().models == {}


@pytest.mark.parametrize(("entry", "problem"), [
    ({"model": "openai/x", "api_key": "sk-inline"}, "api_key: Extra inputs"),
    ({"model": "openai/x", "api_base": "file:///etc/passwd"}, "api_base must be an http"),
    ({"model": "openai/x", "api_key_env": "NOT A NAME"}, "api_key_env"),
    ({"api_base": "http://vllm/v1"}, "model: Field required"),
    ("openai/x", "entry"),
])
def test_malformed_registry_entries_stop_the_server_from_starting(
        entry: object, problem: str) -> None:
    with pytest.raises(ValidationError) as caught:
        Settings(models={"bad": entry})
    assert "EVALFORGE_MODELS['bad']" in str(caught.value)
    assert problem in str(caught.value)
