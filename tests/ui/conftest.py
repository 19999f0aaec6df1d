"""Helpers for the page tests: the session's CSRF token, a workspace made through the API,
and a finished Compare Versions pair run on the demo's scripted model (the fake server)."""

import re

import httpx
import pytest

from app.config import Settings
from app.ui import demo_data
from bench.fakellm import FakeLLM
from tests.conftest import wait_for_experiment

API = "/api/v1"
SCRIPT = "<script>alert(1)</script>"


@pytest.fixture
def settings(settings: Settings, fake_llm: FakeLLM) -> Settings:
    """The demo model name is registered to the local fake server, as `evalforge demo` does."""
    models = {"demo-model": {"model": "openai/demo-model", "api_base": fake_llm.base_url}}
    return settings.model_copy(update={"models": models})


async def csrf(client: httpx.AsyncClient) -> str:
    return (await client.get(f"{API}/auth/me/")).json()["csrf_token"]


def hidden_token(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


async def make_dataset(client: httpx.AsyncClient, name: str, items: list[dict]) -> str:
    dataset = (await client.post(f"{API}/datasets/", json={"name": name})).json()
    if items:
        done = await client.post(f"{API}/datasets/{dataset['id']}/import/", json={"items": items})
        assert done.status_code == 201, done.text
    return dataset["id"]


async def demo_pair(client: httpx.AsyncClient, fake_llm: FakeLLM, extra_items: list[dict] = ()) -> tuple[str, str, str]:
    """The demo workspace plus `extra_items`, compared v1 -> v2 until both finish:
    (dataset id, baseline id, candidate id)."""
    fake_llm.reply_fn = demo_data.reply
    dataset_id = await make_dataset(client, "Support Agent QA", [*demo_data.items(), *extra_items])
    for text in (demo_data.PROMPT_V1, demo_data.PROMPT_V2):
        body = {"name": demo_data.PROMPT_NAME, "template": text, "config": {"model": "demo-model"}}
        assert (await client.post(f"{API}/prompts/", json=body)).status_code == 201
    evaluator = await client.post(f"{API}/evaluators/", json={
        "name": "exact answer", "kind": "exact_match", "score_name": "exact",
        "config": {"expected_key": "answer"},
    })
    pair = await client.post(f"{API}/datasets/{dataset_id}/compare-prompt-versions/", json={
        "prompt_name": demo_data.PROMPT_NAME, "version_a": 1, "version_b": 2,
        "evaluator_ids": [evaluator.json()["id"]],
    })
    assert pair.status_code == 201, pair.text
    a, b = pair.json()["experiment_a"]["id"], pair.json()["experiment_b"]["id"]
    for experiment_id in (a, b):
        assert (await wait_for_experiment(client, experiment_id, timeout=60))["status"] == "completed"
    return dataset_id, a, b
