"""Issue 15.1 end to end, with the real engine: a member cannot make the server send its
provider key to a host of their choosing, not through an experiment, a prompt version, nor a
prompt version stored before the allow-list; a team's own endpoint works through the model
registry (EVALFORGE_MODELS), with its own key."""

import asyncio
import json
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import insert, select, update

from app.config import Settings
from app.models import Experiment, Prompt, PromptVersion
from app.models.base import utcnow
from bench.fakellm import FakeLLM
from tests.conftest import REDIS_URL, add_user, login, wait_for_experiment
from tests.experiments.conftest import API, add_dataset, error_locs

TEAM_KEY_ENV = "EVALFORGE_TEST_TEAM_LLAMA_KEY"


@pytest.fixture
def listener() -> Iterator[FakeLLM]:
    """The attacker's server: must never receive a request."""
    with FakeLLM(reply="exfiltrated") as server:
        yield server


@pytest.fixture
def team_server() -> Iterator[FakeLLM]:
    """A team's own OpenAI-compatible endpoint (vLLM, Ollama, ...), registered by an admin."""
    with FakeLLM() as server:
        yield server


@pytest.fixture
def settings(settings: Settings, database_url: str, team_server: FakeLLM) -> Settings:
    """Real execution (arq on PostgreSQL, in-process on SQLite) and one registered model."""
    models = {"team-llama": {"model": "openai/llama3", "api_base": team_server.base_url,
                             "api_key_env": TEAM_KEY_ENV, "input_cost_per_token": 0.001}}
    update_ = {"models": models}
    if database_url.startswith("postgresql"):
        update_["redis_url"] = REDIS_URL
    return settings.model_copy(update=update_)


@pytest.fixture
async def member(app, client):
    """A plain member of acme (the attacker in the security review)."""
    c = await login(app, await add_user(app, "acme", "member@acme.test", "member"))
    yield c
    await c.aclose()


async def _prompt(client, name: str = "support", **body) -> dict:
    payload = {"name": name, "template": "You answer {{query}} politely.", **body}
    response = await client.post(f"{API}/prompts/", json=payload)
    assert response.status_code == 201, response.text
    return response.json()


async def test_member_cannot_send_the_server_key_to_a_listener(
    app, member, listener: FakeLLM, fake_llm: FakeLLM
) -> None:
    ds = await add_dataset(app, [{"query": "a"}])
    for key in ("api_base", "base_url"):
        config = {"model": "gpt-4o-mini", "params": {key: listener.base_url}}
        response = await member.post(
            f"{API}/experiments/", json={"name": "x", "dataset_id": str(ds.id), "config": config}
        )
        assert response.status_code == 422, response.text
        assert error_locs(response) == {("body", "config", "params", key)}
    prompt = await member.post(
        f"{API}/prompts/",
        json={"name": "p", "template": "Hi", "config": {"model": "gpt-4o-mini",
                                                         "base_url": listener.base_url}},
    )
    assert prompt.status_code == 422
    assert error_locs(prompt) == {("body", "config", "base_url")}
    await asyncio.sleep(0.2)  # anything queued would have called by now
    assert listener.requests == [] and listener.request_headers == []
    assert fake_llm.requests == []


async def _store_bad_version(app, name: str, config: dict) -> int:
    """A prompt version written before the allow-list existed (straight to the database)."""
    async with app.state.sessionmaker() as db:
        prompt_id = await db.scalar(select(Prompt.id).where(Prompt.name == name))
        await db.execute(
            insert(PromptVersion).values(
                id=uuid.uuid4(), prompt_id=prompt_id, version=2, template="Answer {{query}}.",
                config=config, commit_message="", created_at=utcnow(),
            )
        )
        await db.commit()
    return 2


async def test_old_prompt_version_with_base_url_is_refused_at_start(
    app, client, listener: FakeLLM, fake_llm: FakeLLM
) -> None:
    ds = await add_dataset(app, [{"query": "a"}, {"query": "b"}])
    await _prompt(client, labels=["production"])
    created = await client.post(f"{API}/experiments/", json={
        "name": "x", "dataset_id": str(ds.id),
        "config": {"prompt_name": "support", "prompt_label": "production", "model": "gpt-4o-mini"},
    })
    assert created.status_code == 201, created.text
    version = await _store_bad_version(app, "support", {"base_url": listener.base_url})
    moved = await client.put(f"{API}/prompts/support/labels/production/", json={"version": version})
    assert moved.status_code == 200, moved.text

    started = await client.post(f"{API}/experiments/{created.json()['id']}/start/")
    assert started.status_code == 422, started.text
    [error] = started.json()["detail"]
    assert error["loc"] == ["prompt", "support", "versions", 2, "config", "base_url"]
    assert error["msg"].startswith("Prompt 'support' version 2: config key 'base_url':")
    assert error["ctx"] == {"prompt_name": "support", "prompt_version": 2, "key": "base_url"}
    detail = (await client.get(f"{API}/experiments/{created.json()['id']}/")).json()
    assert (detail["status"], detail["snapshot"]) == ("pending", None)
    # Creating a new experiment on that version is refused the same way.
    again = await client.post(f"{API}/experiments/", json={
        "name": "y", "dataset_id": str(ds.id),
        "config": {"prompt_name": "support", "prompt_version": 2, "model": "gpt-4o-mini"},
    })
    assert error_locs(again) == {("prompt", "support", "versions", 2, "config", "base_url")}
    await asyncio.sleep(0.2)
    assert listener.requests == [] and fake_llm.requests == []


async def test_old_experiment_config_with_api_base_is_refused_at_start(
    app, client, listener: FakeLLM, fake_llm: FakeLLM
) -> None:
    ds = await add_dataset(app, [{"query": "a"}])
    created = await client.post(f"{API}/experiments/", json={
        "name": "x", "dataset_id": str(ds.id), "config": {"model": "gpt-4o-mini"}})
    assert created.status_code == 201
    async with app.state.sessionmaker() as db:  # as an experiment created before the fix
        await db.execute(
            update(Experiment)
            .where(Experiment.id == uuid.UUID(created.json()["id"]))
            .values(config={"model": "gpt-4o-mini", "params": {"api_base": listener.base_url}})
        )
        await db.commit()
    started = await client.post(f"{API}/experiments/{created.json()['id']}/start/")
    assert started.status_code == 422
    assert error_locs(started) == {("body", "config", "params", "api_base")}
    await asyncio.sleep(0.2)
    assert listener.requests == [] and fake_llm.requests == []


def _team_reply(request: dict) -> str:
    if "impartial evaluator" in request["messages"][0]["content"]:
        return json.dumps({"score": 1.0, "reason": "fine"})
    return "llama says hi"


async def test_registered_model_runs_end_to_end_with_its_own_key(
    app, member, team_server: FakeLLM, fake_llm: FakeLLM, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(TEAM_KEY_ENV, "team-secret-42")
    team_server.reply_fn = _team_reply
    ds = await add_dataset(app, [{"query": "a"}, {"query": "b"}])
    judge = await member.post(f"{API}/evaluators/", json={
        "name": "judge", "kind": "llm_judge",
        "config": {"model": "team-llama", "rubric": "Is {output} polite?"}})
    assert judge.status_code == 201, judge.text
    created = await member.post(f"{API}/experiments/", json={
        "name": "llama", "dataset_id": str(ds.id), "evaluator_ids": [judge.json()["id"]],
        "config": {"model": "team-llama", "temperature": 0, "params": {"seed": 1}}})
    assert created.status_code == 201, created.text
    started = await member.post(f"{API}/experiments/{created.json()['id']}/start/")
    assert started.status_code == 200, started.text
    done = await wait_for_experiment(member, created.json()["id"], timeout=60)
    assert (done["status"], done["counts"]["completed"]) == ("completed", 2)
    results = (await member.get(f"{API}/experiments/{done['id']}/results/")).json()
    assert [r["output"] for r in results["results"]] == ["llama says hi"] * 2
    assert [s["numeric_value"] for r in results["results"] for s in r["scores"]] == [1.0, 1.0]
    assert results["summary"]["total_cost"] > 0  # priced by the registry entry
    # Two target calls and two judge calls, all to the registered endpoint with its key.
    assert len(team_server.requests) == 4
    assert {r["model"] for r in team_server.requests} == {"llama3"}
    assert {h["authorization"] for h in team_server.request_headers} == {"Bearer team-secret-42"}
    assert fake_llm.requests == []  # the server's own endpoint and key were not involved
    assert done["snapshot"]["model"] == "team-llama"
    assert "team-secret-42" not in json.dumps(done)


async def test_models_endpoint_lists_names_not_endpoints_or_key_variables(
    app, client, viewer, anon, team_server: FakeLLM
) -> None:
    response = await viewer.get(f"{API}/models/")
    assert response.status_code == 200
    assert response.json() == {
        "count": 1, "next": None, "previous": None,
        "results": [{"name": "team-llama", "model": "openai/llama3",
                     "input_cost_per_token": 0.001, "output_cost_per_token": None}],
    }
    assert team_server.base_url not in response.text and TEAM_KEY_ENV not in response.text
    assert (await anon.get(f"{API}/models/")).status_code == 401
    assert (await client.post(f"{API}/models/", json={"name": "x"})).status_code == 405
