"""POST /experiments/{id}/retry-failed/ (issue 11 item 1): only the failed and skipped runs of
a completed or failed experiment run again, each keeping its earlier attempts; the experiment
goes back to running and finalizes again. Executed by the real engine against the fake model
server (arq and Redis on PostgreSQL, the in-process queue on SQLite); calls counted there."""

import asyncio
import csv
import io
import json
import time
import uuid

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select

from app.config import Settings
from app.models import ExperimentRun, Score
from bench.fakellm import FakeLLM
from tests.conftest import REDIS_URL, wait_for_experiment
from tests.engine.conftest import add_dataset, add_evaluator, start

API = "/api/v1"
FLAKY = "FLAKY"


@pytest.fixture
def settings(settings: Settings, database_url: str) -> Settings:
    """Real execution with quick model retries; on PostgreSQL through Redis and arq."""
    redis = REDIS_URL if database_url.startswith("postgresql") else ""
    return settings.model_copy(update={
        "redis_url": redis, "llm_max_retries": 1, "llm_backoff_base_s": 0.01,
        "llm_backoff_max_s": 0.02, "breaker_threshold": 3,
    })


def failing(fake_llm: FakeLLM, step: dict, **match: str) -> dict:
    """A standing rule that answers `step`; the returned dict is the rule's own step, so
    clearing it makes the same requests succeed (the server reads it on every request)."""
    rule = dict(step)
    fake_llm.always(rule, **match)
    return rule


async def settled(client: httpx.AsyncClient, experiment_id: str, timeout: float = 30) -> dict:
    """The results once the experiment is finished and no run is pending or running."""
    deadline = time.monotonic() + timeout
    while True:
        body = (await client.get(f"{API}/experiments/{experiment_id}/results/")).json()
        if body["status"] not in ("pending", "running") and body["summary"]["pending"] == 0:
            return body
        assert time.monotonic() < deadline, body["summary"]
        await asyncio.sleep(0.05)


async def retry(client: httpx.AsyncClient, experiment_id: str) -> httpx.Response:
    return await client.post(f"{API}/experiments/{experiment_id}/retry-failed/")


async def score_rows(app: FastAPI, experiment_id: str) -> int:
    async with app.state.sessionmaker() as db:
        return await db.scalar(
            select(func.count()).select_from(Score)
            .join(ExperimentRun, ExperimentRun.id == Score.run_id)
            .where(ExperimentRun.experiment_id == uuid.UUID(experiment_id)))


async def test_retry_runs_only_the_failed_items_and_keeps_their_history(
    app: FastAPI, client: httpx.AsyncClient, fake_llm: FakeLLM
) -> None:
    inputs = ["q0", f"q1 {FLAKY}", "q2", f"q3 {FLAKY}", "q4"]
    dataset = await add_dataset(app, inputs, expected=inputs)
    exact = await add_evaluator(client, "exact", "exact_match")
    rule = failing(fake_llm, {"status": 400, "message": "flaky refusal"}, contains=FLAKY)
    experiment_id = await start(client, dataset, {"model": "gpt-4o-mini"}, [exact])
    first = await settled(client, experiment_id)
    assert first["status"] == "completed"
    assert (first["summary"]["completed"], first["summary"]["failed"]) == (3, 2)
    failed_ids = {r["id"] for r in first["results"] if r["status"] == "failed"}
    assert all(r["attempt_history"] is None for r in first["results"])
    assert await score_rows(app, experiment_id) == 5  # 3 graded, 2 target_error rows

    rule.clear()  # the provider recovers
    fake_llm.reset_stats()
    response = await retry(client, experiment_id)
    assert response.status_code == 200, response.text
    assert response.json() == {"id": experiment_id, "status": "running", "retried": 2}
    detail = await wait_for_experiment(client, experiment_id)
    assert detail["status"] == "completed"
    assert len(fake_llm.requests) == 2  # only the failed items were called again
    assert all(FLAKY in r["messages"][-1]["content"] for r in fake_llm.requests)

    results = (await client.get(f"{API}/experiments/{experiment_id}/results/")).json()
    assert (results["summary"]["completed"], results["summary"]["failed"]) == (5, 0)
    for row in results["results"]:
        assert [s["numeric_value"] for s in row["scores"]] == [1.0]  # old scores deleted
        if row["id"] not in failed_ids:
            assert row["attempt_history"] is None
            continue
        [attempt] = row["attempt_history"]
        assert attempt["status"] == "failed"
        assert attempt["error_class"] == "bad_request"
        assert "flaky refusal" in attempt["error"] or attempt["error"]
        assert attempt["attempts"] == 1 and attempt["at"].endswith("Z")
        assert isinstance(attempt["latency_ms"], int)
    assert await score_rows(app, experiment_id) == 5
    by_id = {r["id"]: r for r in detail["runs"]}
    assert {i for i, r in by_id.items() if r["attempt_history"]} == failed_ids


async def test_a_retry_of_a_retried_experiment_grows_the_history(
    app: FastAPI, client: httpx.AsyncClient, fake_llm: FakeLLM
) -> None:
    dataset = await add_dataset(app, ["ok", f"bad {FLAKY}"])
    rule = failing(fake_llm, {"status": 400, "message": "still refusing"}, contains=FLAKY)
    experiment_id = await start(client, dataset, {"model": "gpt-4o-mini"})
    await settled(client, experiment_id)
    assert (await retry(client, experiment_id)).json()["retried"] == 1
    await settled(client, experiment_id)
    rule.clear()
    assert (await retry(client, experiment_id)).json()["retried"] == 1
    final = await settled(client, experiment_id)
    assert final["status"] == "completed"
    [row] = [r for r in final["results"] if r["attempt_history"]]
    assert row["status"] == "completed"
    assert [a["status"] for a in row["attempt_history"]] == ["failed", "failed"]
    assert row["attempt_history"][0]["at"] <= row["attempt_history"][1]["at"]
    export = await client.get(f"{API}/experiments/{experiment_id}/results/?format=jsonl")
    lines = [json.loads(line) for line in export.text.splitlines()]
    assert [line["attempt_history"] for line in lines if line["id"] == row["id"]] == [
        row["attempt_history"]]
    csv_rows = list(csv.DictReader(io.StringIO(
        (await client.get(f"{API}/experiments/{experiment_id}/results/?format=csv")).text)))
    [exported] = [r for r in csv_rows if r["id"] == row["id"]]
    assert json.loads(exported["attempt_history"]) == row["attempt_history"]
    assert exported["repetition"] == "0"


async def test_runs_skipped_by_the_breaker_are_retried_and_the_experiment_finalizes_again(
    app: FastAPI, client: httpx.AsyncClient, fake_llm: FakeLLM
) -> None:
    dataset = await add_dataset(app, [f"q{i}" for i in range(30)])
    rule = failing(fake_llm, {"status": 401, "message": "Incorrect API key"}, model="gpt-4o-mini")
    experiment_id = await start(client, dataset, {"model": "gpt-4o-mini"})
    first = await settled(client, experiment_id)
    assert first["status"] == "failed"
    assert first["summary"]["skipped"] > 0
    assert first["summary"]["failed"] + first["summary"]["skipped"] == 30
    rule.clear()  # the key was fixed
    fake_llm.reset_stats()
    response = await retry(client, experiment_id)
    assert response.json()["retried"] == 30
    final = await settled(client, experiment_id)
    detail = (await client.get(f"{API}/experiments/{experiment_id}/")).json()
    assert (detail["status"], detail["error"], detail["error_class"]) == ("completed", "", "")
    assert detail["counts"]["completed"] == 30
    assert len(fake_llm.requests) == 30
    statuses = sorted({r["attempt_history"][0]["status"] for r in final["results"]})
    assert statuses == ["failed", "skipped"]
    assert {r["attempt_history"][0]["error_class"] for r in final["results"]} == {"authentication"}


async def test_nothing_failed_is_a_no_op_that_retries_zero(
    app: FastAPI, client: httpx.AsyncClient, fake_llm: FakeLLM
) -> None:
    dataset = await add_dataset(app, ["a", "b"])
    experiment_id = await start(client, dataset, {"model": "gpt-4o-mini"})
    await settled(client, experiment_id)
    fake_llm.reset_stats()
    response = await retry(client, experiment_id)
    assert response.status_code == 200
    assert response.json() == {"id": experiment_id, "status": "completed", "retried": 0}
    detail = (await client.get(f"{API}/experiments/{experiment_id}/")).json()
    assert detail["status"] == "completed" and detail["finished_at"] is not None
    assert fake_llm.requests == []


@pytest.mark.parametrize("state", ["pending", "running", "cancelled"])
async def test_only_a_completed_or_failed_experiment_can_be_retried(
    app: FastAPI, client: httpx.AsyncClient, fake_llm: FakeLLM, state: str
) -> None:
    # One item fails at once, the other answers slowly: a failed run exists while running.
    fake_llm.latency_ms = 3000
    failing(fake_llm, {"status": 400, "message": "no", "delay_ms": 0}, contains=FLAKY)
    dataset = await add_dataset(app, ["slow", f"x {FLAKY}"])
    created = await client.post(f"{API}/experiments/", json={
        "name": "e", "dataset_id": str(dataset), "config": {"model": "gpt-4o-mini"}})
    experiment_id = created.json()["id"]
    if state != "pending":
        await client.post(f"{API}/experiments/{experiment_id}/start/")
        deadline = time.monotonic() + 30
        while (await client.get(f"{API}/experiments/{experiment_id}/")).json()[
                "counts"]["failed"] == 0:
            assert time.monotonic() < deadline
            await asyncio.sleep(0.05)
    if state == "cancelled":
        await client.post(f"{API}/experiments/{experiment_id}/cancel/")
    response = await retry(client, experiment_id)
    assert response.status_code == 409
    assert response.json()["detail"] == f"Experiment is {state}; cannot retry its failed runs."
    detail = (await client.get(f"{API}/experiments/{experiment_id}/")).json()
    assert all(run["attempt_history"] is None for run in detail["runs"])
    if state == "running":
        await client.post(f"{API}/experiments/{experiment_id}/cancel/")


async def test_another_organization_gets_404_and_changes_nothing(
    app: FastAPI, client: httpx.AsyncClient, other_org: httpx.AsyncClient, fake_llm: FakeLLM
) -> None:
    dataset = await add_dataset(app, [f"x {FLAKY}"])
    failing(fake_llm, {"status": 400, "message": "no"}, contains=FLAKY)
    experiment_id = await start(client, dataset, {"model": "gpt-4o-mini"})
    assert (await settled(client, experiment_id))["status"] == "failed"
    response = await retry(other_org, experiment_id)
    assert response.status_code == 404
    after = await settled(client, experiment_id)
    assert after["status"] == "failed"
    assert after["results"][0]["attempt_history"] is None
    assert (await retry(client, str(uuid.uuid4()))).status_code == 404


async def test_cancel_during_a_retry_cancels_the_pending_runs(
    app: FastAPI, client: httpx.AsyncClient, fake_llm: FakeLLM
) -> None:
    dataset = await add_dataset(app, [f"q{i} {FLAKY}" for i in range(20)])
    rule = failing(fake_llm, {"status": 400, "message": "no"}, contains=FLAKY)
    experiment_id = await start(client, dataset, {"model": "gpt-4o-mini", "max_concurrency": 1})
    await settled(client, experiment_id)
    rule.clear()
    fake_llm.reset_stats()
    fake_llm.latency_ms = 200
    assert (await retry(client, experiment_id)).json()["retried"] == 20
    cancelled = await client.post(f"{API}/experiments/{experiment_id}/cancel/")
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    final = await settled(client, experiment_id)
    assert final["status"] == "cancelled"
    assert final["summary"]["cancelled"] >= 18  # at most the one or two in flight finished
    assert len(fake_llm.requests) <= 2
    assert (await retry(client, experiment_id)).status_code == 409


async def test_the_experiment_page_offers_retry_and_shows_each_earlier_attempt(
    app: FastAPI, client: httpx.AsyncClient, viewer: httpx.AsyncClient, fake_llm: FakeLLM
) -> None:
    dataset = await add_dataset(app, ["fine", f"odd {FLAKY}"])
    rule = failing(fake_llm, {"status": 400, "message": "<script>alert(1)</script>"},
                   contains=FLAKY)
    experiment_id = await start(client, dataset, {"model": "gpt-4o-mini"})
    await settled(client, experiment_id)
    page_url = f"/ui/experiments/{experiment_id}/"
    page = (await client.get(page_url)).text
    assert f'action="/ui/experiments/{experiment_id}/retry-failed/"' in page
    assert '<button type="submit">Retry failed (1)</button>' in page
    assert "Retry failed" not in (await viewer.get(page_url)).text  # writers only
    token = (await client.get(f"{API}/auth/me/")).json()["csrf_token"]
    assert (await client.post(f"{page_url}retry-failed/", data={})).status_code == 403
    assert (await viewer.post(f"{page_url}retry-failed/", data={
        "csrf_token": (await viewer.get(f"{API}/auth/me/")).json()["csrf_token"]})
            ).status_code == 403
    assert (await settled(client, experiment_id))["results"][1]["attempt_history"] is None
    rule.clear()
    done = await client.post(f"{page_url}retry-failed/", data={"csrf_token": token})
    assert (done.status_code, done.headers["location"]) == (303, page_url)
    await settled(client, experiment_id)
    page = (await client.get(page_url)).text
    assert "Retry failed" not in page  # nothing failed any more
    assert "1 earlier attempt</summary>" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page


async def test_simultaneous_retries_retry_each_run_once(
    app: FastAPI, client: httpx.AsyncClient, fake_llm: FakeLLM
) -> None:
    dataset = await add_dataset(app, [f"q{i} {FLAKY}" for i in range(6)])
    rule = failing(fake_llm, {"status": 400, "message": "no"}, contains=FLAKY)
    experiment_id = await start(client, dataset, {"model": "gpt-4o-mini"})
    await settled(client, experiment_id)
    rule.clear()
    fake_llm.latency_ms = 300
    answers = await asyncio.gather(*(retry(client, experiment_id) for _ in range(5)))
    won = [a.json() for a in answers if a.status_code == 200 and a.json()["retried"]]
    assert [w["retried"] for w in won] == [6]
    assert sorted(a.status_code for a in answers) == [200, 409, 409, 409, 409]
    final = await settled(client, experiment_id)
    assert final["summary"]["completed"] == 6
    assert [len(r["attempt_history"]) for r in final["results"]] == [1] * 6
