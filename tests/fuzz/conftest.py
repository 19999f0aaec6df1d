"""The fake model for live servers, and one object of every kind for tests to aim at."""

import time
from collections.abc import Iterator

import httpx
import pytest

from bench.fakellm import FakeLLM


@pytest.fixture(scope="module")
def module_llm() -> Iterator[FakeLLM]:
    with FakeLLM() as fake:
        yield fake


def wait_finished(client: httpx.Client, experiment_id: str, timeout: float = 60) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        body = client.get(f"/api/v1/experiments/{experiment_id}/").json()
        if body["status"] in ("completed", "failed", "cancelled"):
            return body
        time.sleep(0.05)
    raise AssertionError(f"experiment {experiment_id} still {body['status']}")


def _ok(response: httpx.Response) -> dict:
    assert response.status_code in (200, 201), response.text
    return response.json()


def seed(client: httpx.Client) -> dict[str, str]:
    """One object of every kind, finished experiment included; path parameter -> value."""
    run = _ok(client.post("/api/v1/runs/", json={"agent_name": "support", "inputs": {"q": "hi"},
                                                 "result": {"a": "hello"}, "status": "success"}))
    dataset = _ok(client.post("/api/v1/datasets/", json={"name": "seeded", "tags": ["t"]}))
    base = f"/api/v1/datasets/{dataset['id']}"
    item = _ok(client.post(f"{base}/items/", json={"input": "hi", "expected_output": "hi"}))
    _ok(client.post(f"{base}/from-run/", json={"run_id": run["id"]}))
    for template in ("Answer: {{input}}", "Reply to {{input}}"):
        _ok(client.post("/api/v1/prompts/", json={"name": "seeded", "template": template,
                                                  "labels": ["production"]}))
    evaluator = _ok(client.post("/api/v1/evaluators/", json={"name": "exact",
                                                             "kind": "exact_match", "config": {}}))
    experiment = _ok(client.post("/api/v1/experiments/", json={
        "name": "seeded", "dataset_id": dataset["id"], "evaluator_ids": [evaluator["id"]],
        "config": {"prompt_name": "seeded", "prompt_version": 1, "model": "gpt-4o-mini"}}))
    _ok(client.post(f"/api/v1/experiments/{experiment['id']}/start/"))
    wait_finished(client, experiment["id"])
    results = _ok(client.get(f"/api/v1/experiments/{experiment['id']}/results/"))["results"]
    return {
        "dataset_id": dataset["id"], "item_id": item["id"], "run_id": str(run["id"]),
        "name": "seeded", "label": "production", "evaluator_id": evaluator["id"],
        "experiment_id": experiment["id"], "result_id": results[0]["id"],
    }
