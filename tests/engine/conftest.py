"""Engine test helpers: quick retries and leases, datasets written straight to the database,
experiments created and started through the API, and a scriptable agent endpoint."""

import json
import threading
import time
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, insert, select

from app.config import Settings
from app.models import Dataset, DatasetItem, ExperimentRun, Organization, Score
from app.models.base import utcnow
from tests.conftest import wait_for_experiment

API = "/api/v1"


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """The shared settings with retries, backoff and timeouts short enough for tests."""
    return settings.model_copy(update={
        "llm_max_retries": 2, "llm_backoff_base_s": 0.01, "llm_backoff_max_s": 0.05,
        "llm_timeout_s": 1.0, "reaper_interval_s": 1,
    })


async def add_dataset(app: FastAPI, inputs: list[Any], expected: list[Any] | None = None,
                      org: str = "acme") -> uuid.UUID:
    """A dataset with one item per input, in order; written in one bulk insert."""
    async with app.state.sessionmaker() as db:
        org_id = await db.scalar(select(Organization.id).where(Organization.slug == org))
        dataset_id, now = uuid.uuid4(), utcnow()
        await db.execute(insert(Dataset).values(
            id=dataset_id, organization_id=org_id, name=f"ds-{dataset_id.hex[:8]}", description="",
            tags=[], metadata_={}, item_count=len(inputs), next_sort_order=len(inputs),
            created_at=now, updated_at=now,
        ))
        await db.execute(insert(DatasetItem), [
            {"id": uuid.uuid4(), "dataset_id": dataset_id, "input": value,
             "expected_output": expected[i] if expected else None, "tags": [], "sort_order": i,
             "context": {"n": i}, "agent_args": {"k": i}, "created_at": now, "updated_at": now}
            for i, value in enumerate(inputs)
        ])
        await db.commit()
    return dataset_id


async def add_evaluator(client: httpx.AsyncClient, name: str, kind: str, config: dict | None = None) -> str:
    response = await client.post(f"{API}/evaluators/", json={"name": name, "kind": kind, "config": config or {}})
    assert response.status_code == 201, response.text
    return response.json()["id"]


async def start(client: httpx.AsyncClient, dataset_id: uuid.UUID, config: dict,
                evaluator_ids: list[str] | None = None) -> str:
    body = {"name": "engine", "dataset_id": str(dataset_id), "config": config,
            "evaluator_ids": evaluator_ids or []}
    created = await client.post(f"{API}/experiments/", json=body)
    assert created.status_code == 201, created.text
    experiment_id = created.json()["id"]
    started = await client.post(f"{API}/experiments/{experiment_id}/start/")
    assert started.status_code == 200, started.text
    return experiment_id


async def run_to_end(client: httpx.AsyncClient, dataset_id: uuid.UUID, config: dict,
                     evaluator_ids: list[str] | None = None, timeout: float = 30) -> dict:
    """Create, start and wait: the experiment's final detail (runs in dataset order)."""
    experiment_id = await start(client, dataset_id, config, evaluator_ids)
    return await wait_for_experiment(client, experiment_id, timeout)


async def runs_of(app: FastAPI, experiment_id: str) -> list[ExperimentRun]:
    async with app.state.sessionmaker() as db:
        return list(await db.scalars(
            select(ExperimentRun).where(ExperimentRun.experiment_id == uuid.UUID(experiment_id))
            .order_by(ExperimentRun.sort_order)
        ))


async def score_count(app: FastAPI, experiment_id: str) -> int:
    async with app.state.sessionmaker() as db:
        return await db.scalar(
            select(func.count()).select_from(Score).join(ExperimentRun, ExperimentRun.id == Score.run_id)
            .where(ExperimentRun.experiment_id == uuid.UUID(experiment_id))
        )


class AgentServer:
    """A scriptable agent endpoint on a free port: `reply` (JSON), `status`, `delay_s`."""

    def __init__(self) -> None:
        self.requests: list[dict] = []
        self.reply: Any = {"output": "agent says hi"}
        self.status = 200
        self.delay_s = 0.0
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("content-length") or 0))
                server.requests.append({"body": json.loads(body), "headers": dict(self.headers)})
                time.sleep(server.delay_s)
                data = server.reply if isinstance(server.reply, bytes) else json.dumps(server.reply).encode()
                try:
                    self.send_response(server.status)
                    self.send_header("content-type", "application/json")
                    self.send_header("content-length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:  # the client gave up (timeout test)
                    pass

            def log_message(self, *args: Any) -> None:
                return None

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}/agent"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


@pytest.fixture
def agent() -> Iterator[AgentServer]:
    with AgentServer() as server:
        yield server
