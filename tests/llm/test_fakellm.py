"""The fake OpenAI-compatible server, tested directly with httpx (no litellm)."""

import asyncio
import subprocess
import sys
import time

import httpx
import pytest

from bench.fakellm import FakeLLM

BODY = {"model": "gpt-4o-mini", "messages": [{"role": "system", "content": "be brief"},
                                             {"role": "user", "content": "hello there world"}]}


def test_default_reply_echoes_last_user_message_with_word_usage(fake_llm: FakeLLM) -> None:
    response = httpx.post(f"{fake_llm.base_url}/chat/completions", json=BODY)
    assert response.status_code == 200
    body = response.json()
    assert body["id"].startswith("chatcmpl-")
    assert body["model"] == "gpt-4o-mini"
    assert body["choices"][0]["message"] == {"role": "assistant", "content": "hello there world"}
    assert body["choices"][0]["finish_reason"] == "stop"
    assert body["usage"] == {"prompt_tokens": 5, "completion_tokens": 3, "total_tokens": 8}
    assert fake_llm.requests == [BODY]


def test_path_without_v1_prefix_also_answers(fake_llm: FakeLLM) -> None:
    root = fake_llm.base_url.removesuffix("/v1")
    response = httpx.post(f"{root}/chat/completions", json=BODY)
    assert response.json()["choices"][0]["message"]["content"] == "hello there world"


def test_unknown_path_is_404(fake_llm: FakeLLM) -> None:
    response = httpx.post(f"{fake_llm.base_url}/embeddings", json=BODY)
    assert response.status_code == 404
    assert response.json()["error"]["type"] == "not_found_error"


def test_scripted_steps_are_used_in_order_then_default(fake_llm: FakeLLM) -> None:
    fake_llm.script({"status": 429, "retry_after": 2}, {"status": 500}, "scripted text",
                    {"status": 400, "message": "bad model"})
    url = f"{fake_llm.base_url}/chat/completions"
    with httpx.Client() as http:
        limited = http.post(url, json=BODY)
        failed = http.post(url, json=BODY)
        scripted = http.post(url, json=BODY)
        bad = http.post(url, json=BODY)
        default = http.post(url, json=BODY)
    assert limited.status_code == 429
    assert limited.headers["retry-after"] == "2"
    assert limited.json()["error"]["type"] == "rate_limit_error"
    assert failed.status_code == 500
    assert scripted.json()["choices"][0]["message"]["content"] == "scripted text"
    assert scripted.json()["usage"]["completion_tokens"] == 2
    assert bad.status_code == 400
    assert bad.json()["error"]["message"] == "bad model"
    assert default.json()["choices"][0]["message"]["content"] == "hello there world"


def test_fixed_reply_and_reply_fn(fake_llm: FakeLLM) -> None:
    fake_llm.reply_fn = lambda request: f"{len(request['messages'])} messages"
    first = httpx.post(f"{fake_llm.base_url}/chat/completions", json=BODY).json()
    fake_llm.reply = "always this"
    second = httpx.post(f"{fake_llm.base_url}/chat/completions", json=BODY).json()
    assert first["choices"][0]["message"]["content"] == "2 messages"
    assert second["choices"][0]["message"]["content"] == "always this"


def test_response_format_is_accepted_and_recorded(fake_llm: FakeLLM) -> None:
    body = {**BODY, "response_format": {"type": "json_object"}, "stream": False}
    response = httpx.post(f"{fake_llm.base_url}/chat/completions", json=body)
    assert response.status_code == 200
    assert fake_llm.requests[-1]["response_format"] == {"type": "json_object"}


def test_delay_longer_than_client_timeout_times_out(fake_llm: FakeLLM) -> None:
    fake_llm.script({"delay_ms": 6000})
    started = time.perf_counter()
    with pytest.raises(httpx.ReadTimeout):
        httpx.post(f"{fake_llm.base_url}/chat/completions", json=BODY, timeout=0.2)
    assert time.perf_counter() - started < 3.0
    # The server is not blocked by the sleeping request.
    assert httpx.post(f"{fake_llm.base_url}/chat/completions", json=BODY).status_code == 200


async def test_latency_overlaps_across_concurrent_requests_on_keep_alive() -> None:
    with FakeLLM(latency_ms=100) as fake:
        limits = httpx.Limits(max_connections=20)
        async with httpx.AsyncClient(base_url=fake.base_url, limits=limits) as http:
            started = time.perf_counter()
            responses = await asyncio.gather(
                *(http.post("/chat/completions", json=BODY) for _ in range(40)))
            elapsed = time.perf_counter() - started
    assert [r.status_code for r in responses] == [200] * 40
    assert fake.max_in_flight == 20
    assert len(fake.requests) == 40
    assert 0.19 <= elapsed < 2.0  # two waves of 100 ms, not forty in a row (4 s)


def test_text_step_with_its_own_delay(fake_llm: FakeLLM) -> None:
    fake_llm.script({"text": "slow one", "delay_ms": 150})
    started = time.perf_counter()
    response = httpx.post(f"{fake_llm.base_url}/chat/completions", json=BODY)
    assert time.perf_counter() - started >= 0.15
    assert response.json()["choices"][0]["message"]["content"] == "slow one"


def test_fixture_points_openai_env_at_the_server(fake_llm: FakeLLM) -> None:
    import os

    assert os.environ["OPENAI_BASE_URL"] == fake_llm.base_url
    assert os.environ["OPENAI_API_BASE"] == fake_llm.base_url
    assert os.environ["OPENAI_API_KEY"] == "sk-fake"


def test_command_line_server_answers() -> None:
    with FakeLLM() as probe:  # borrow a free port, then release it
        port = probe.port
    proc = subprocess.Popen([sys.executable, "-m", "bench.fakellm", "--port", str(port),
                             "--latency-ms", "5"], stdout=subprocess.PIPE, text=True)
    try:
        assert "listening" in proc.stdout.readline()
        response = httpx.post(f"http://127.0.0.1:{port}/v1/chat/completions", json=BODY)
        assert response.json()["choices"][0]["message"]["content"] == "hello there world"
    finally:
        proc.terminate()
        proc.wait(5)


ANTHROPIC_BODY = {"model": "claude-3-5-haiku-20241022", "max_tokens": 20, "system": "be brief",
                  "messages": [{"role": "user",
                                "content": [{"type": "text", "text": "hello there world"}]}]}
ANTHROPIC_HEADERS = {"x-api-key": "sk-ant-fake", "anthropic-version": "2023-06-01"}


def test_anthropic_messages_reply_shape_usage_and_recorded_key(fake_llm: FakeLLM) -> None:
    response = httpx.post(f"{fake_llm.anthropic_base_url}/v1/messages", json=ANTHROPIC_BODY,
                          headers=ANTHROPIC_HEADERS)
    assert response.status_code == 200
    body = response.json()
    assert body["id"].startswith("msg_")
    assert {k: v for k, v in body.items() if k != "id"} == {
        "type": "message", "role": "assistant", "model": "claude-3-5-haiku-20241022",
        "content": [{"type": "text", "text": "hello there world"}],
        "stop_reason": "end_turn", "stop_sequence": None,
        "usage": {"input_tokens": 5, "output_tokens": 3}}  # "be brief" + "hello there world"
    assert fake_llm.requests == [ANTHROPIC_BODY]
    assert fake_llm.request_headers[0]["x-api-key"] == "sk-ant-fake"


def test_anthropic_scripted_errors_use_the_anthropic_error_shape(fake_llm: FakeLLM) -> None:
    fake_llm.script({"status": 429, "retry_after": 3}, {"status": 500},
                    {"status": 400, "message": "max_tokens: required"}, "scripted text")
    url = f"{fake_llm.anthropic_base_url}/v1/messages"
    with httpx.Client(headers=ANTHROPIC_HEADERS) as http:
        limited, failed, bad, scripted = (http.post(url, json=ANTHROPIC_BODY) for _ in range(4))
    assert (limited.status_code, limited.headers["retry-after"]) == (429, "3")
    assert limited.json() == {"type": "error", "error": {"type": "rate_limit_error",
                                                         "message": "Rate limit exceeded"}}
    assert failed.status_code == 500
    assert failed.json()["error"]["type"] == "api_error"
    assert bad.json() == {"type": "error", "error": {"type": "invalid_request_error",
                                                     "message": "max_tokens: required"}}
    assert scripted.json()["content"] == [{"type": "text", "text": "scripted text"}]


def test_judge_marker_gets_the_verdict_on_both_protocols(fake_llm: FakeLLM) -> None:
    from app.evaluators.graders.judge import parse_reply
    from bench.fakellm import JUDGE_MARKER, JUDGE_VERDICT

    judged = {**BODY, "messages": [{"role": "user", "content": f"{JUDGE_MARKER} grade this"}]}
    openai = httpx.post(f"{fake_llm.base_url}/chat/completions", json=judged).json()
    anthropic = httpx.post(f"{fake_llm.anthropic_base_url}/v1/messages",
                           json={**ANTHROPIC_BODY, "system": f"{JUDGE_MARKER} you grade"}).json()
    assert openai["choices"][0]["message"]["content"] == JUDGE_VERDICT
    assert anthropic["content"][0]["text"] == JUDGE_VERDICT
    assert parse_reply(JUDGE_VERDICT) == (1.0, "ok", None)


async def test_litellm_anthropic_provider_reaches_the_messages_endpoint(fake_llm: FakeLLM) -> None:
    # Tests the fake server, so it calls litellm directly (app code goes through app.llm).
    import litellm

    messages = [{"role": "system", "content": "be brief"},
                {"role": "user", "content": "hello there world"}]
    response = await litellm.acompletion(
        model="anthropic/claude-3-5-haiku-20241022", messages=messages, max_tokens=20,
        api_base=fake_llm.anthropic_base_url, api_key="sk-ant-fake", num_retries=0)
    assert response.choices[0].message.content == "hello there world"
    assert (response.usage.prompt_tokens, response.usage.completion_tokens) == (5, 3)
    (request,) = fake_llm.requests
    assert request["system"] == [{"type": "text", "text": "be brief"}]
    assert request["messages"] == ANTHROPIC_BODY["messages"]
    assert fake_llm.request_headers[0]["x-api-key"] == "sk-ant-fake"
    assert "anthropic-version" in fake_llm.request_headers[0]


async def test_litellm_anthropic_maps_the_fakes_errors(fake_llm: FakeLLM) -> None:
    import litellm

    fake_llm.script({"status": 429, "retry_after": 1}, {"status": 400, "message": "bad request"})
    call = {"model": "anthropic/claude-3-5-haiku-20241022", "max_tokens": 5,
            "messages": [{"role": "user", "content": "hi"}], "num_retries": 0,
            "api_base": fake_llm.anthropic_base_url, "api_key": "sk-ant-fake"}
    with pytest.raises(litellm.RateLimitError):
        await litellm.acompletion(**call)
    with pytest.raises(litellm.BadRequestError, match="bad request"):
        await litellm.acompletion(**call)


async def test_stats_route_reports_peak_in_flight_and_resets() -> None:
    with FakeLLM(latency_ms=100) as fake:
        stats_url = f"{fake.anthropic_base_url}/_fakellm/stats"
        async with httpx.AsyncClient(base_url=fake.base_url) as http:
            await asyncio.gather(*(http.post("/chat/completions", json=BODY) for _ in range(5)))
            before = (await http.get(stats_url)).json()
            reset = (await http.delete(stats_url)).json()
    assert before == {"requests": 5, "in_flight": 0, "max_in_flight": 5}
    assert reset == {"requests": 0, "in_flight": 0, "max_in_flight": 0}
    assert len(fake.request_headers) == 0  # the stats calls are not recorded as model calls
