"""`evalforge run --server` follows the experiment's event stream (issue 11.5): the same
suite on a live server (uvicorn, both backends), every request the server saw counted."""

import asyncio
import socket
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi import FastAPI

from app.config import Settings
from tests.conftest import REDIS_URL
from tests.suites.conftest import EXAMPLES, run_suite


@pytest.fixture
def settings(settings: Settings, database_url: str) -> Settings:
    """Real execution: on PostgreSQL through Redis and an arq worker, on SQLite in-process."""
    if database_url.startswith("postgresql"):
        return settings.model_copy(update={"redis_url": REDIS_URL})
    return settings


class Counted:
    """The app, counting (method, path) of every HTTP request."""

    def __init__(self, app: FastAPI) -> None:
        self.app, self.seen = app, Counter()

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http":
            self.seen[scope["method"], scope["path"]] += 1
        await self.app(scope, receive, send)


@pytest.fixture
async def live(app: FastAPI, client: httpx.AsyncClient) -> AsyncIterator[tuple[str, str, Counted]]:
    """(base URL, API key of acme, the request counter) of the app behind uvicorn."""
    key = (await client.post("/api/v1/api-keys/", json={"name": "ci"})).json()["key"]
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    counted = Counted(app)
    server = uvicorn.Server(uvicorn.Config(counted, host="127.0.0.1", port=port, lifespan="off",
                                           log_level="warning"))
    task = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.01)
    yield f"http://127.0.0.1:{port}", key, counted
    server.should_exit = True
    await task


async def test_server_progress_comes_from_the_event_stream(live, model_server, tmp_path: Path) -> None:
    base, key, counted = live
    model_server.latency_ms = 20
    outcome = await run_suite(EXAMPLES / "memory" / "suite.yaml", tmp_path / "out",
                              server=base, api_key=key)
    assert outcome.code == 1  # the example's gate fails on an echoing model
    assert [r["scores"]["recall"]["score"] for r in outcome.rows] == [0.0, 1.0, 0.0, 0.0]
    streams = [path for (method, path) in counted.seen if path.endswith("/events/")]
    assert len(streams) == 1 and counted.seen["GET", streams[0]] >= 1
    # The polling it replaces read the experiments' listing at every step: never now.
    assert counted.seen["GET", "/api/v1/experiments/"] == 0
