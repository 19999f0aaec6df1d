"""No lost work, no duplicates: a worker killed with SIGKILL mid-experiment, and an embedded
app stopped mid-experiment, both followed by a fresh process that finishes the job."""

import asyncio
import os
import signal
import subprocess
import sys
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from fastapi import FastAPI
from sqlalchemy import func, select

from app.config import Settings
from app.main import create_app
from app.models import ExperimentRun, Score
from bench.fakellm import FakeLLM
from tests.conftest import REDIS_URL, add_user, login, wait_for_experiment
from tests.engine.conftest import add_dataset, add_evaluator, start

ROOT = Path(__file__).resolve().parents[2]


@asynccontextmanager
async def running_app(settings: Settings) -> AsyncIterator[FastAPI]:
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        yield app


async def counts(app: FastAPI, experiment_id: str) -> tuple[dict[str, int], int, int]:
    """({status: runs}, scores, the most scores any one run has)."""
    eid = uuid.UUID(experiment_id)
    async with app.state.sessionmaker() as db:
        statuses = dict((await db.execute(
            select(ExperimentRun.status, func.count()).where(ExperimentRun.experiment_id == eid)
            .group_by(ExperimentRun.status))).all())
        per_run = (select(func.count().label("n")).select_from(Score)
                   .join(ExperimentRun, ExperimentRun.id == Score.run_id)
                   .where(ExperimentRun.experiment_id == eid).group_by(Score.run_id).subquery())
        scores = await db.scalar(select(func.coalesce(func.sum(per_run.c.n), 0)))
        most = await db.scalar(select(func.coalesce(func.max(per_run.c.n), 0)))
    return statuses, scores, most


async def wait_completed(app: FastAPI, experiment_id: str, at_least: int) -> None:
    while (await counts(app, experiment_id))[0].get("completed", 0) < at_least:
        await asyncio.sleep(0.05)


def worker_process(settings: Settings, fake: FakeLLM, log: Path) -> subprocess.Popen:
    env = {**os.environ, "EVALFORGE_DATABASE_URL": settings.database_url,
           "EVALFORGE_REDIS_URL": settings.redis_url, "EVALFORGE_ARQ_QUEUE_NAME": settings.arq_queue_name,
           "EVALFORGE_RUN_LEASE_S": str(settings.run_lease_s), "EVALFORGE_REAPER_INTERVAL_S": "1",
           "OPENAI_BASE_URL": fake.base_url, "OPENAI_API_KEY": "sk-fake",
           "LITELLM_LOCAL_MODEL_COST_MAP": "True"}
    return subprocess.Popen([sys.executable, "-c", "from app.cli import main; main()", "worker"],
                            cwd=ROOT, env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT)


# The production shape is PostgreSQL + Redis; SQLite's crash test is the restart test below.
@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
async def test_a_killed_worker_loses_no_run_and_duplicates_no_score(
    settings: Settings, fake_llm: FakeLLM, tmp_path: Path
) -> None:
    fake_llm.latency_ms = 200
    settings = settings.model_copy(update={
        "redis_url": REDIS_URL, "arq_queue_name": f"evalforge:crash:{uuid.uuid4().hex}", "run_lease_s": 3})
    async with running_app(settings) as app:
        client = await login(app, await add_user(app, "acme", "admin@acme.test"))
        dataset = await add_dataset(app, [f"q{i}" for i in range(200)], expected=[f"q{i}" for i in range(200)])
        exact = await add_evaluator(client, "exact", "exact_match")
        experiment_id = await start(client, dataset, {"model": "gpt-4o-mini", "max_concurrency": 16}, [exact])
        first = worker_process(settings, fake_llm, tmp_path / "worker.log")
        try:
            await asyncio.wait_for(wait_completed(app, experiment_id, 40), 120)
        finally:
            first.send_signal(signal.SIGKILL)
            first.wait()
        statuses, _, _ = await counts(app, experiment_id)
        assert statuses.get("running", 0) > 0  # killed with runs in flight
        second = worker_process(settings, fake_llm, tmp_path / "worker.log")
        try:
            experiment = await wait_for_experiment(client, experiment_id, timeout=60)
        finally:
            second.terminate()
            second.wait()
        assert experiment["status"] == "completed"
        assert await counts(app, experiment_id) == ({"completed": 200}, 200, 1)
        assert len(fake_llm.requests) > 200  # the killed worker's runs in flight ran again
        await client.aclose()


async def test_a_restarted_embedded_app_finishes_the_experiment(settings: Settings, fake_llm: FakeLLM) -> None:
    fake_llm.latency_ms = 100
    settings = settings.model_copy(update={"redis_url": ""})  # the in-process queue, on both databases
    async with running_app(settings) as app:
        client = await login(app, await add_user(app, "acme", "admin@acme.test"))
        dataset = await add_dataset(app, [f"q{i}" for i in range(120)], expected=[f"q{i}" for i in range(120)])
        exact = await add_evaluator(client, "exact", "exact_match")
        experiment_id = await start(client, dataset, {"model": "gpt-4o-mini", "max_concurrency": 8}, [exact])
        await wait_completed(app, experiment_id, 24)
        await client.aclose()
    # Between the two lifetimes (the next app's reaper starts runs at once): shutdown handed
    # every claimed run back.
    statuses, _, _ = await counts(app, experiment_id)
    await app.state.engine.dispose()
    assert set(statuses) == {"completed", "pending"}
    async with running_app(settings) as app:
        client = await login(app, await add_user(app, "acme", "second@acme.test"))
        experiment = await wait_for_experiment(client, experiment_id, timeout=60)
        assert experiment["status"] == "completed"
        assert await counts(app, experiment_id) == ({"completed": 120}, 120, 1)
        await client.aclose()
