"""One organization's slow, large experiment cannot hold up another organization's runs, on
the in-process queue (SQLite) and on an arq worker (PostgreSQL + Redis)."""

import asyncio
import time

import httpx
import pytest
from fastapi import FastAPI

from app.config import Settings
from tests.engine.conftest import AgentServer, add_dataset, run_to_end, start

API = "/api/v1"
SLOW_AGENT_S = 3.0


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """Four job slots per process, so a dozen slow runs would take them all; half each."""
    return settings.model_copy(update={"run_slots": 4, "org_slot_share": 0.5})


async def test_another_orgs_one_item_experiment_does_not_wait_behind_a_slow_agent(
    app: FastAPI, client: httpx.AsyncClient, other_org: httpx.AsyncClient, agent: AgentServer
) -> None:
    agent.delay_s = SLOW_AGENT_S
    noisy = await add_dataset(app, [f"q{i}" for i in range(12)])
    noisy_id = await start(client, noisy, {"agent": {"url": agent.url, "timeout_s": 10}, "max_concurrency": 12})
    while len(agent.requests) < 2:  # acme's first runs are stuck in its slow agent
        await asyncio.sleep(0.02)
    await asyncio.sleep(0.2)  # time to take more slots, had it been allowed to
    try:
        with AgentServer() as quick:
            dataset = await add_dataset(app, ["hello"], org="globex")
            started = time.perf_counter()
            done = await run_to_end(other_org, dataset, {"agent": {"url": quick.url}}, timeout=30)
            took = time.perf_counter() - started
        assert done["status"] == "completed"
        # First come first served, it waited for acme's first runs: SLOW_AGENT_S at least.
        assert took < SLOW_AGENT_S / 2
        # acme never held more than its share (2 of the 4 slots) at once.
        assert len(agent.requests) == 2
    finally:
        cancelled = await client.post(f"{API}/experiments/{noisy_id}/cancel/")
        assert cancelled.status_code in (200, 409), cancelled.text  # 409: it had finished


async def test_a_capped_organization_still_finishes_every_run(
    app: FastAPI, client: httpx.AsyncClient, agent: AgentServer
) -> None:
    """Runs over the share wait (in process) or go back to the queue (arq), and all run."""
    agent.delay_s = 0.05
    dataset = await add_dataset(app, [f"q{i}" for i in range(10)])
    done = await run_to_end(client, dataset, {"agent": {"url": agent.url}, "max_concurrency": 10}, timeout=60)
    assert done["status"] == "completed"
    assert sorted(r["body"]["input"] for r in agent.requests) == sorted(f"q{i}" for i in range(10))
