"""The production shape sends no Redis command per run: counted on a Redis of the test's own,
so nothing else on the machine adds to the count."""

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator

import httpx
import pytest
import redis.asyncio as aioredis
from fastapi import FastAPI

from app.config import Settings
from bench.fakellm import FakeLLM
from tests.engine.conftest import add_dataset, add_evaluator, run_to_end

pytestmark = pytest.mark.parametrize("database_url", ["postgres"], indirect=True)


@pytest.fixture
def private_redis() -> Iterator[str]:
    binary = shutil.which("redis-server") or "/usr/bin/redis-server"
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                             "--appendonly", "no"], stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    proc.terminate()
    proc.wait(10)


@pytest.fixture
def settings(settings: Settings, private_redis: str) -> Settings:
    # arq's idle polling and the reaper's passes cost commands per second, not per run: poll
    # slower and reap at the default interval so the count measures the engine.
    return settings.model_copy(update={"redis_url": private_redis, "worker_poll_delay_s": 0.25,
                                       "reaper_interval_s": 30})


async def test_no_redis_round_trip_per_run_on_the_production_shape(
    app: FastAPI, client: httpx.AsyncClient, fake_llm: FakeLLM, private_redis: str
) -> None:
    fake_llm.latency_ms = 5
    items = [f"q{i}" for i in range(1000)]
    dataset = await add_dataset(app, items, expected=items)
    exact = await add_evaluator(client, "exact", "exact_match")
    redis = aioredis.from_url(private_redis)
    try:
        before = (await redis.info("stats"))["total_commands_processed"]
        experiment = await run_to_end(client, dataset, {"model": "gpt-4o-mini", "max_concurrency": 32},
                                      [exact])
        after = (await redis.info("stats"))["total_commands_processed"]
    finally:
        await redis.aclose()
    assert experiment["status"] == "completed"
    assert experiment["counts"]["completed"] == 1000
    # arq's polling and job bookkeeping for a few driver jobs, the reaper, the lane leases:
    # a few hundred commands whatever the size (~250 seen for 300 runs; they grow with the
    # run's duration, 536 on a machine at load 8), never one per run (the one-job-per-run
    # engine sent 6 to 8 per run: 6,000+ here).
    assert after - before < len(items), after - before
