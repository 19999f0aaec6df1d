"""Model targets end to end: the API starts, the engine runs each item through litellm to the
fake server, graders score, the last run finalizes. Jobs run on arq (PostgreSQL) or in-process."""

import json

import httpx
import pytest
from fastapi import FastAPI

from bench.fakellm import FakeLLM
from tests.engine.conftest import add_dataset, add_evaluator, run_to_end, runs_of, score_count

API = "/api/v1"
pytestmark = pytest.mark.usefixtures("llm_transport")  # through both model-call lanes


async def test_every_run_completes_with_one_score_per_evaluator(
    app: FastAPI, client: httpx.AsyncClient, fake_llm: FakeLLM
) -> None:
    dataset = await add_dataset(app, ["Paris", "4", "blue"], expected=["Paris", "5", "blue"])
    exact = await add_evaluator(client, "exact", "exact_match")
    contains = await add_evaluator(client, "has-e", "contains", {"value": "e"})
    experiment = await run_to_end(client, dataset, {"model": "gpt-4o-mini"}, [exact, contains])
    assert experiment["status"] == "completed"
    assert experiment["error"] == ""
    runs = await runs_of(app, experiment["id"])
    assert [r.status for r in runs] == ["completed"] * 3
    assert [r.output for r in runs] == ["Paris", "4", "blue"]
    assert [r.attempts for r in runs] == [1, 1, 1]
    assert runs[0].messages == [{"role": "user", "content": "Paris"},
                                {"role": "assistant", "content": "Paris"}]
    assert all(r.tokens_in == 1 and r.tokens_out == 1 and r.cost > 0 for r in runs)
    assert all(r.lease_until is None and r.finished_at is not None for r in runs)
    assert await score_count(app, experiment["id"]) == 6
    results = (await client.get(f"{API}/experiments/{experiment['id']}/results/")).json()["results"]
    by_output = {r["output"]: {s["name"]: s["numeric_value"] for s in r["scores"]} for r in results}
    assert by_output["Paris"]["exact"] == 1.0
    assert by_output["4"]["exact"] == 0.0
    assert len(fake_llm.requests) == 3


async def test_scripted_429s_are_retried_and_the_attempts_recorded(
    app: FastAPI, client: httpx.AsyncClient, fake_llm: FakeLLM
) -> None:
    fake_llm.script({"status": 429, "retry_after": 0}, {"status": 429, "retry_after": 0})
    dataset = await add_dataset(app, ["one", "two", "three"])
    experiment = await run_to_end(client, dataset, {"model": "gpt-4o-mini", "max_concurrency": 1})
    assert experiment["status"] == "completed"
    runs = await runs_of(app, experiment["id"])
    assert [r.status for r in runs] == ["completed"] * 3
    assert [r.output for r in runs] == ["one", "two", "three"]
    assert sorted(r.attempts for r in runs) == [1, 1, 3]  # concurrency 1: one run met both 429s
    assert len(fake_llm.requests) == 5


async def test_broken_model_fails_every_run_and_the_experiment_keeps_the_error(
    app: FastAPI, client: httpx.AsyncClient, fake_llm: FakeLLM
) -> None:
    fake_llm.script(*[{"status": 400, "message": "The model `nope` does not exist"}] * 3)
    dataset = await add_dataset(app, ["a", "b", "c"])
    exact = await add_evaluator(client, "exact", "exact_match")
    experiment = await run_to_end(client, dataset, {"model": "gpt-4o-mini"}, [exact])
    assert experiment["status"] == "failed"
    assert "The model `nope` does not exist" in experiment["error"]
    runs = await runs_of(app, experiment["id"])
    assert [r.status for r in runs] == ["failed"] * 3
    assert all("The model `nope` does not exist" in r.error for r in runs)
    assert [r.attempts for r in runs] == [1, 1, 1]  # a 400 is not retried
    assert all(r.output is None for r in runs)
    # No grade, but counted: one valueless target_error score per run and evaluator (issue 10).
    assert await score_count(app, experiment["id"]) == 3
    assert len(fake_llm.requests) == 3


async def test_one_failed_run_among_completed_ones_leaves_the_experiment_completed(
    app: FastAPI, client: httpx.AsyncClient, fake_llm: FakeLLM
) -> None:
    fake_llm.script({"status": 400, "message": "bad request"})
    dataset = await add_dataset(app, ["a", "b"])
    experiment = await run_to_end(client, dataset, {"model": "gpt-4o-mini", "max_concurrency": 1})
    assert experiment["status"] == "completed"
    assert experiment["error"] == ""
    # Which item meets the scripted 400 depends on job order (arq does not promise one).
    statuses = sorted(r.status for r in await runs_of(app, experiment["id"]))
    assert statuses == ["completed", "failed"]


async def test_a_model_timeout_fails_the_run_after_retries_with_the_error_kept(
    app: FastAPI, client: httpx.AsyncClient, fake_llm: FakeLLM
) -> None:
    fake_llm.script(*[{"delay_ms": 3000}] * 3)  # llm_timeout_s is 1, two retries
    dataset = await add_dataset(app, ["slow"])
    experiment = await run_to_end(client, dataset, {"model": "gpt-4o-mini"})
    (run,) = await runs_of(app, experiment["id"])
    assert run.status == "failed"
    assert "timed out" in run.error.lower() or "timeout" in run.error.lower()
    assert run.attempts == 3
    assert 3000 <= run.latency_ms < 10_000
    assert experiment["status"] == "failed"


async def test_multi_turn_input_keeps_replies_between_turns_and_outputs_the_last(
    app: FastAPI, client: httpx.AsyncClient, fake_llm: FakeLLM
) -> None:
    fake_llm.reply_fn = lambda request: f"reply {len(request['messages']) // 2 + 1}"
    dataset = await add_dataset(app, [["Hello", "What's your name?", "Bye"]])
    experiment = await run_to_end(client, dataset, {"model": "gpt-4o-mini"})
    (run,) = await runs_of(app, experiment["id"])
    assert run.status == "completed"
    assert run.output == "reply 3"
    assert run.messages == [
        {"role": "user", "content": "Hello"}, {"role": "assistant", "content": "reply 1"},
        {"role": "user", "content": "What's your name?"}, {"role": "assistant", "content": "reply 2"},
        {"role": "user", "content": "Bye"}, {"role": "assistant", "content": "reply 3"},
    ]
    assert [len(r["messages"]) for r in fake_llm.requests] == [1, 3, 5]
    assert fake_llm.requests[2]["messages"][3] == {"role": "assistant", "content": "reply 2"}
    assert run.tokens_out == 6  # two words per reply, summed over the three turns
    assert run.tokens_in == 1 + (1 + 2 + 3) + (1 + 2 + 3 + 2 + 1)


async def test_prompt_template_is_rendered_with_the_item_variables(
    app: FastAPI, client: httpx.AsyncClient, fake_llm: FakeLLM
) -> None:
    created = await client.post(f"{API}/prompts/", json={
        "name": "greeter", "template": "Answer in {{lang}}."})
    assert created.status_code == 201, created.text
    dataset = await add_dataset(app, [{"question": "hi", "lang": "French"}])
    experiment = await run_to_end(client, dataset, {"model": "gpt-4o-mini", "prompt_name": "greeter"})
    assert experiment["status"] == "completed"
    assert fake_llm.requests[0]["messages"] == [{"role": "system", "content": "Answer in French."}]


@pytest.fixture
def claude_registered(fake_llm: FakeLLM, monkeypatch: pytest.MonkeyPatch) -> None:
    """EVALFORGE_MODELS names an Anthropic model on the fake server (read by the app's settings)."""
    monkeypatch.setenv("TEAM_ANTHROPIC_KEY", "sk-ant-team")
    monkeypatch.setenv("EVALFORGE_MODELS", json.dumps({"claude": {
        "model": "anthropic/claude-3-5-haiku-20241022", "api_base": fake_llm.anthropic_base_url,
        "api_key_env": "TEAM_ANTHROPIC_KEY"}}))


async def test_an_anthropic_model_runs_an_experiment_through_litellm(
    claude_registered: None, app: FastAPI, client: httpx.AsyncClient, fake_llm: FakeLLM
) -> None:
    dataset = await add_dataset(app, ["Paris", "blue"], expected=["Paris", "red"])
    exact = await add_evaluator(client, "exact", "exact_match")
    experiment = await run_to_end(client, dataset, {"model": "claude", "max_tokens": 50}, [exact])
    assert experiment["status"] == "completed"
    runs = await runs_of(app, experiment["id"])
    assert [r.output for r in runs] == ["Paris", "blue"]
    assert await score_count(app, experiment["id"]) == 2
    assert {h["x-api-key"] for h in fake_llm.request_headers} == {"sk-ant-team"}
    assert {r["model"] for r in fake_llm.requests} == {"claude-3-5-haiku-20241022"}
