"""Helpers for the experiments tests: datasets written straight to the database, a queue that
records jobs instead of running them, and run outcomes written as the engine would."""

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import insert, select, update

from app.config import Settings
from app.models import Dataset, DatasetItem, ExperimentRun, Organization, Score
from app.models.base import utcnow

API = "/api/v1"


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """The API tests record jobs instead of running them: no arq worker (test_flow.py brings
    it back), and no periodic reaper, so runs left pending on purpose stay pending."""
    return settings.model_copy(update={"redis_url": "", "reaper_interval_s": 3600})


@pytest.fixture(autouse=True)
def _no_real_models(fake_llm):
    """Any model call that does happen goes to the local fake server, never the internet."""
    return fake_llm


class RecordingQueue:
    """Records enqueued jobs; start is tested without the engine running them."""

    def __init__(self) -> None:
        self.jobs: list[tuple[str, tuple, str | None]] = []

    async def start(self, ctx: dict[str, Any]) -> None:
        return None

    async def enqueue(self, name: str, *args: Any, job_id: str | None = None) -> None:
        self.jobs.append((name, args, job_id))

    async def close(self) -> None:
        return None


@pytest.fixture
def queue(app: FastAPI) -> Iterator[RecordingQueue]:
    original = app.state.queue
    app.state.queue = RecordingQueue()
    yield app.state.queue
    app.state.queue = original


@dataclass
class DatasetRef:
    id: uuid.UUID
    item_ids: list[uuid.UUID] = field(default_factory=list)


async def add_dataset(
    app: FastAPI,
    inputs: list[Any],
    *,
    org: str = "acme",
    name: str = "Support QA",
    expected: list[Any] | None = None,
    rubric_vars: list[Any] | None = None,
) -> DatasetRef:
    """A dataset with one item per input, in that order (sort_order 0, 1, ...)."""
    async with app.state.sessionmaker() as db:
        org_id = await db.scalar(select(Organization.id).where(Organization.slug == org))
        dataset_id, now = uuid.uuid4(), utcnow()
        await db.execute(
            insert(Dataset).values(
                id=dataset_id,
                organization_id=org_id,
                name=name,
                description="",
                tags=[],
                metadata_={},
                item_count=len(inputs),
                next_sort_order=len(inputs),
                created_at=now,
                updated_at=now,
            )
        )
        ids = [uuid.uuid4() for _ in inputs]
        if inputs:
            await db.execute(
                insert(DatasetItem),
                [
                    {
                        "id": ids[i],
                        "dataset_id": dataset_id,
                        "input": value,
                        "expected_output": expected[i] if expected else None,
                        "tags": [],
                        "rubric_vars": rubric_vars[i] if rubric_vars else None,
                        "sort_order": i,
                        "created_at": now,
                        "updated_at": now,
                    }
                    for i, value in enumerate(inputs)
                ],
            )
        await db.commit()
    return DatasetRef(dataset_id, ids)


async def runs_of(app: FastAPI, experiment_id: str) -> list[ExperimentRun]:
    async with app.state.sessionmaker() as db:
        return list(
            await db.scalars(
                select(ExperimentRun)
                .where(ExperimentRun.experiment_id == uuid.UUID(experiment_id))
                .order_by(ExperimentRun.sort_order)
            )
        )


async def finish_run(
    app: FastAPI, run_id: uuid.UUID, scores: list[dict] | None = None, **values: Any
) -> None:
    """Write a run's outcome and scores the way the engine does."""
    async with app.state.sessionmaker() as db:
        await db.execute(update(ExperimentRun).where(ExperimentRun.id == run_id).values(**values))
        for score in scores or []:
            await db.execute(
                insert(Score).values(
                    id=uuid.uuid4(),
                    run_id=run_id,
                    source="evaluator",
                    reason="",
                    created_at=utcnow(),
                    **{"data_type": "numeric", "string_value": None, **score},
                )
            )
        await db.commit()


async def create_experiment(client, dataset_id: uuid.UUID, **body: Any) -> dict:
    payload = {
        "name": "exp",
        "dataset_id": str(dataset_id),
        "config": {"model": "gpt-4o-mini"},
        **body,
    }
    response = await client.post(f"{API}/experiments/", json=payload)
    assert response.status_code == 201, response.text
    return response.json()


async def started_experiment(client, dataset_id: uuid.UUID, **body: Any) -> dict:
    experiment = await create_experiment(client, dataset_id, **body)
    response = await client.post(f"{API}/experiments/{experiment['id']}/start/")
    assert response.status_code == 200, response.text
    return experiment


def error_locs(response) -> set[tuple]:
    return {tuple(e["loc"]) for e in response.json()["detail"]}
