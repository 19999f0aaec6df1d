"""The claim guard: a run is claimed only while its experiment is running, checked in the
claim statement itself (app/experiments/runstate.py), on a real run that is otherwise free."""

import uuid

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import update

from app.config import Settings
from app.experiments import runstate
from app.models import Experiment, ExperimentRun
from tests.conftest import wait_for_experiment
from tests.engine.conftest import add_dataset, runs_of, start


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """No reaper pass during the test (only the one at start-up): it would take the run first."""
    return settings.model_copy(update={"reaper_interval_s": 3600})


async def test_claim_refuses_a_run_whose_experiment_is_not_running(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    """A real run, pending and unleased, so only the experiment's status can refuse it."""
    dataset = await add_dataset(app, ["a"])
    experiment_id = await start(client, dataset, {"agent": {"url": "http://127.0.0.1:9/none"}})
    await wait_for_experiment(client, experiment_id)
    (run,) = await runs_of(app, experiment_id)
    sessions, eid = app.state.sessionmaker, uuid.UUID(experiment_id)
    async with sessions() as db:
        await db.execute(update(ExperimentRun).where(ExperimentRun.id == run.id)
                         .values(status="pending", lease_until=None, attempts=3))
        await db.commit()

    async def claim_as(experiment_status: str) -> list:
        async with sessions() as db:
            await db.execute(update(Experiment).where(Experiment.id == eid).values(status=experiment_status))
            await db.commit()
        return await runstate.claim_batch(sessions, eid, 10, 30)

    for status in ("pending", "cancelled", "completed", "failed"):
        assert await claim_as(status) == [], status
    # the same run, claimable once the experiment runs: its fence is the next attempt number
    assert await claim_as("running") == [(run.id, 4, run.dataset_item_id, 0)]
