"""The batched driver: outcomes written in batches, no per-run transaction or Redis round trip,
one live driver per lane, and the lane split of max_concurrency."""

import asyncio
import uuid

import httpx
import redis.asyncio as aioredis
from fastapi import FastAPI
from sqlalchemy import event

from app.experiments import driver, lanes
from bench.fakellm import FakeLLM
from tests.conftest import REDIS_URL
from tests.engine.conftest import (
    add_dataset,
    add_evaluator,
    run_to_end,
    runs_of,
    score_count,
    start,
)


def test_lane_shares_add_up_to_the_limit() -> None:
    for limit in (1, 2, 7, 16, 64):
        for configured in (1, 2, 3, 8):
            total = lanes.lane_count(limit, configured)
            shares = [lanes.lane_share(limit, lane, total) for lane in range(total)]
            assert sum(shares) == limit and min(shares) >= 1


async def test_outcomes_are_written_in_batches_not_one_transaction_per_run(
    app: FastAPI, client: httpx.AsyncClient, fake_llm: FakeLLM
) -> None:
    fake_llm.latency_ms = 30
    dataset = await add_dataset(app, [f"q{i}" for i in range(60)], expected=[f"q{i}" for i in range(60)])
    exact = await add_evaluator(client, "exact", "exact_match")
    commits: list[int] = []
    sync_engine = app.state.engine.sync_engine
    listener = lambda conn: commits.append(1)
    event.listen(sync_engine, "commit", listener)
    try:
        experiment = await run_to_end(client, dataset, {"model": "gpt-4o-mini", "max_concurrency": 20},
                                      [exact])
    finally:
        event.remove(sync_engine, "commit", listener)
    assert experiment["status"] == "completed"
    assert await score_count(app, experiment["id"]) == 60
    # 60 runs at 20 at a time finish in ~3 waves: a handful of batches (plus the API's own
    # commits for login, create, start), never one transaction per run.
    assert len(commits) < 30, len(commits)


async def test_a_second_driver_of_a_live_lane_exits_at_once(
    app: FastAPI, client: httpx.AsyncClient, fake_llm: FakeLLM
) -> None:
    fake_llm.latency_ms = 80
    dataset = await add_dataset(app, [f"q{i}" for i in range(12)])
    experiment_id = await start(client, dataset, {"model": "gpt-4o-mini", "max_concurrency": 3})
    while not fake_llm.requests:
        await asyncio.sleep(0.01)
    ctx = {"settings": app.state.settings, "sessionmaker": app.state.sessionmaker,
           "lane_locks": getattr(app.state.queue, "_ctx", {}).get("lane_locks")
           or lanes.LocalLaneLocks()}
    if app.state.settings.redis_url:
        ctx["lane_locks"] = lanes.RedisLaneLocks(aioredis.from_url(REDIS_URL))
    await asyncio.wait_for(driver.drive(ctx, experiment_id, 0, 1), timeout=2)  # returns at once
    for _ in range(200):
        if all(r.status == "completed" for r in await runs_of(app, experiment_id)):
            break
        await asyncio.sleep(0.05)
    assert fake_llm.max_in_flight <= 3
    assert len(fake_llm.requests) == 12


async def test_lane_job_ids_are_stable_per_experiment() -> None:
    eid = uuid.uuid4()
    assert lanes.job_id(eid, 1) == f"drive:{eid}:1"
