"""The cost budget (issue 11.4): the estimate at start, the refusal of an unpriced model, and
the stop near max_cost, counted by the fake model server's request log."""

import uuid

import pytest
from sqlalchemy import update

from app.config import Settings
from app.evaluators.graders.judge import SYSTEM_PROMPT
from app.models import Experiment
from bench.fakellm import FakeLLM
from tests.conftest import REDIS_URL, wait_for_experiment
from tests.experiments.conftest import API, add_dataset

# USD per token for the fake model; the fake counts a token per whitespace-separated word.
PRICES = {"gpt-4o-mini": {"input_cost_per_token": 0.001, "output_cost_per_token": 0.002}}
UNPRICED = "openai/evalforge-unpriced-model"
WORDS = "one two three four"  # 4 tokens in, echoed: 4 out -> 0.004 + 0.008 = $0.012 a run
RUN_COST = 0.012


@pytest.fixture
def settings(settings: Settings, database_url: str) -> Settings:
    """Priced fake model; real execution (PostgreSQL: Redis and an arq worker)."""
    update: dict = {"model_prices": PRICES}
    if database_url.startswith("postgresql"):
        update["redis_url"] = REDIS_URL
    return settings.model_copy(update=update)


async def _create(client, dataset_id, evaluators=(), **config):
    return await client.post(f"{API}/experiments/", json={
        "name": "budget", "dataset_id": str(dataset_id), "evaluator_ids": list(evaluators),
        "config": {"model": "gpt-4o-mini", **config}})


async def _judge(client, model: str) -> str:
    created = await client.post(f"{API}/evaluators/", json={
        "name": f"judge {model}", "kind": "llm_judge",
        "config": {"model": model, "rubric": "Is {output} right?", "max_tokens": 50}})
    assert created.status_code == 201, created.text
    return created.json()["id"]


async def test_start_returns_and_stores_the_cost_estimate(app, client, queue):
    dataset = await add_dataset(app, ["hello", "hello"], expected=["hi", "hi"])
    judge = await _judge(client, "gpt-4o-mini")
    created = await _create(client, dataset.id, [judge], max_tokens=10, repetitions=3)
    assert created.status_code == 201, created.text
    started = await client.post(f"{API}/experiments/{created.json()['id']}/start/")
    assert started.status_code == 200, started.text
    # 6 runs (2 items x 3 repetitions). Target: ('""' + '"hello"') / 4 chars a token in,
    # 10 tokens out. Judge: system prompt + rubric + the 10-token output allowance + the
    # input and expected output ('"hi"'), / 4, in; 50 tokens out.
    target = 6 * (2 + 7) / 4 * 0.001 + 6 * 10 * 0.002
    judge_in = 6 * (len(SYSTEM_PROMPT) + len("Is {output} right?") + 40) + 6 * 7 + 6 * 4
    expected = round(target + judge_in / 4 * 0.001 + 6 * 50 * 0.002, 6)
    assert started.json()["cost_estimate"] == pytest.approx(expected)
    read = (await client.get(f"{API}/experiments/{created.json()['id']}/")).json()
    assert read["cost_estimate"] == pytest.approx(expected)
    assert read["budget_exhausted"] is False


async def test_unknown_price_without_a_budget_has_no_estimate(app, client, queue):
    dataset = await add_dataset(app, ["hello"])
    created = await _create(client, dataset.id, model=UNPRICED)
    assert created.status_code == 201, created.text
    started = await client.post(f"{API}/experiments/{created.json()['id']}/start/")
    assert started.status_code == 200 and started.json()["cost_estimate"] is None


async def test_an_agent_target_has_no_estimate(app, client, queue):
    dataset = await add_dataset(app, ["hello"])
    created = await client.post(f"{API}/experiments/", json={
        "name": "agent", "dataset_id": str(dataset.id),
        "config": {"agent": {"url": "http://127.0.0.1:9/agent"}, "max_cost": 1.0}})
    assert created.status_code == 201, created.text
    started = await client.post(f"{API}/experiments/{created.json()['id']}/start/")
    assert started.status_code == 200 and started.json()["cost_estimate"] is None


@pytest.mark.parametrize("where", ["target", "judge"])
async def test_a_budget_refuses_a_model_without_a_price(app, client, queue, where,
                                                       fake_llm: FakeLLM):
    dataset = await add_dataset(app, ["hello"])
    judges = [await _judge(client, UNPRICED)] if where == "judge" else []
    model = UNPRICED if where == "target" else "gpt-4o-mini"
    refused = await _create(client, dataset.id, judges, model=model, max_cost=1.0)
    assert refused.status_code == 422, refused.text
    detail = refused.json()["detail"]
    assert [e["loc"] for e in detail] == [["body", "config", "max_cost"]]
    assert "EVALFORGE_MODEL_PRICES" in detail[0]["msg"] and UNPRICED in detail[0]["msg"]
    assert fake_llm.requests == []


async def test_the_start_refuses_an_unpriced_model_under_a_budget(app, client, queue):
    """The start checks again (the server's prices may have changed since the create): 422,
    and nothing half-written: still pending, no run created."""
    dataset = await add_dataset(app, ["hello"])
    created = await _create(client, dataset.id, model=UNPRICED)
    experiment_id = uuid.UUID(created.json()["id"])
    async with app.state.sessionmaker() as db:
        await db.execute(update(Experiment).where(Experiment.id == experiment_id)
                         .values(config={"model": UNPRICED, "max_cost": 1.0}))
        await db.commit()
    refused = await client.post(f"{API}/experiments/{experiment_id}/start/")
    assert refused.status_code == 422, refused.text
    assert "EVALFORGE_MODEL_PRICES" in refused.json()["detail"][0]["msg"]
    read = (await client.get(f"{API}/experiments/{experiment_id}/")).json()
    assert read["status"] == "pending" and read["counts"]["total"] == 0
    assert queue.jobs == []


async def test_runs_stop_near_the_budget_and_the_rest_are_skipped(app, client,
                                                                 fake_llm: FakeLLM):
    dataset = await add_dataset(app, [WORDS] * 20)
    created = await _create(client, dataset.id, max_cost=5 * RUN_COST - 1e-9, max_concurrency=1)
    assert created.status_code == 201, created.text
    started = await client.post(f"{API}/experiments/{created.json()['id']}/start/")
    assert started.status_code == 200, started.text
    assert started.json()["cost_estimate"] == pytest.approx(20 * (len(WORDS) + 4) / 4 * 0.001
                                                            + 20 * 256 * 0.002)
    done = await wait_for_experiment(client, created.json()["id"], timeout=60)
    # One run in flight at a time: the fifth run reaches the budget, none starts after it.
    assert len(fake_llm.requests) == 5
    assert done["status"] == "completed" and done["budget_exhausted"] is True
    assert (done["counts"]["completed"], done["counts"]["skipped"]) == (5, 15)
    results = (await client.get(f"{API}/experiments/{done['id']}/results/")).json()
    assert results["summary"]["budget_exhausted"] is True
    assert results["summary"]["total_cost"] == pytest.approx(5 * RUN_COST)
    reason = f"cost budget of ${5 * RUN_COST - 1e-9:g} reached"
    assert {r["error"] for r in results["results"] if r["status"] == "skipped"} == {reason}
    page = await client.get(f"/ui/experiments/{done['id']}/")
    assert 'id="budget"' in page.text and "estimated cost" in page.text


async def test_overshoot_is_bounded_by_the_runs_in_flight(app, client, fake_llm: FakeLLM):
    fake_llm.latency_ms = 20
    dataset = await add_dataset(app, [WORDS] * 60)
    created = await _create(client, dataset.id, max_cost=10 * RUN_COST - 1e-9, max_concurrency=4)
    await client.post(f"{API}/experiments/{created.json()['id']}/start/")
    done = await wait_for_experiment(client, created.json()["id"], timeout=60)
    assert done["status"] == "completed" and done["budget_exhausted"] is True
    calls = len(fake_llm.requests)
    # 10 runs reach the budget; up to max_concurrency more were in flight, and a lane may
    # have started one claim batch (its share of the 4 slots) before it saw the stop.
    assert 10 <= calls <= 10 + 2 * 4
    assert done["counts"]["completed"] == calls and done["counts"]["skipped"] == 60 - calls


async def test_without_a_budget_every_run_runs(app, client, fake_llm: FakeLLM):
    dataset = await add_dataset(app, [WORDS] * 5)
    created = await _create(client, dataset.id)
    await client.post(f"{API}/experiments/{created.json()['id']}/start/")
    done = await wait_for_experiment(client, created.json()["id"], timeout=60)
    assert len(fake_llm.requests) == 5 and done["counts"]["completed"] == 5
    assert done["budget_exhausted"] is False


async def test_a_budget_spent_by_failed_runs_still_completes(app, client, fake_llm: FakeLLM):
    """A conversation whose second turn fails still paid for its first: when such runs spend
    the budget, nothing completed, yet the experiment completes (budget_exhausted), it is
    not a configuration failure."""
    fake_llm.always({"status": 400, "message": "bad request"}, contains="second")
    dataset = await add_dataset(app, [[WORDS, "second turn"]] * 4)
    created = await _create(client, dataset.id, max_cost=RUN_COST / 2, max_concurrency=1)
    await client.post(f"{API}/experiments/{created.json()['id']}/start/")
    done = await wait_for_experiment(client, created.json()["id"], timeout=60)
    assert len(fake_llm.requests) == 2  # the first conversation's two turns, then nothing
    assert (done["counts"]["failed"], done["counts"]["skipped"]) == (1, 3)
    assert done["status"] == "completed" and done["budget_exhausted"] is True


async def test_retrying_a_budget_stop_meets_the_same_budget(app, client, fake_llm: FakeLLM):
    """Retry-failed takes the budget's skipped runs again; the spend of the runs that completed
    still counts, so they are skipped again at once, with no model call, and the experiment
    completes with budget_exhausted (set again by this execution, not left over)."""
    dataset = await add_dataset(app, [WORDS] * 8)
    created = await _create(client, dataset.id, max_cost=3 * RUN_COST - 1e-9, max_concurrency=1)
    await client.post(f"{API}/experiments/{created.json()['id']}/start/")
    done = await wait_for_experiment(client, created.json()["id"], timeout=60)
    assert (done["counts"]["completed"], done["counts"]["skipped"]) == (3, 5)
    retried = await client.post(f"{API}/experiments/{done['id']}/retry-failed/")
    assert retried.status_code == 200 and retried.json()["retried"] == 5, retried.text
    again = await wait_for_experiment(client, done["id"], timeout=60)
    assert len(fake_llm.requests) == 3
    assert again["status"] == "completed" and again["budget_exhausted"] is True
    assert (again["counts"]["completed"], again["counts"]["skipped"]) == (3, 5)


async def test_a_retry_that_stays_within_the_budget_clears_budget_exhausted(app, client,
                                                                           fake_llm: FakeLLM):
    dataset = await add_dataset(app, [WORDS] * 6)
    created = await _create(client, dataset.id, max_cost=2 * RUN_COST - 1e-9, max_concurrency=1)
    await client.post(f"{API}/experiments/{created.json()['id']}/start/")
    done = await wait_for_experiment(client, created.json()["id"], timeout=60)
    assert done["budget_exhausted"] is True and done["counts"]["skipped"] == 4
    # The frozen budget raised behind the API's back: the retried runs now all fit in it.
    async with app.state.sessionmaker() as db:
        row = await db.get(Experiment, uuid.UUID(done["id"]))
        snapshot = {**row.snapshot, "max_cost": 100.0}
        await db.execute(update(Experiment).where(Experiment.id == row.id)
                         .values(snapshot=snapshot))
        await db.commit()
    await client.post(f"{API}/experiments/{done['id']}/retry-failed/")
    again = await wait_for_experiment(client, done["id"], timeout=60)
    assert len(fake_llm.requests) == 6 and again["counts"]["completed"] == 6
    assert again["budget_exhausted"] is False
