"""The response cache (issue 11.3), end to end: experiments run by the real engine against the
fake model server, whose request log proves which replies came from a call."""

import uuid

import pytest
from sqlalchemy import func, select

from app import llm
from app.config import Settings
from app.experiments import runstate
from app.llm import cache
from app.models import Organization, ResponseCache
from bench.fakellm import JUDGE_MARKER, FakeLLM
from tests.conftest import REDIS_URL, wait_for_experiment
from tests.experiments.conftest import API, add_dataset

INPUTS = ["alpha", "beta", "gamma"]


@pytest.fixture
def settings(settings: Settings, database_url: str) -> Settings:
    """Real execution: on PostgreSQL through Redis and an arq worker, on SQLite in-process."""
    if database_url.startswith("postgresql"):
        return settings.model_copy(update={"redis_url": REDIS_URL})
    return settings


async def _judge(client) -> str:
    created = await client.post(f"{API}/evaluators/", json={
        "name": "judge", "kind": "llm_judge",
        "config": {"model": "gpt-4o-mini", "rubric": f"{JUDGE_MARKER} Is {{output}} right?"}})
    assert created.status_code == 201, created.text
    return created.json()["id"]


async def _run(client, dataset_id, evaluators=(), **config) -> tuple[dict, dict]:
    created = await client.post(f"{API}/experiments/", json={
        "name": "cached", "dataset_id": str(dataset_id), "evaluator_ids": list(evaluators),
        "config": {"model": "gpt-4o-mini", **config}})
    assert created.status_code == 201, created.text
    started = await client.post(f"{API}/experiments/{created.json()['id']}/start/")
    assert started.status_code == 200, started.text
    done = await wait_for_experiment(client, created.json()["id"], timeout=60)
    results = (await client.get(f"{API}/experiments/{done['id']}/results/")).json()
    return done, results


async def test_rerun_makes_no_model_call_and_counts_cache_hits(app, client, fake_llm: FakeLLM):
    dataset = await add_dataset(app, INPUTS)
    judge = await _judge(client)
    first, first_results = await _run(client, dataset.id, [judge], cache=True)
    assert first["status"] == "completed"
    assert len(fake_llm.requests) == 6  # 3 targets + 3 judges
    assert first_results["summary"]["cache_hits"] == 0

    second, results = await _run(client, dataset.id, [judge], cache=True)
    assert second["status"] == "completed"
    assert len(fake_llm.requests) == 6  # the rerun made no model call at all
    assert results["summary"]["cache_hits"] == 6
    assert [r["cache_hits"] for r in results["results"]] == [2, 2, 2]
    assert [r["output"] for r in results["results"]] == INPUTS
    # The judge's reply was served too (its fresh quoting mark is masked in the key).
    assert [[s["numeric_value"] for s in r["scores"]] for r in results["results"]] == [[1.0]] * 3
    # A cached reply cost nothing this time.
    assert results["summary"]["total_cost"] == 0.0


async def test_cache_off_calls_the_model_every_time(app, client, fake_llm: FakeLLM):
    dataset = await add_dataset(app, INPUTS)
    await _run(client, dataset.id, cache=True)
    _, results = await _run(client, dataset.id)  # same configuration, cache off
    assert len(fake_llm.requests) == 6
    assert results["summary"]["cache_hits"] == 0
    async with app.state.sessionmaker() as db:  # only the cached experiment stored replies
        assert await db.scalar(select(func.count()).select_from(ResponseCache)) == 3


async def test_other_parameters_are_another_question(app, client, fake_llm: FakeLLM):
    dataset = await add_dataset(app, INPUTS)
    await _run(client, dataset.id, cache=True, temperature=0.2)
    _, results = await _run(client, dataset.id, cache=True, temperature=0.7)
    assert len(fake_llm.requests) == 6
    assert results["summary"]["cache_hits"] == 0


async def test_errors_are_never_cached(app, client, fake_llm: FakeLLM):
    dataset = await add_dataset(app, INPUTS)
    fake_llm.always({"status": 400, "message": "bad request"}, contains="beta")
    _, results = await _run(client, dataset.id, cache=True)
    assert [r["status"] for r in results["results"]] == ["completed", "failed", "completed"]
    async with app.state.sessionmaker() as db:
        assert await db.scalar(select(func.count()).select_from(ResponseCache)) == 2
    fake_llm._rules.clear()  # the model works again
    calls = len(fake_llm.requests)
    _, rerun = await _run(client, dataset.id, cache=True)
    assert len(fake_llm.requests) == calls + 1  # only the failed item was asked again
    assert [r["status"] for r in rerun["results"]] == ["completed"] * 3
    assert [r["cache_hits"] for r in rerun["results"]] == [1, 0, 1]


async def test_one_tenant_never_reads_another_tenants_cached_reply(
        app, client, other_org, fake_llm: FakeLLM):
    ours = await add_dataset(app, INPUTS)
    theirs = await add_dataset(app, INPUTS, org="globex")
    await _run(client, ours.id, cache=True)
    assert len(fake_llm.requests) == 3
    _, results = await _run(other_org, theirs.id, cache=True)
    assert len(fake_llm.requests) == 6  # same question, other organization: asked again
    assert results["summary"]["cache_hits"] == 0
    async with app.state.sessionmaker() as db:
        per_org = dict((await db.execute(select(ResponseCache.organization_id, func.count())
                                         .group_by(ResponseCache.organization_id))).all())
    assert sorted(per_org.values()) == [3, 3]


async def test_repetitions_are_never_served_each_others_reply(app, client, fake_llm: FakeLLM):
    dataset = await add_dataset(app, INPUTS)
    # One run at a time: each item's second repetition starts after its first one's reply
    # was stored, and is asked anyway.
    first, results = await _run(client, dataset.id, cache=True, repetitions=2,
                                max_concurrency=1)
    assert first["counts"]["completed"] == 6
    assert len(fake_llm.requests) == 6  # repetition 1 was asked, not served repetition 0's
    assert results["summary"]["cache_hits"] == 0
    _, rerun = await _run(client, dataset.id, cache=True, repetitions=2, max_concurrency=1)
    assert len(fake_llm.requests) == 6
    assert rerun["summary"]["cache_hits"] == 6


async def test_the_key_holds_the_repetition_and_the_organization(app, fake_llm: FakeLLM):
    """Through app.llm itself: the scope a run sets decides what may be served."""
    async with app.state.sessionmaker() as db:
        org_id = await db.scalar(select(Organization.id).limit(1))
        if org_id is None:
            db.add(Organization(id=uuid.uuid4(), slug="acme", name="acme"))
            await db.commit()
            org_id = await db.scalar(select(Organization.id).limit(1))
    stores = cache.Stores(runstate.single_statements(app.state.sessionmaker))
    asked = [{"role": "user", "content": "same question"}]

    async def ask(repetition: int) -> cache.Scope:
        scope = cache.Scope(stores, org_id, repetition)
        token = cache.SCOPE.set(scope)
        try:
            reply = await llm.complete("gpt-4o-mini", asked)
        finally:
            cache.SCOPE.reset(token)
        await stores.close()
        assert reply.text == "same question"
        assert reply.messages == [*asked, {"role": "assistant", "content": "same question"}]
        return scope

    assert (await ask(0)).hits == 0
    assert (await ask(1)).hits == 0
    assert len(fake_llm.requests) == 2
    assert (await ask(1)).hits == 1
    assert (await ask(0)).hits == 1
    assert len(fake_llm.requests) == 2
    await llm.complete("gpt-4o-mini", asked)  # no scope: no cache, a call
    assert len(fake_llm.requests) == 3
