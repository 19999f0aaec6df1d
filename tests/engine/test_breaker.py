"""The circuit breaker (issue 14): a configuration error stops the experiment after about N
model calls, the rest of the runs `skipped`; transient storms and item errors never trip it,
and a success resets it. Calls are counted at the fake server, on both backends."""

import asyncio
import time
from datetime import timedelta

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import update

from app.config import Settings
from app.experiments import reaper, runstate
from app.models import ExperimentRun
from bench.fakellm import FakeLLM
from tests.engine.conftest import add_dataset, run_to_end, runs_of

API = "/api/v1"
N = 5
REFUSED_KEY = ("the provider refused the key for model 'gpt-4o-mini' (401): check OPENAI_API_KEY "
               "in the server's environment (and the workers') (provider: Incorrect API key)")
NO_KEY = "OPENAI_API_KEY is not set in the server's environment (and the workers')"


@pytest.fixture
def settings(settings: Settings, request: pytest.FixtureRequest) -> Settings:
    """The engine settings with the breaker's threshold (N, or a test's own via indirect)."""
    return settings.model_copy(update={"breaker_threshold": getattr(request, "param", N)})


async def settled(client: httpx.AsyncClient, experiment_id: str, timeout: float = 30) -> dict:
    """The results once no run is pending or running: a tripped experiment is `failed` at
    once, while its drivers still record the runs they held as skipped."""
    deadline = time.monotonic() + timeout
    while True:
        body = (await client.get(f"{API}/experiments/{experiment_id}/results/")).json()
        if body["status"] != "running" and body["summary"]["pending"] == 0:
            return body
        assert time.monotonic() < deadline, body["summary"]
        await asyncio.sleep(0.05)


async def test_a_model_that_always_answers_401_stops_1000_items_after_at_most_n_calls(
    app: FastAPI, client: httpx.AsyncClient, fake_llm: FakeLLM
) -> None:
    fake_llm.always({"status": 401, "message": "Incorrect API key"}, model="gpt-4o-mini")
    dataset = await add_dataset(app, [f"q{i}" for i in range(1000)])
    experiment = await run_to_end(client, dataset, {"model": "gpt-4o-mini"})
    assert (experiment["status"], experiment["error_class"]) == ("failed", "authentication")
    assert experiment["error"] == REFUSED_KEY
    assert "Incorrect API key" in experiment["error_detail"]
    results = await settled(client, experiment["id"])
    calls = len(fake_llm.requests)
    assert 1 <= calls <= N
    summary = results["summary"]
    assert (summary["failed"], summary["skipped"], summary["completed"]) == (calls, 1000 - calls, 0)
    skipped = [row for row in results["results"] if row["status"] == "skipped"]
    assert {(row["error"], row["error_class"]) for row in skipped} == {
        (REFUSED_KEY, "authentication")}
    detail = (await client.get(f"{API}/experiments/{experiment['id']}/")).json()
    assert detail["counts"]["skipped"] == 1000 - calls
    assert detail["status"] == "failed"  # skipped runs finished; nothing finalized it again


async def test_a_gateway_500_saying_missing_credentials_fails_fast_with_the_fix(
    app: FastAPI, client: httpx.AsyncClient, fake_llm: FakeLLM
) -> None:
    # The server has a key, so preflight passes; the endpoint says what litellm says without.
    fake_llm.always({"status": 500, "message": "Missing credentials. Please pass an api_key"})
    dataset = await add_dataset(app, [f"q{i}" for i in range(40)])
    experiment = await run_to_end(client, dataset, {"model": "gpt-4o-mini"})
    assert (experiment["status"], experiment["error_class"], experiment["error"]) == (
        "failed", "missing_credentials", NO_KEY)
    await settled(client, experiment["id"])
    runs = await runs_of(app, experiment["id"])
    tried = [run for run in runs if run.status == "failed"]
    assert [run.attempts for run in tried] == [1] * len(tried)  # a 500 that is not retried
    assert len(fake_llm.requests) == len(tried) <= N
    assert sum(run.status == "skipped" for run in runs) == 40 - len(tried)


async def test_a_transient_storm_never_trips_the_breaker(
    app: FastAPI, client: httpx.AsyncClient, fake_llm: FakeLLM
) -> None:
    fake_llm.always({"status": 503, "message": "overloaded"})
    dataset = await add_dataset(app, [f"q{i}" for i in range(8)])
    experiment = await run_to_end(client, dataset, {"model": "gpt-4o-mini", "max_concurrency": 2})
    runs = await runs_of(app, experiment["id"])
    assert [run.status for run in runs] == ["failed"] * 8  # every item tried, none skipped
    assert [run.attempts for run in runs] == [3] * 8  # llm_max_retries=2 in the engine tests
    assert len(fake_llm.requests) == 24
    assert (experiment["status"], experiment["error_class"]) == ("failed", "server")


async def test_errors_of_single_items_never_trip_the_breaker(
    app: FastAPI, client: httpx.AsyncClient, fake_llm: FakeLLM
) -> None:
    fake_llm.always({"status": 400, "message": "This model's maximum context length is 8"})
    dataset = await add_dataset(app, [f"q{i}" for i in range(2 * N)])
    experiment = await run_to_end(client, dataset, {"model": "gpt-4o-mini"})
    runs = await runs_of(app, experiment["id"])
    assert [run.status for run in runs] == ["failed"] * (2 * N)
    assert {run.error_class for run in runs} == {"context_length"}
    assert len(fake_llm.requests) == 2 * N


async def test_a_success_resets_the_count(
    app: FastAPI, client: httpx.AsyncClient, fake_llm: FakeLLM
) -> None:
    refused = {"status": 401, "message": "Incorrect API key"}
    fake_llm.script(*[refused] * (N - 1), "fine", *[refused] * (N - 1))
    dataset = await add_dataset(app, [f"q{i}" for i in range(2 * N)])
    # One at a time, so the scripted replies meet the items in order.
    experiment = await run_to_end(client, dataset, {"model": "gpt-4o-mini", "max_concurrency": 1})
    runs = await runs_of(app, experiment["id"])
    assert [run.status for run in runs] == (
        ["failed"] * (N - 1) + ["completed"] + ["failed"] * (N - 1) + ["completed"])
    assert (experiment["status"], experiment["error"]) == ("completed", "")
    assert len(fake_llm.requests) == 2 * N


@pytest.mark.parametrize("settings", [0], indirect=True)
async def test_threshold_zero_turns_the_breaker_off(
    app: FastAPI, client: httpx.AsyncClient, fake_llm: FakeLLM
) -> None:
    fake_llm.always({"status": 401, "message": "Incorrect API key"})
    dataset = await add_dataset(app, [f"q{i}" for i in range(12)])
    experiment = await run_to_end(client, dataset, {"model": "gpt-4o-mini"})
    runs = await runs_of(app, experiment["id"])
    assert [run.status for run in runs] == ["failed"] * 12
    assert len(fake_llm.requests) == 12
    assert (experiment["status"], experiment["error"]) == ("failed", REFUSED_KEY)


async def test_cancel_after_a_trip_is_409_and_leaves_the_skipped_runs(
    app: FastAPI, client: httpx.AsyncClient, fake_llm: FakeLLM
) -> None:
    fake_llm.always({"status": 401, "message": "Incorrect API key"})
    dataset = await add_dataset(app, [f"q{i}" for i in range(30)])
    experiment = await run_to_end(client, dataset, {"model": "gpt-4o-mini"})
    before = (await settled(client, experiment["id"]))["summary"]
    response = await client.post(f"{API}/experiments/{experiment['id']}/cancel/")
    assert response.status_code == 409
    after = (await client.get(f"{API}/experiments/{experiment['id']}/results/")).json()["summary"]
    assert after == before and after["skipped"] == 30 - len(fake_llm.requests)


async def test_the_reaper_skips_runs_a_dead_driver_held_when_the_breaker_tripped(
    app: FastAPI, client: httpx.AsyncClient, fake_llm: FakeLLM
) -> None:
    fake_llm.always({"status": 401, "message": "Incorrect API key"})
    dataset = await add_dataset(app, [f"q{i}" for i in range(20)])
    experiment = await run_to_end(client, dataset, {"model": "gpt-4o-mini"})
    await settled(client, experiment["id"])
    orphan = [run for run in await runs_of(app, experiment["id"]) if run.status == "skipped"][-1]
    async with app.state.sessionmaker() as db:  # as if its driver died holding it
        await db.execute(update(ExperimentRun).where(ExperimentRun.id == orphan.id).values(
            status="running", error="", error_class="",
            lease_until=runstate.utcnow() - timedelta(seconds=5)))
        await db.commit()
    ctx = {"sessionmaker": app.state.sessionmaker, "queue": app.state.queue,
           "settings": app.state.settings}
    # On the production shape the worker's own reaper runs every second here and may take
    # the orphan first (seen under load with -n 4): either way it is skipped, with the error.
    assert (await reaper.reap(ctx))["cancelled"] in (0, 1)
    [again] = [run for run in await runs_of(app, experiment["id"]) if run.id == orphan.id]
    assert (again.status, again.error, again.error_class) == (
        "skipped", REFUSED_KEY, "authentication")


async def test_fewer_than_n_identical_failures_never_trip_it_on_any_number_of_lanes(
    app: FastAPI, client: httpx.AsyncClient, fake_llm: FakeLLM
) -> None:
    fake_llm.always({"status": 401, "message": "Incorrect API key"})
    dataset = await add_dataset(app, [f"q{i}" for i in range(N - 1)])
    experiment = await run_to_end(client, dataset, {"model": "gpt-4o-mini"})
    runs = await runs_of(app, experiment["id"])
    assert [run.status for run in runs] == ["failed"] * (N - 1)  # all tried, none skipped
    assert (experiment["status"], experiment["error"]) == ("failed", REFUSED_KEY)
    assert len(fake_llm.requests) == N - 1
