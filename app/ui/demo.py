"""`evalforge demo`: a first run with no provider key.

Starts the scripted demo model and the embedded server (SQLite, in-process queue), loads the
"Support Agent QA" dataset, two versions of a support prompt, a deterministic evaluator and a
judge through the REST API as any client would, runs Compare Versions and prints the link.
Running it again reuses what an earlier run created and runs a fresh comparison.
"""

import json
import os
import time
from dataclasses import dataclass
from typing import Any

import httpx

from app.ui import demo_data
from app.ui.demo_model import DemoModel, ThreadedServer

MODEL = "demo-model"
API = "/api/v1"


@dataclass
class DemoResult:
    base_url: str
    compare_path: str
    experiment_ids: list[str]


def _models_env(model: DemoModel) -> str:
    return json.dumps({MODEL: {
        "model": "openai/demo-model", "api_base": model.base_url,
        "input_cost_per_token": 0.0000005, "output_cost_per_token": 0.0000015,
    }})


async def ensure_user(database_url: str, email: str, password: str) -> None:
    from app.auth import service
    from app.db import make_engine, make_sessionmaker
    from app.errors import Conflict

    engine = make_engine(database_url)
    try:
        async with make_sessionmaker(engine)() as db:
            org = await service.get_or_create_org(db, "demo")
            try:
                await service.create_user(db, org, email, password, "admin")
            except Conflict:
                return  # an earlier demo made it: log in with it
            await db.commit()
    finally:
        await engine.dispose()


def _found(client: httpx.Client, path: str, name: str) -> dict[str, Any] | None:
    page = client.get(path, params={"search": name, "page_size": 500}).json()["results"]
    return next((row for row in page if row["name"] == name), None)


def _dataset(client: httpx.Client) -> str:
    existing = _found(client, f"{API}/datasets/", demo_data.DATASET["name"])
    if existing:
        return existing["id"]
    dataset = client.post(f"{API}/datasets/", json=demo_data.DATASET).raise_for_status().json()
    client.post(f"{API}/datasets/{dataset['id']}/import/", json={"items": demo_data.items()}).raise_for_status()
    return dataset["id"]


def _prompts(client: httpx.Client) -> None:
    have = client.get(f"{API}/prompts/", params={"search": demo_data.PROMPT_NAME}).json()["results"]
    latest = next((p["latest_version"] for p in have if p["name"] == demo_data.PROMPT_NAME), 0)
    for number, text in ((1, demo_data.PROMPT_V1), (2, demo_data.PROMPT_V2)):
        if latest < number:
            body = {"name": demo_data.PROMPT_NAME, "template": text, "config": {"model": MODEL}}
            if number == 1:
                body["labels"] = ["production"]
            client.post(f"{API}/prompts/", json=body).raise_for_status()


def _evaluators(client: httpx.Client) -> list[str]:
    wanted = [
        {"name": "exact answer", "kind": "exact_match", "config": {"expected_key": "answer"},
         "score_name": "exact"},
        {"name": "helpfulness judge", "kind": "llm_judge", "score_name": "helpfulness",
         "config": {"model": MODEL, "rubric": demo_data.RUBRIC, "expected_key": "answer"}},
    ]
    ids = []
    for body in wanted:
        found = _found(client, f"{API}/evaluators/", body["name"])
        ids.append(found["id"] if found else client.post(f"{API}/evaluators/", json=body).raise_for_status().json()["id"])
    return ids


def seed_and_compare(base_url: str, email: str, password: str) -> DemoResult:
    """Load the workspace through the API and start Compare Versions (v1 baseline, v2)."""
    with httpx.Client(base_url=base_url, timeout=60) as client:
        client.post(f"{API}/auth/login/", json={"email": email, "password": password}).raise_for_status()
        dataset_id = _dataset(client)
        _prompts(client)
        evaluator_ids = _evaluators(client)
        pair = client.post(
            f"{API}/datasets/{dataset_id}/compare-prompt-versions/",
            json={"prompt_name": demo_data.PROMPT_NAME, "version_a": 1, "version_b": 2,
                  "evaluator_ids": evaluator_ids},
        ).raise_for_status().json()
    ids = [pair["experiment_a"]["id"], pair["experiment_b"]["id"]]
    return DemoResult(base_url, f"/ui/compare/?experiment_ids={','.join(ids)}", ids)


def wait_finished(base_url: str, email: str, password: str, ids: list[str], timeout_s: float = 120) -> list[str]:
    """Until both experiments finish; their statuses."""
    with httpx.Client(base_url=base_url, timeout=30) as client:
        client.post(f"{API}/auth/login/", json={"email": email, "password": password}).raise_for_status()
        deadline = time.monotonic() + timeout_s
        while True:
            statuses = [client.get(f"{API}/experiments/{i}/").json()["status"] for i in ids]
            if all(s in ("completed", "failed", "cancelled") for s in statuses) or time.monotonic() > deadline:
                return statuses
            time.sleep(0.2)


class EmbeddedServer(ThreadedServer):
    """The evalforge app with the demo model registered."""

    def __init__(self, host: str, port: int, model: DemoModel) -> None:
        from app.config import get_settings
        from app.main import create_app

        os.environ["EVALFORGE_MODELS"] = _models_env(model)
        get_settings.cache_clear()
        # The in-process queue: workers elsewhere would not know the demo model.
        self.settings = get_settings().model_copy(update={"redis_url": ""})
        super().__init__(create_app(self.settings), host, port)
