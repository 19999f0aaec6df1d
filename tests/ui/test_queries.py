"""A page of 50 rows costs a fixed number of SQL statements (no N+1): counted with an
SQLAlchemy event listener on the app's engine, for 5 rows and for 50."""

from collections.abc import Iterator
from contextlib import contextmanager

import httpx
from fastapi import FastAPI
from sqlalchemy import event

from app.ui import demo_data
from bench.fakellm import FakeLLM
from tests.conftest import wait_for_experiment
from tests.ui.conftest import API, make_dataset


@contextmanager
def counting(app: FastAPI) -> Iterator[list[str]]:
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement)

    engine = app.state.engine.sync_engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


async def _count(app: FastAPI, client: httpx.AsyncClient, path: str) -> int:
    with counting(app) as statements:
        page = await client.get(path)
    assert page.status_code == 200, page.text[:500]
    return len(statements)


async def _experiment(client: httpx.AsyncClient, dataset_id: str, name: str, evaluators: list[str]) -> str:
    created = await client.post(f"{API}/experiments/", json={
        "name": name, "dataset_id": dataset_id, "evaluator_ids": evaluators,
        "config": {"model": "demo-model"},
    })
    experiment_id = created.json()["id"]
    await client.post(f"{API}/experiments/{experiment_id}/start/")
    assert (await wait_for_experiment(client, experiment_id, timeout=60))["status"] == "completed"
    return experiment_id


async def _workspace(client: httpx.AsyncClient, size: int) -> dict[str, str]:
    for i in range(size):
        await client.post(f"{API}/datasets/", json={"name": f"set-{size}-{i}", "tags": ["t"]})
        await client.post(f"{API}/prompts/", json={"name": f"p-{size}-{i}", "template": "x", "labels": ["prod"]})
        await client.post(f"{API}/evaluators/", json={"name": f"e-{size}-{i}", "kind": "contains", "config": {"value": "a"}})
    items = [{"input": f"question {i}", "expected_output": f"answer {i}"} for i in range(size)]
    dataset_id = await make_dataset(client, f"rows-{size}", items)
    evaluators = [e["id"] for e in (await client.get(f"{API}/evaluators/?page_size=2")).json()["results"]]
    a = await _experiment(client, dataset_id, f"a-{size}", evaluators)
    b = await _experiment(client, dataset_id, f"b-{size}", evaluators)
    return {
        "datasets": "/ui/datasets/?tags=t", "dataset": f"/ui/datasets/{dataset_id}/",
        "experiment": f"/ui/experiments/{a}/", "compare": f"/ui/compare/?experiment_ids={a},{b}",
        "prompts": "/ui/prompts/", "evaluators": "/ui/evaluators/",
    }


async def test_pages_of_5_and_50_rows_cost_the_same_statements(
    app: FastAPI, client: httpx.AsyncClient, fake_llm: FakeLLM
) -> None:
    fake_llm.reply_fn = demo_data.reply
    small = await _workspace(client, 5)
    small_counts = {name: await _count(app, client, path) for name, path in small.items()}
    large = await _workspace(client, 50)
    large_counts = {name: await _count(app, client, path) for name, path in large.items()}
    assert large_counts == small_counts
    # session + header, then each page's own reads.
    assert small_counts == {
        "datasets": 4, "dataset": 9, "experiment": 8, "compare": 7, "prompts": 5, "evaluators": 4,
    }
