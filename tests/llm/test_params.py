"""Model parameters are an allow-list: endpoints, headers and credentials never reach litellm
(issue 15.1), whoever calls app.llm.complete."""

from collections.abc import Iterator

import pytest
from pydantic import ValidationError

from app import llm
from app.config import Settings
from app.llm import client as llm_client
from app.llm.params import ALLOWED, ModelParams, param_errors
from bench.fakellm import FakeLLM

HELLO = [{"role": "user", "content": "say hello world"}]

# What litellm.acompletion would take as keyword arguments besides model parameters: each
# one would let a request choose where the server's key goes, or what the call does.
REFUSED = {
    "api_base": "LISTENER",
    "base_url": "LISTENER",
    "api_key": "sk-attacker",
    "extra_headers": {"X-Forwarded-Host": "evil.test"},
    "headers": {"Authorization": "Bearer x"},
    "default_headers": {"X": "y"},
    "custom_llm_provider": "openai",
    "organization": "org-x",
    "api_version": "2024-01-01",
    "deployment_id": "x",
    "aws_access_key_id": "AKIA",
    "aws_secret_access_key": "s",
    "aws_region_name": "us-east-1",
    "vertex_credentials": "{}",
    "vertex_project": "p",
    "azure_ad_token": "t",
    "extra_body": {"x": 1},
    "timeout": 1,
    "request_timeout": 1,
    "stream": True,
    "num_retries": 3,
    "max_retries": 3,
    "mock_response": "pwned",
    "metadata": {"a": 1},
    "model_list": [],
    "litellm_params": {},
    "model": "gpt-4o",
    "messages": [],
}


@pytest.fixture(autouse=True)
def fast_config() -> Iterator[None]:
    llm.configure(Settings(llm_backoff_base_s=0.001, llm_backoff_max_s=0.02, llm_max_retries=1))
    yield
    llm_client._config = None


@pytest.mark.parametrize("key", sorted(REFUSED))
async def test_complete_refuses_every_non_model_param_without_any_request(
        fake_llm: FakeLLM, key: str) -> None:
    with FakeLLM(reply="stolen") as listener:
        value = listener.base_url if REFUSED[key] == "LISTENER" else REFUSED[key]
        with pytest.raises(llm.LLMError) as caught:
            await llm.complete("gpt-4o-mini", HELLO, {"temperature": 0, key: value})
    assert caught.value.message.startswith(f"Not allowed model parameter(s): {key}.")
    assert "EVALFORGE_MODELS" in caught.value.message
    assert (caught.value.retryable, caught.value.attempts) == (False, 0)
    assert listener.requests == [] and fake_llm.requests == []


async def test_every_allowed_param_reaches_the_provider(fake_llm: FakeLLM) -> None:
    params = {"temperature": 0.2, "top_p": 0.5, "max_tokens": 40, "stop": ["END"], "seed": 7,
              "presence_penalty": 0.1, "frequency_penalty": -0.1, "logit_bias": {"50256": -100},
              "user": "u-1", "n": 1, "logprobs": True, "top_logprobs": 2,
              "response_format": {"type": "json_object"}, "parallel_tool_calls": False,
              "tools": [{"type": "function", "function": {"name": "f", "parameters": {}}}],
              "tool_choice": "auto"}
    await llm.complete("gpt-4o-mini", HELLO, params)
    sent = fake_llm.requests[0]
    assert {k: sent[k] for k in params} == params
    assert fake_llm.request_headers[0]["authorization"] == "Bearer sk-fake"


def test_the_allow_list_is_generation_settings_only() -> None:
    assert sorted(ALLOWED) == sorted([
        "temperature", "top_p", "max_tokens", "max_completion_tokens", "stop", "seed",
        "response_format", "tools", "tool_choice", "parallel_tool_calls", "presence_penalty",
        "frequency_penalty", "logit_bias", "logprobs", "top_logprobs", "n", "user",
        "reasoning_effort", "thinking"])
    assert not ALLOWED & set(REFUSED)


def test_model_params_422_names_each_refused_key() -> None:
    with pytest.raises(ValidationError) as caught:
        ModelParams.model_validate({"temperature": 0.1, "api_base": "http://x", "api_key": "k"})
    errors = caught.value.errors()
    assert [e["loc"] for e in errors] == [("api_base",), ("api_key",)]
    assert {e["type"] for e in errors} == {"model_param_not_allowed"}
    assert "not an allowed model parameter" in errors[0]["msg"]
    assert "EVALFORGE_MODELS" in errors[0]["msg"]


@pytest.mark.parametrize(("params", "locs"), [
    ({"temperature": 3}, [["temperature"]]),
    ({"seed": "abc"}, [["seed"]]),
    ({"stop": 5}, [["stop", "str"], ["stop", "list[str]"]]),
    ({"n": 0}, [["n"]]),
    ({"tools": "all"}, [["tools"]]),
    ({"logit_bias": {"1": "high"}}, [["logit_bias", "1"]]),
    ({"temperature": float("nan")}, [["temperature"]]),
    ({"max_tokens": 0}, [["max_tokens"]]),
])
def test_model_param_values_are_type_checked(params: dict, locs: list) -> None:
    assert [e["loc"] for e in param_errors(params)] == locs


def test_stored_params_that_are_not_an_object_are_an_error() -> None:
    assert param_errors("api_base=http://x")[0]["loc"] == []
    assert param_errors({}) == []
