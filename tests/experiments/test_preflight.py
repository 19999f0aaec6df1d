"""Preflight (issue 14): what would fail every run is a 422 at create and at start, naming
what to set and where; what would not (an unpriced model) is a warning on the experiment."""

import pytest
from fastapi import FastAPI

from app.config import Settings
from bench.fakellm import FakeLLM
from tests.experiments.conftest import API, add_dataset

NO_OPENAI_KEY = ("OPENAI_API_KEY is not set in the server's environment (and the workers'): "
                 "model 'gpt-4o' needs it. Set it there and restart them; a key never goes in "
                 "a request.")
TEAM_KEY_ENV = "EVALFORGE_TEST_PREFLIGHT_TEAM_KEY"


@pytest.fixture
def settings(settings: Settings, fake_llm: FakeLLM) -> Settings:
    """One registered model whose key lives in TEAM_KEY_ENV (unset unless a test sets it)."""
    models = {"team": {"model": "openai/llama3", "api_base": fake_llm.base_url,
                       "api_key_env": TEAM_KEY_ENV, "input_cost_per_token": 0.001}}
    return settings.model_copy(update={"models": models})


async def create(client, dataset_id, config: dict, evaluator_ids: list[str] | None = None):
    return await client.post(f"{API}/experiments/", json={
        "name": "seed", "dataset_id": str(dataset_id), "config": config,
        "evaluator_ids": evaluator_ids or []})


async def experiment_count(client) -> int:
    return (await client.get(f"{API}/experiments/")).json()["count"]


async def test_the_seed_flow_with_a_key_is_unchanged(app: FastAPI, client, queue) -> None:
    ds = await add_dataset(app, [{"query": "a"}, {"query": "b"}])
    created = await create(client, ds.id, {"model": "gpt-4o"})
    assert created.status_code == 201, created.text
    assert (created.json()["status"], created.json()["warnings"]) == ("pending", [])
    started = await client.post(f"{API}/experiments/{created.json()['id']}/start/")
    assert started.status_code == 200, started.text
    assert (started.json()["status"], started.json()["runs_created"]) == ("running", 2)


async def test_missing_key_at_create_is_422_naming_the_variable_and_writes_nothing(
    app: FastAPI, client, queue, fake_llm: FakeLLM, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("OPENAI_API_KEY")
    ds = await add_dataset(app, [{"query": "a"}])
    response = await create(client, ds.id, {"model": "gpt-4o"})
    assert response.status_code == 422
    assert response.json()["detail"] == [{
        "loc": ["body", "config", "model"], "msg": NO_OPENAI_KEY, "type": "missing_credentials",
        "ctx": {"variables": "OPENAI_API_KEY"}}]
    assert await experiment_count(client) == 0
    assert fake_llm.requests == []


async def test_key_gone_before_start_is_422_and_the_experiment_stays_pending(
    app: FastAPI, client, queue, fake_llm: FakeLLM, monkeypatch: pytest.MonkeyPatch
) -> None:
    ds = await add_dataset(app, [{"query": "a"}, {"query": "b"}])
    created = (await create(client, ds.id, {"model": "gpt-4o"})).json()
    monkeypatch.delenv("OPENAI_API_KEY")
    started = await client.post(f"{API}/experiments/{created['id']}/start/")
    assert started.status_code == 422
    assert [e["msg"] for e in started.json()["detail"]] == [NO_OPENAI_KEY]
    detail = (await client.get(f"{API}/experiments/{created['id']}/")).json()
    assert (detail["status"], detail["snapshot"], detail["counts"]["total"]) == ("pending", None, 0)
    assert queue.jobs == [] and fake_llm.requests == []


async def test_a_judge_without_its_providers_key_is_422_at_create(
    app: FastAPI, client, queue, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    judge = await client.post(f"{API}/evaluators/", json={
        "name": "judge", "kind": "llm_judge",
        "config": {"model": "anthropic/claude-3-5-haiku-20241022", "rubric": "Is {output} ok?"}})
    assert judge.status_code == 201, judge.text
    ds = await add_dataset(app, [{"query": "a"}])
    response = await create(client, ds.id, {"model": "gpt-4o-mini"}, [judge.json()["id"]])
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"] == ["body", "evaluator_ids"]
    assert error["msg"].startswith(
        "ANTHROPIC_API_KEY is not set in the server's environment (and the workers'): model "
        "'anthropic/claude-3-5-haiku-20241022' needs it.")
    assert await experiment_count(client) == 0


async def test_an_unpriced_model_is_a_warning_kept_on_the_experiment(
    app: FastAPI, client, queue
) -> None:
    ds = await add_dataset(app, [{"query": "a"}])
    created = await create(client, ds.id, {"model": "openai/my-finetune"})
    assert created.status_code == 201, created.text
    warning = ("model: model 'openai/my-finetune' has no known price; its cost is reported as "
               "unknown (set EVALFORGE_MODEL_PRICES to price it)")
    assert created.json()["warnings"] == [warning]
    started = await client.post(f"{API}/experiments/{created.json()['id']}/start/")
    assert started.status_code == 200, started.text
    detail = (await client.get(f"{API}/experiments/{created.json()['id']}/")).json()
    assert detail["warnings"] == [warning] and detail["snapshot"]["warnings"] == [warning]


async def test_a_model_litellm_cannot_route_is_a_warning_not_an_error(
    app: FastAPI, client, queue
) -> None:
    ds = await add_dataset(app, [{"query": "a"}])
    created = await create(client, ds.id, {"model": "my-finetune"})
    assert created.status_code == 201, created.text
    assert created.json()["warnings"] == [
        ("model: litellm cannot tell the provider of model 'my-finetune'; runs will fail unless "
        "the name is right (e.g. openai/my-finetune)")]


async def test_a_registered_model_needs_its_own_key_and_the_error_hides_its_variable(
    app: FastAPI, client, queue, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(TEAM_KEY_ENV, raising=False)
    monkeypatch.delenv("OPENAI_API_KEY")  # not the registered model's business
    ds = await add_dataset(app, [{"query": "a"}])
    refused = await create(client, ds.id, {"model": "team"})
    assert refused.status_code == 422
    [error] = refused.json()["detail"]
    assert error["msg"].startswith(
        "the key of registered model 'team' (its api_key_env in EVALFORGE_MODELS) is not set in "
        "the server's environment (and the workers')")
    assert TEAM_KEY_ENV not in refused.text
    monkeypatch.setenv(TEAM_KEY_ENV, "team-secret")
    created = await create(client, ds.id, {"model": "team"})
    assert created.status_code == 201, created.text
    assert created.json()["warnings"] == []  # priced by its registry entry
