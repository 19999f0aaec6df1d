"""Concurrency limits, cancel, and the guards that make a job safe to run twice."""

import asyncio
from datetime import timedelta

import httpx
from fastapi import FastAPI
from sqlalchemy import update

from app.experiments import driver, runstate
from app.models import ExperimentRun
from bench.fakellm import FakeLLM
from tests.conftest import start_arq_worker, stop_arq_worker, wait_for_experiment
from tests.engine.conftest import (
    add_dataset,
    add_evaluator,
    run_to_end,
    runs_of,
    score_count,
    start,
)

API = "/api/v1"


async def test_max_concurrency_holds_across_all_runs(
    app: FastAPI, client: httpx.AsyncClient, fake_llm: FakeLLM
) -> None:
    fake_llm.latency_ms = 60
    # Long enough (~1.8 s for one lane alone) that both lanes overlap even when the second
    # waits for another worker to take it (the lane spread, up to ~0.5 s).
    dataset = await add_dataset(app, [f"q{i}" for i in range(60)])
    second_worker = None
    if app.state.settings.redis_url:  # two workers, each with its own view: the limit is in Redis
        second_worker = await start_arq_worker(app.state.settings)
    try:
        experiment = await run_to_end(client, dataset, {"model": "gpt-4o-mini", "max_concurrency": 3})
    finally:
        if second_worker:
            await stop_arq_worker(*second_worker)
    assert experiment["status"] == "completed"
    assert len(fake_llm.requests) == 60
    assert fake_llm.max_in_flight == 3


async def test_no_model_call_starts_after_the_cancel_commits(
    app: FastAPI, client: httpx.AsyncClient, fake_llm: FakeLLM
) -> None:
    fake_llm.latency_ms = 150
    dataset = await add_dataset(app, [["hi", "and", "bye"]] * 12)
    experiment_id = await start(client, dataset, {"model": "gpt-4o-mini", "max_concurrency": 2})
    while len(fake_llm.requests) < 4:
        await asyncio.sleep(0.02)
    cancelled = await client.post(f"{API}/experiments/{experiment_id}/cancel/")
    assert cancelled.status_code == 200, cancelled.text
    calls_at_cancel = len(fake_llm.requests)
    await asyncio.sleep(1.0)  # several model latencies: any new call would have arrived
    assert len(fake_llm.requests) == calls_at_cancel
    assert calls_at_cancel < 36
    experiment = await wait_for_experiment(client, experiment_id)
    assert experiment["status"] == "cancelled"
    await asyncio.sleep(0.3)  # in-flight calls return and their runs record the cancel
    statuses = [r.status for r in await runs_of(app, experiment_id)]
    assert set(statuses) <= {"completed", "cancelled"}
    assert statuses.count("cancelled") >= 10
    # a run stopped between turns keeps no partial output and records why
    stopped = [r for r in await runs_of(app, experiment_id) if r.status == "cancelled" and r.started_at]
    assert all(r.error == "experiment cancelled" for r in stopped)


async def test_running_a_finished_run_again_is_a_no_op(
    app: FastAPI, client: httpx.AsyncClient, fake_llm: FakeLLM
) -> None:
    dataset = await add_dataset(app, ["a", "b"], expected=["a", "b"])
    exact = await add_evaluator(client, "exact", "exact_match")
    experiment = await run_to_end(client, dataset, {"model": "gpt-4o-mini"}, [exact])
    runs = await runs_of(app, experiment["id"])
    ctx = {"settings": app.state.settings, "sessionmaker": app.state.sessionmaker}
    await asyncio.gather(*(driver.drive(ctx, experiment["id"], 0, 1) for _ in runs * 2))
    assert len(fake_llm.requests) == 2
    assert await score_count(app, experiment["id"]) == 2
    assert [r.attempts for r in await runs_of(app, experiment["id"])] == [1, 1]


async def test_a_worker_that_lost_its_lease_writes_nothing(app: FastAPI, client: httpx.AsyncClient) -> None:
    dataset = await add_dataset(app, ["a"])
    experiment_id = await start(client, dataset, {"agent": {"url": "http://127.0.0.1:9/none"}})
    await wait_for_experiment(client, experiment_id)
    (run,) = await runs_of(app, experiment_id)
    sessions = app.state.sessionmaker
    # Put the run back as if a first worker had claimed it: leased for a while, or the reaper
    # (every second here) could take the run back first and the fence-5 write fail too.
    async with sessions() as db:
        await db.execute(update(ExperimentRun).where(ExperimentRun.id == run.id)
                         .values(status="running", attempts=5, lease_until=runstate.utcnow() + timedelta(minutes=5)))
        await db.commit()
    late = {"status": "completed", "output": "stale"}
    assert await runstate.finish_many(sessions, [(run.id, 4, late, [])]) == 0  # fence 4 lost to 5
    assert await runstate.finish_many(sessions, [(run.id, 5, {"status": "completed", "output": "ok"}, [])]) == 1
    assert await runstate.finish_many(sessions, [(run.id, 5, late, [])]) == 0  # already finished
    (run,) = await runs_of(app, experiment_id)
    assert (run.status, run.output) == ("completed", "ok")
