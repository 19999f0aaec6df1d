"""The error table of app/llm/errors.py, case by case through the fake server, on both
transports (the OpenAI lane and litellm.acompletion): the same class, the same retry decision
and the same short actionable text, whatever status code the provider wraps it in."""

from collections.abc import Iterator

import pytest

from app import llm
from app.config import Settings
from app.llm import client as llm_client
from app.llm.errors import CLASSES, classify, provider_words
from bench.fakellm import FakeLLM

HELLO = [{"role": "user", "content": "say hello world"}]
RETRIES = 2  # so a retried failure makes 3 calls
NO_KEY = "OPENAI_API_KEY is not set in the server's environment (and the workers')"


@pytest.fixture(autouse=True)
def quick_retries(llm_transport: str) -> Iterator[None]:
    """Every case runs through both transports; backoff in milliseconds."""
    llm.configure(Settings(llm_backoff_base_s=0.001, llm_backoff_max_s=0.01,
                           llm_max_retries=RETRIES, llm_timeout_s=5.0))
    yield
    llm_client._config = None


async def failure(fake: FakeLLM, step: dict, model: str = "gpt-4o-mini") -> llm.LLMError:
    fake.always(step, model=model)
    with pytest.raises(llm.LLMError) as caught:
        await llm.complete(model, HELLO)
    return caught.value


PERMANENT = [
    ({"status": 401, "message": "Incorrect API key provided: sk-fake"}, "authentication",
     ("the provider refused the key for model 'gpt-4o-mini' (401): check OPENAI_API_KEY in the "
     "server's environment (and the workers') (provider: Incorrect API key provided: sk-fake)")),
    ({"status": 403, "message": "Project does not have access to model"}, "permission",
     ("the key in OPENAI_API_KEY may not use model 'gpt-4o-mini' (403): check the account's "
     "access (provider: Project does not have access to model)")),
    ({"status": 404, "message": "The model `gpt-4o-mini` does not exist"}, "unknown_model",
     ("model 'gpt-4o-mini' is unknown to the provider: check the model name (or register it in "
     "EVALFORGE_MODELS) (provider: The model `gpt-4o-mini` does not exist)")),
    ({"status": 400, "message": "Invalid value for 'temperature'"}, "bad_request",
     ("the provider refused the request for model 'gpt-4o-mini' (provider: Invalid value for "
     "'temperature')")),
    ({"status": 400, "message": "This model's maximum context length is 8 tokens"},
     "context_length", ("the input is longer than the context window of model 'gpt-4o-mini' "
     "(provider: This model's maximum context length is 8 tokens)")),
    ({"status": 400, "message": "Your request was rejected by our content_policy"},
     "content_policy", ("the provider's content policy refused this input (provider: Your "
     "request was rejected by our content_policy)")),
    # What litellm itself says for a missing key, served as a 500 by a gateway: permanent.
    ({"status": 500, "message": "Missing credentials. Please pass an api_key"},
     "missing_credentials", NO_KEY),
]


@pytest.mark.parametrize(("step", "error_class", "summary"), PERMANENT,
                         ids=[case[1] for case in PERMANENT])
async def test_permanent_errors_fail_at_once_with_their_class_and_fix(
        fake_llm: FakeLLM, step: dict, error_class: str, summary: str) -> None:
    error = await failure(fake_llm, step)
    assert (error.error_class, error.retryable, error.attempts) == (error_class, False, 1)
    assert error.summary == summary
    assert step["message"] in error.message  # the provider's words, kept whole as detail
    assert len(fake_llm.requests) == 1


TRANSIENT = [
    ({"status": 429, "retry_after": 0}, "rate_limit",
     "model 'gpt-4o-mini' is rate limited (429) (provider: Rate limit exceeded)", 429),
    ({"status": 503, "message": "overloaded"}, "server",
     "the provider of model 'gpt-4o-mini' failed (provider: overloaded)", 503),
    ({"status": 500}, "server",
     "the provider of model 'gpt-4o-mini' failed (provider: Internal server error)", 500),
]


@pytest.mark.parametrize(("step", "error_class", "summary", "status"), TRANSIENT,
                         ids=[f"{case[1]}-{case[3]}" for case in TRANSIENT])
async def test_transient_errors_are_retried_then_fail_with_their_class(
        fake_llm: FakeLLM, step: dict, error_class: str, summary: str, status: int) -> None:
    error = await failure(fake_llm, step)
    assert (error.error_class, error.retryable, error.status_code) == (error_class, True, status)
    assert error.attempts == RETRIES + 1 == len(fake_llm.requests)
    assert error.summary == summary


async def test_timeout_is_retried_then_fails_as_timeout(fake_llm: FakeLLM) -> None:
    fake_llm.always({"delay_ms": 3000}, model="gpt-4o-mini")
    with pytest.raises(llm.LLMError) as caught:
        await llm.complete("gpt-4o-mini", HELLO, timeout_s=0.2)
    assert (caught.value.error_class, caught.value.retryable) == ("timeout", True)
    assert caught.value.attempts == RETRIES + 1 == len(fake_llm.requests)
    assert caught.value.summary.startswith("model 'gpt-4o-mini' did not answer in time")


async def test_429_with_retry_after_is_retried_and_then_succeeds(fake_llm: FakeLLM) -> None:
    fake_llm.script({"status": 429, "retry_after": 0}, {"status": 429, "retry_after": 0})
    result = await llm.complete("gpt-4o-mini", HELLO)
    assert (result.text, result.attempts, len(fake_llm.requests)) == ("say hello world", 3, 3)


async def test_missing_key_in_the_environment_fails_at_once_naming_the_variable(
        fake_llm: FakeLLM, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_API_KEY")
    with pytest.raises(llm.LLMError) as caught:
        await llm.complete("gpt-4o-mini", HELLO)
    error = caught.value
    assert (error.error_class, error.retryable, error.attempts) == ("missing_credentials", False, 1)
    assert error.summary == NO_KEY
    assert "Missing credentials" in error.message
    assert fake_llm.requests == []  # neither transport sends a request without a key


async def test_a_registered_model_without_its_key_names_its_own_variable(
        fake_llm: FakeLLM, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TEAM_KEY", raising=False)
    llm.configure(Settings(models={"team": {"model": "openai/llama3", "api_base": fake_llm.base_url,
                                            "api_key_env": "TEAM_KEY"}}))
    with pytest.raises(llm.LLMError) as caught:
        await llm.complete("team", HELLO)
    assert (caught.value.error_class, caught.value.attempts) == ("missing_credentials", 0)
    assert caught.value.summary == (
        "the key of registered model 'team' (its api_key_env in EVALFORGE_MODELS) is not set in "
        "the server's environment (and the workers')")
    assert "TEAM_KEY" not in caught.value.summary  # which variables the server reads: admins'
    assert "TEAM_KEY" in caught.value.message  # as before, in the detail
    assert fake_llm.requests == []


def test_the_message_wins_over_the_wrapping_status() -> None:
    assert classify(500, "OpenAIException - Missing credentials. Please pass").name == (
        "missing_credentials")
    assert classify(400, "LLM Provider NOT provided. Pass in the LLM provider").name == (
        "unknown_model")
    assert classify(None, "Connection error", "connection").name == "connection"
    assert classify(None, "boom").name == "other"
    assert classify(418, "teapot").name == "bad_request"


def test_only_configuration_errors_stop_an_experiment() -> None:
    stops = sorted(name for name, c in CLASSES.items() if c.stops_experiment)
    retried = sorted(name for name, c in CLASSES.items() if c.retryable)
    assert stops == ["authentication", "missing_credentials", "permission", "unknown_model"]
    assert retried == ["connection", "rate_limit", "server", "timeout"]


def test_provider_words_drop_transport_prefixes_and_are_capped() -> None:
    assert provider_words("litellm.NotFoundError: NotFoundError: OpenAIException - No model") == (
        "No model")
    assert provider_words("OpenAI-compatible API error 404: No model\nsecond line") == "No model"
    assert len(provider_words("x" * 1000)) == 200
