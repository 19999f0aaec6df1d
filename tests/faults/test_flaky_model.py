"""A model that answers 25% 429s and 5% 500s with random latency: every item of a 500-item
experiment completes, or fails only after its maximum attempts with the error kept, on both
backends (SQLite in-process; PostgreSQL + Redis + an arq worker). Counted, not timed."""

import random

import httpx
import pytest

from app.config import Settings
from bench.fakellm import FakeLLM
from tests.conftest import wait_for_experiment

API = "/api/v1"
ITEMS = 500
MAX_RETRIES = 3  # four attempts per item


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(update={
        "llm_max_retries": MAX_RETRIES, "llm_backoff_base_s": 0.01, "llm_backoff_max_s": 0.05,
    })


def flaky_script(rng: random.Random, steps: int) -> list[dict]:
    script = []
    for _ in range(steps):
        draw = rng.random()
        if draw < 0.25:
            script.append({"status": 429})
        elif draw < 0.30:
            script.append({"status": 500})
        else:
            script.append({"delay_ms": rng.randint(0, 30)})  # the default reply: an echo
    return script


async def test_every_item_completes_or_fails_after_its_last_attempt(
    client: httpx.AsyncClient, fake_llm: FakeLLM
) -> None:
    dataset = (await client.post(f"{API}/datasets/", json={"name": "flaky"})).json()
    items = [{"input": f"question {i}"} for i in range(ITEMS)]
    imported = await client.post(f"{API}/datasets/{dataset['id']}/import/", json={"items": items})
    assert imported.status_code == 201, imported.text
    # Enough scripted answers for every attempt; after them the model answers cleanly.
    fake_llm.script(*flaky_script(random.Random(13), ITEMS * (MAX_RETRIES + 1)))
    experiment = (await client.post(f"{API}/experiments/", json={
        "name": "flaky", "dataset_id": dataset["id"],
        "config": {"model": "gpt-4o-mini", "max_concurrency": 16}})).json()
    assert (await client.post(f"{API}/experiments/{experiment['id']}/start/")).status_code == 200
    done = await wait_for_experiment(client, experiment["id"], timeout=300)
    assert done["status"] == "completed"
    results = done["runs"]  # the detail lists every run with its attempts
    assert len(results) == ITEMS
    assert {r["dataset_item_id"] for r in results} == {
        i["id"] for i in (await client.get(f"{API}/datasets/{dataset['id']}/items/",
                                           params={"page_size": 500})).json()["results"]}
    completed = [r for r in results if r["status"] == "completed"]
    failed = [r for r in results if r["status"] == "failed"]
    assert len(completed) + len(failed) == ITEMS
    inputs = {i["id"]: i["input"] for i in (await client.get(
        f"{API}/datasets/{dataset['id']}/items/", params={"page_size": 500})).json()["results"]}
    assert all(r["output"] == inputs[r["dataset_item_id"]] for r in completed)
    assert all(r["attempts"] == MAX_RETRIES + 1 and r["error"] and r["error_class"]
               for r in failed), failed[:3]
    # Every attempt reached the model once: nothing lost, nothing sent twice.
    assert len(fake_llm.requests) == sum(r["attempts"] for r in results)
    assert sum(r["attempts"] > 1 for r in results) > ITEMS // 10
