"""app.llm.complete through litellm to the local fake server (litellm is never patched)."""

import asyncio
import json
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest

from app import llm
from app.config import Settings
from app.llm import client as llm_client
from bench.fakellm import FakeLLM

HELLO = [{"role": "user", "content": "say hello world"}]


def tune(**overrides: object) -> None:
    # Tiny backoff so retry tests take milliseconds, not seconds.
    values = {"llm_backoff_base_s": 0.001, "llm_backoff_max_s": 0.02, "llm_max_retries": 2,
              "llm_timeout_s": 5.0, **overrides}
    llm.configure(Settings(**values))


@pytest.fixture(autouse=True)
def fast_retries(llm_transport: str) -> Iterator[None]:
    """Every test here runs through both model-call lanes (tune() reads the variable)."""
    tune()
    yield
    llm_client._config = None  # back to lazy configuration from the environment


def test_importing_app_llm_does_not_import_litellm() -> None:
    code = "import sys, app.llm; print('litellm' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


async def test_plain_reply_has_text_messages_tokens_and_latency(fake_llm: FakeLLM) -> None:
    await llm.complete("gpt-4o-mini", HELLO)  # the first call of a process loads litellm
    fake_llm.latency_ms = 30
    result = await llm.complete("gpt-4o-mini", HELLO)
    assert result.text == "say hello world"
    assert result.messages == [*HELLO, {"role": "assistant", "content": "say hello world"}]
    assert (result.tokens_in, result.tokens_out) == (3, 3)
    assert result.raw_finish_reason == "stop"
    assert result.attempts == 1
    assert 30 <= result.latency_ms < 3000
    assert fake_llm.requests[1]["model"] == "gpt-4o-mini"
    assert fake_llm.requests[1]["messages"] == HELLO
    assert fake_llm.requests[1].get("stream") in (None, False)


async def test_known_model_cost_comes_from_litellm_price_map(fake_llm: FakeLLM) -> None:
    result = await llm.complete("gpt-4o-mini", HELLO)
    price = llm.warm_up().model_cost["gpt-4o-mini"]  # litellm's own local price map
    expected = 3 * price["input_cost_per_token"] + 3 * price["output_cost_per_token"]
    assert result.cost_known is True
    assert result.cost > 0
    assert result.cost == pytest.approx(expected, rel=1e-12)


async def test_unknown_model_costs_zero_and_is_marked_unknown(fake_llm: FakeLLM) -> None:
    result = await llm.complete("openai/fake-model", HELLO)
    assert result.text == "say hello world"
    assert (result.cost, result.cost_known) == (0.0, False)
    assert fake_llm.requests[0]["model"] == "fake-model"


async def test_model_prices_env_prices_unknown_and_overrides_known(
        fake_llm: FakeLLM, monkeypatch: pytest.MonkeyPatch) -> None:
    prices = {"openai/fake-model": {"input_cost_per_token": 0.001, "output_cost_per_token": 0.002},
              "gpt-4o-mini": {"input_cost_per_token": 0.5, "output_cost_per_token": 0.0}}
    monkeypatch.setenv("EVALFORGE_MODEL_PRICES", json.dumps(prices))
    llm.configure(Settings(llm_backoff_base_s=0.001, llm_backoff_max_s=0.02))
    unknown = await llm.complete("openai/fake-model", HELLO)
    known = await llm.complete("gpt-4o-mini", HELLO)
    assert (unknown.cost, unknown.cost_known) == (pytest.approx(3 * 0.001 + 3 * 0.002), True)
    assert (known.cost, known.cost_known) == (1.5, True)


async def test_two_429_then_success_takes_three_attempts(fake_llm: FakeLLM) -> None:
    fake_llm.script({"status": 429}, {"status": 429}, "finally")
    result = await llm.complete("gpt-4o-mini", HELLO)
    assert result.text == "finally"
    assert result.attempts == 3
    assert len(fake_llm.requests) == 3


async def test_retry_after_header_is_honoured(fake_llm: FakeLLM) -> None:
    tune(llm_backoff_max_s=5.0)
    fake_llm.script({"status": 429, "retry_after": 1})
    started = time.perf_counter()
    result = await llm.complete("gpt-4o-mini", HELLO)
    assert time.perf_counter() - started >= 0.9
    assert result.attempts == 2


async def test_retry_after_is_capped_at_backoff_max(fake_llm: FakeLLM) -> None:
    tune(llm_backoff_max_s=0.05)
    fake_llm.script({"status": 429, "retry_after": 30})
    started = time.perf_counter()
    result = await llm.complete("gpt-4o-mini", HELLO)
    assert time.perf_counter() - started < 2.0
    assert result.attempts == 2


async def test_500_is_retried(fake_llm: FakeLLM) -> None:
    fake_llm.script({"status": 500}, "recovered")
    result = await llm.complete("gpt-4o-mini", HELLO)
    assert (result.text, result.attempts) == ("recovered", 2)


async def test_persistent_500_fails_retryable_after_max_retries(fake_llm: FakeLLM) -> None:
    fake_llm.script(*[{"status": 500}] * 5)
    with pytest.raises(llm.LLMError) as caught:
        await llm.complete("gpt-4o-mini", HELLO)
    assert (caught.value.status_code, caught.value.retryable, caught.value.attempts) == (500, True, 3)
    assert len(fake_llm.requests) == 3


async def test_timeout_is_retried_then_fails_retryable(fake_llm: FakeLLM) -> None:
    fake_llm.script(*[{"delay_ms": 6000}] * 3)
    started = time.perf_counter()
    with pytest.raises(llm.LLMError) as caught:
        await llm.complete("gpt-4o-mini", HELLO, timeout_s=0.2)
    assert time.perf_counter() - started < 5.0  # three 0.2 s timeouts, not one 6 s delay
    assert caught.value.retryable is True
    assert caught.value.attempts == 3
    assert caught.value.status_code == 408
    assert len(fake_llm.requests) == 3


async def test_timeout_after_a_slow_attempt_then_success(fake_llm: FakeLLM) -> None:
    tune(llm_timeout_s=1.0)  # the settings default applies when the call gives none
    fake_llm.script({"delay_ms": 6000}, "quick")
    result = await llm.complete("gpt-4o-mini", HELLO)
    assert (result.text, result.attempts) == ("quick", 2)


async def test_per_call_timeout_overrides_the_default(fake_llm: FakeLLM) -> None:
    tune(llm_timeout_s=0.1)
    fake_llm.script({"text": "slow but fine", "delay_ms": 400})
    result = await llm.complete("gpt-4o-mini", HELLO, timeout_s=5)
    assert (result.text, result.attempts) == ("slow but fine", 1)


async def test_400_fails_at_once_with_the_provider_message(fake_llm: FakeLLM) -> None:
    fake_llm.script({"status": 400, "message": "This model's maximum context length is 5"})
    with pytest.raises(llm.LLMError) as caught:
        await llm.complete("gpt-4o-mini", HELLO)
    error = caught.value
    assert "This model's maximum context length is 5" in error.message
    assert (error.status_code, error.retryable, error.attempts) == (400, False, 1)
    assert len(fake_llm.requests) == 1


async def test_unknown_provider_fails_at_once_without_a_request(fake_llm: FakeLLM) -> None:
    with pytest.raises(llm.LLMError) as caught:
        await llm.complete("no-such-provider/whatever", HELLO)
    assert "LLM Provider NOT provided" in caught.value.message
    assert (caught.value.retryable, caught.value.attempts) == (False, 1)
    assert fake_llm.requests == []


async def test_connection_refused_is_retried_then_fails_retryable(fake_llm: FakeLLM) -> None:
    with FakeLLM() as gone:
        dead_base = gone.base_url  # a port nobody listens on once this server stops
    # The endpoint comes from the server's registry, never from params (issue 15.1).
    tune(models={"gone": {"model": "openai/gpt-4o-mini", "api_base": dead_base}})
    with pytest.raises(llm.LLMError) as caught:
        await llm.complete("gone", HELLO)
    assert (caught.value.retryable, caught.value.attempts) == (True, 3)
    assert fake_llm.requests == []


async def test_params_and_response_format_reach_the_provider(fake_llm: FakeLLM) -> None:
    params = {"temperature": 0.2, "max_tokens": 50, "top_p": 0.9, "stop": ["END"], "seed": 7}
    result = await llm.complete("gpt-4o-mini", HELLO, params,
                                response_format={"type": "json_object"})
    sent = fake_llm.requests[0]
    assert result.attempts == 1
    assert sent["response_format"] == {"type": "json_object"}
    assert (sent["temperature"], sent["max_tokens"], sent["top_p"]) == (0.2, 50, 0.9)
    assert (sent["stop"], sent["seed"]) == (["END"], 7)
    assert sent.get("stream") in (None, False)
    assert fake_llm.request_headers[0]["authorization"] == "Bearer sk-fake"


async def test_streaming_retries_and_headers_in_params_are_refused(fake_llm: FakeLLM) -> None:
    # complete() owns streaming and retries; headers could carry anything to the provider.
    for key, value in [("stream", True), ("num_retries", 9), ("extra_headers", {"X-T": "a"}),
                       ("timeout", 1), ("max_retries", 0)]:
        with pytest.raises(llm.LLMError) as caught:
            await llm.complete("gpt-4o-mini", HELLO, {"temperature": 0.2, key: value})
        assert f"Not allowed model parameter(s): {key}." in caught.value.message
        assert (caught.value.retryable, caught.value.attempts) == (False, 0)
    assert fake_llm.requests == []


async def test_response_format_in_params_is_used_unless_the_argument_overrides(
        fake_llm: FakeLLM) -> None:
    schema = {"type": "json_schema", "json_schema": {"name": "x", "schema": {"type": "object"}}}
    await llm.complete("gpt-4o-mini", HELLO, {"response_format": schema})
    await llm.complete("gpt-4o-mini", HELLO, {"response_format": schema},
                       response_format={"type": "json_object"})
    assert fake_llm.requests[0]["response_format"] == schema
    assert fake_llm.requests[1]["response_format"] == {"type": "json_object"}


async def test_provider_408_is_retried(fake_llm: FakeLLM) -> None:
    fake_llm.script({"status": 408}, "after the 408")
    result = await llm.complete("gpt-4o-mini", HELLO)
    assert (result.text, result.attempts) == ("after the 408", 2)


async def test_unknown_param_is_refused_without_a_request(fake_llm: FakeLLM) -> None:
    with pytest.raises(llm.LLMError) as caught:
        await llm.complete("gpt-4o-mini", HELLO, {"not_a_real_param": 1, "temperature": None})
    assert "not_a_real_param" in caught.value.message
    assert fake_llm.requests == []


async def test_none_valued_params_are_left_out(fake_llm: FakeLLM) -> None:
    result = await llm.complete("gpt-4o-mini", HELLO, {"temperature": None, "seed": 3})
    assert result.text == "say hello world"
    assert "temperature" not in fake_llm.requests[0]
    assert fake_llm.requests[0]["seed"] == 3


async def test_api_base_param_never_reaches_another_server(fake_llm: FakeLLM) -> None:
    # The issue 15.1 attack at the lowest level: the listener must get nothing, above all
    # not `Authorization: Bearer <the server's key>`.
    with FakeLLM(reply="from the other server") as listener, pytest.raises(llm.LLMError) as caught:
        await llm.complete("gpt-4o-mini", HELLO, {"api_base": listener.base_url})
    assert "api_base" in caught.value.message
    assert caught.value.retryable is False
    assert listener.requests == [] and listener.request_headers == []
    assert fake_llm.requests == []


async def test_base_url_env_is_read_on_every_call(
        fake_llm: FakeLLM, monkeypatch: pytest.MonkeyPatch) -> None:
    await llm.complete("gpt-4o-mini", HELLO)
    with FakeLLM(reply="second") as second:
        monkeypatch.setenv("OPENAI_BASE_URL", second.base_url)
        monkeypatch.setenv("OPENAI_API_BASE", second.base_url)
        result = await llm.complete("gpt-4o-mini", HELLO)
    assert result.text == "second"
    assert len(fake_llm.requests) == 1


async def test_concurrency_is_limited_per_model(fake_llm: FakeLLM) -> None:
    tune(llm_model_concurrency=3)
    fake_llm.latency_ms = 40
    results = await asyncio.gather(*(llm.complete("gpt-4o-mini", HELLO) for _ in range(12)))
    assert len(results) == 12
    assert fake_llm.max_in_flight == 3


async def test_each_model_has_its_own_limit(fake_llm: FakeLLM) -> None:
    tune(llm_model_concurrency=2)
    fake_llm.latency_ms = 40
    calls = [llm.complete(model, HELLO) for model in ("gpt-4o-mini", "openai/fake-model") * 6]
    await asyncio.gather(*calls)
    assert fake_llm.max_in_flight == 4


async def test_cancelled_call_frees_its_concurrency_slot(fake_llm: FakeLLM) -> None:
    tune(llm_model_concurrency=1)
    fake_llm.script({"delay_ms": 3000})
    stuck = asyncio.create_task(llm.complete("gpt-4o-mini", HELLO))
    await asyncio.sleep(0.2)
    stuck.cancel()
    with pytest.raises(asyncio.CancelledError):
        await stuck
    result = await asyncio.wait_for(llm.complete("gpt-4o-mini", HELLO), timeout=2)
    assert (result.text, result.attempts) == ("say hello world", 1)
