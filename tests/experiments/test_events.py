"""Live progress (issue 11.5): GET /experiments/{id}/events/ over real HTTP (uvicorn), the
engine running on both backends (PostgreSQL: Redis, an arq worker and pub/sub wake-ups;
SQLite: the in-process queue), the model calls at the fake server."""

import asyncio
import json
import socket
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx
import pytest
import redis.asyncio
import uvicorn
from fastapi import FastAPI
from sqlalchemy import text

from app.config import Settings
from app.experiments import events, notify, runstate
from app.models import ExperimentEvent
from tests.conftest import REDIS_URL, wait_for_experiment
from tests.experiments.conftest import add_dataset

API = "/api/v1"
N = 12


@pytest.fixture
def settings(settings: Settings, database_url: str) -> Settings:
    """Real execution: on PostgreSQL through Redis and an arq worker, on SQLite in-process."""
    if database_url.startswith("postgresql"):
        return settings.model_copy(update={"redis_url": REDIS_URL})
    return settings


@pytest.fixture
async def server(app: FastAPI) -> AsyncIterator[str]:
    """The started app behind uvicorn on a free port: streaming needs real HTTP (httpx's ASGI
    transport hands over a body only once the app has finished it)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, lifespan="off",
                                        log_level="warning"))
    task = asyncio.create_task(srv.serve())
    while not srv.started:
        await asyncio.sleep(0.01)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    await task


@pytest.fixture
async def http(server: str, client: httpx.AsyncClient) -> AsyncIterator[httpx.AsyncClient]:
    """A real HTTP client of acme (an API key), no read timeout: streams wait."""
    key = (await client.post(f"{API}/api-keys/", json={"name": "sse"})).json()["key"]
    async with httpx.AsyncClient(base_url=server, headers={"Authorization": f"Bearer {key}"},
                                 timeout=httpx.Timeout(60, read=60)) as c:
        yield c


@dataclass
class Event:
    kind: str
    id: str
    data: dict


async def read_events(http: httpx.AsyncClient, experiment_id: str, *, stop_after_runs: int = 0,
                      last_event_id: str | None = None,
                      comments: list[str] | None = None) -> list[Event]:
    """Events until `end`, or until `stop_after_runs` run events (then the connection drops)."""
    headers = {"Last-Event-ID": last_event_id} if last_event_id else {}
    out: list[Event] = []
    async with http.stream("GET", f"{API}/experiments/{experiment_id}/events/",
                           headers=headers) as response:
        assert response.status_code == 200, await response.aread()
        assert response.headers["content-type"].startswith("text/event-stream")
        fields: dict[str, str] = {}
        async for line in response.aiter_lines():
            if line.startswith(":") and comments is not None:
                comments.append(line)
                if len(comments) >= 2:
                    return out
            if line == "":
                if "event" in fields:
                    out.append(Event(fields["event"], fields["id"], json.loads(fields["data"])))
                    runs = sum(e.kind == "run" for e in out)
                    if out[-1].kind == "end" or (stop_after_runs and runs >= stop_after_runs):
                        return out
                fields = {}
            elif not line.startswith(":"):
                name, _, value = line.partition(": ")
                fields[name] = value
    return out


async def start_experiment(client: httpx.AsyncClient, app: FastAPI, n: int = N) -> str:
    """n items; the fake echoes the input, exact_match passes on even items only."""
    ds = await add_dataset(app, [f"q{i}" for i in range(n)],
                           expected=[f"q{i}" if i % 2 == 0 else "no" for i in range(n)])
    evaluator = await client.post(f"{API}/evaluators/", json={
        "name": "exact", "kind": "exact_match", "config": {}})
    created = await client.post(f"{API}/experiments/", json={
        "name": "live", "dataset_id": str(ds.id), "evaluator_ids": [evaluator.json()["id"]],
        "config": {"model": "gpt-4o-mini", "max_concurrency": 3}})
    assert created.status_code == 201, created.text
    experiment_id = created.json()["id"]
    assert (await client.post(f"{API}/experiments/{experiment_id}/start/")).status_code == 200
    return experiment_id


async def run_ids(client: httpx.AsyncClient, experiment_id: str) -> dict[str, str]:
    detail = await client.get(f"{API}/experiments/{experiment_id}/")
    return {run["id"]: run["dataset_item_id"] for run in detail.json()["runs"]}


async def test_stream_follows_the_experiment_to_its_end(http, client, app, fake_llm, database_url) -> None:
    fake_llm.latency_ms = 30
    relayed = notify.relayed
    experiment_id = await start_experiment(client, app)
    got = await read_events(http, experiment_id)
    runs = [e for e in got if e.kind == "run"]
    detail = await wait_for_experiment(client, experiment_id)
    assert sorted(e.data["run_id"] for e in runs) == sorted(r["id"] for r in detail["runs"])
    items = {r["id"]: r["dataset_item_id"] for r in detail["runs"]}
    for event in runs:
        assert event.data["item_id"] == items[event.data["run_id"]]
        assert event.data["status"] == "completed"
        assert event.data["latency_ms"] >= 30
    # Even items pass: the scores of 6 runs are 1, of the other 6 are 0.
    assert sorted(e.data["scores"]["exact"] for e in runs) == [0.0] * 6 + [1.0] * 6
    assert got[-1].kind == "end" and got[-1].data == {"status": "completed"}
    assert [e.data["status"] for e in got if e.kind == "status"][-1] == "completed"
    last_progress = [e for e in got if e.kind == "progress"][-1]
    assert last_progress.data["counts"]["completed"] == N
    assert last_progress.data["finished"] == N and last_progress.data["counts"]["total"] == N
    assert all(e.id for e in got)
    if database_url.startswith("postgresql"):  # the worker's wake-ups came through Redis
        assert notify.relayed > relayed


async def test_reconnect_with_last_event_id_loses_and_repeats_no_run(http, client, app, fake_llm) -> None:
    fake_llm.latency_ms = 60
    experiment_id = await start_experiment(client, app)
    first = await read_events(http, experiment_id, stop_after_runs=4)  # then the connection drops
    assert sum(e.kind == "run" for e in first) == 4
    rest = await read_events(http, experiment_id, last_event_id=first[-1].id)
    seen = [e.data["run_id"] for e in first + rest if e.kind == "run"]
    assert len(seen) == N and sorted(seen) == sorted(await run_ids(client, experiment_id))
    assert rest[-1].kind == "end"


async def test_finished_experiment_sends_its_state_and_ends(http, client, app) -> None:
    experiment_id = await start_experiment(client, app, n=3)
    await wait_for_experiment(client, experiment_id)
    everything = await read_events(http, experiment_id)
    assert [e.kind for e in everything] == ["run"] * 3 + ["progress", "status", "end"]
    after = await read_events(http, experiment_id, last_event_id=everything[-1].id)
    assert [e.kind for e in after] == ["progress", "status", "end"]
    assert after[0].data["counts"]["completed"] == 3 and after[0].data["cost"] >= 0


async def test_a_long_history_is_sent_page_by_page_in_order(http, client, app, monkeypatch) -> None:
    monkeypatch.setattr(events, "PAGE", 2)
    experiment_id = await start_experiment(client, app, n=5)
    await wait_for_experiment(client, experiment_id)
    everything = await read_events(http, experiment_id)
    assert [e.kind for e in everything] == ["run"] * 5 + ["progress", "status", "end"]
    assert len({e.data["run_id"] for e in everything if e.kind == "run"}) == 5
    rest = await read_events(http, experiment_id, last_event_id=everything[2].id)
    assert [e.data["run_id"] for e in rest if e.kind == "run"] == [
        e.data["run_id"] for e in everything[3:5]]


async def test_pending_experiment_stream_stays_open_with_heartbeats(http, client, app, monkeypatch) -> None:
    monkeypatch.setattr(events, "HEARTBEAT_S", 0.1)
    ds = await add_dataset(app, ["a"])
    created = await client.post(f"{API}/experiments/", json={
        "name": "idle", "dataset_id": str(ds.id), "config": {"model": "gpt-4o-mini"}})
    comments: list[str] = []
    got = await read_events(http, created.json()["id"], comments=comments)
    assert [e.kind for e in got] == ["progress", "status"] and got[1].data["status"] == "pending"
    assert comments == [": keep-alive", ": keep-alive"]


async def test_reads_as_every_read_does(http, server, client, other_org, app) -> None:
    ds = await add_dataset(app, ["a"])
    created = await client.post(f"{API}/experiments/", json={
        "name": "idle", "dataset_id": str(ds.id), "config": {"model": "gpt-4o-mini"}})
    path = f"{API}/experiments/{created.json()['id']}/events/"
    key = (await other_org.post(f"{API}/api-keys/", json={"name": "x"})).json()["key"]
    foreign = await http.get(path, headers={"Authorization": f"Bearer {key}"}, timeout=5)
    assert foreign.status_code == 404
    async with httpx.AsyncClient() as anonymous:
        assert (await anonymous.get(server + path)).status_code == 401
    bad = await http.get(path, headers={"Last-Event-ID": "12-abc"})
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["header", "Last-Event-ID"]
    missing = await http.get(f"{API}/experiments/{uuid.uuid4()}/events/")
    assert missing.status_code == 404


async def test_streams_per_organization_are_bounded(http, client, app, monkeypatch) -> None:
    monkeypatch.setattr(events, "MAX_STREAMS_PER_ORG", 2)
    monkeypatch.setattr(events, "POLL_S", 0.1)
    ds = await add_dataset(app, ["a"])
    created = await client.post(f"{API}/experiments/", json={
        "name": "idle", "dataset_id": str(ds.id), "config": {"model": "gpt-4o-mini"}})
    path = f"{API}/experiments/{created.json()['id']}/events/"
    async with http.stream("GET", path) as one, http.stream("GET", path) as two:
        assert (one.status_code, two.status_code) == (200, 200)
        refused = await http.get(path, timeout=5)
        assert refused.status_code == 429 and "At most 2" in refused.json()["detail"]
    # Closed: the server notices at its next poll and gives the slots back.
    for _ in range(100):
        async with http.stream("GET", path) as three:
            if three.status_code == 200:
                break
        await asyncio.sleep(0.1)
    assert three.status_code == 200


async def test_cursor_never_passes_a_batch_that_commits_later(app, client, database_url) -> None:
    """Two outcome batches commit out of order: the later-started one first. The stream must
    not move past the earlier one's rows while its transaction is still open."""
    if not database_url.startswith("postgresql"):
        pytest.skip("SQLite serializes writers: a second batch cannot commit while one is open")
    experiment_id = await start_experiment(client, app, n=2)
    await wait_for_experiment(client, experiment_id)
    eid = uuid.UUID(experiment_id)
    engine = app.state.engine
    first_run, second_run = list(await run_ids(client, experiment_id))
    async with engine.connect() as conn:
        await conn.execute(ExperimentEvent.__table__.delete())
        await conn.commit()
    insert = text("INSERT INTO experiment_event (experiment_id, run_id, txid) VALUES "
                  "(:e, :r, pg_current_xact_id()::text::bigint)")
    async with engine.connect() as early, engine.connect() as late:
        await early.execute(insert, {"e": eid, "r": uuid.UUID(first_run)})  # older txid, open
        await late.execute(insert, {"e": eid, "r": uuid.UUID(second_run)})
        await late.commit()
        # The committed row waits behind the open transaction's (the read a stream makes
        # while runs may still be written).
        assert await _bounded_runs(app, eid) == []
        await early.commit()
    # Both, in commit-safe order, once no older transaction runs anywhere on the server
    # (other tests' transactions may hold the horizon back for a moment).
    for _ in range(200):
        found = await _bounded_runs(app, eid)
        if len(found) == 2:
            break
        await asyncio.sleep(0.05)
    assert found == [uuid.UUID(first_run), uuid.UUID(second_run)]


async def _bounded_runs(app: FastAPI, eid: uuid.UUID) -> list[uuid.UUID]:
    async with runstate.single_statements(app.state.sessionmaker).connect() as conn:
        rows = await conn.execute(events._NEW_RUNS_SETTLED,
                                  {"p_eid": eid, "p_txid": 0, "p_id": 0, "p_limit": 10})
        return [row.id for row in rows]


async def test_a_wake_up_from_another_process_reaches_the_stream(
        http, client, app, settings, database_url, monkeypatch) -> None:
    """Redis pub/sub: a change committed elsewhere, announced only on the channel (as a
    worker process does), wakes the stream long before its next poll would."""
    if not database_url.startswith("postgresql"):
        pytest.skip("the in-process queue has no other process to hear from")
    monkeypatch.setattr(events, "POLL_S", 60.0)
    monkeypatch.setattr(events, "HEARTBEAT_S", 60.0)
    ds = await add_dataset(app, ["a"])
    created = await client.post(f"{API}/experiments/", json={
        "name": "idle", "dataset_id": str(ds.id), "config": {"model": "gpt-4o-mini"}})
    experiment_id = created.json()["id"]
    got: list[Event] = []
    path = f"{API}/experiments/{experiment_id}/events/"
    publisher = redis.asyncio.Redis.from_url(REDIS_URL)
    try:
        async with http.stream("GET", path, timeout=httpx.Timeout(60, read=20)) as response:
            lines = response.aiter_lines()
            fields: dict[str, str] = {}
            async for line in lines:
                if line == "" and "event" in fields:
                    got.append(Event(fields["event"], fields["id"], json.loads(fields["data"])))
                    fields = {}
                    if got[-1].kind == "status" and got[-1].data["status"] == "pending":
                        async with app.state.engine.begin() as conn:  # not through the API
                            await conn.execute(text(
                                "UPDATE experiment SET status = 'cancelled' WHERE id = :e"),
                                {"e": uuid.UUID(experiment_id)})
                        await publisher.publish(f"{settings.arq_queue_name}:events", experiment_id)
                    if got[-1].kind == "end":
                        break
                elif line and not line.startswith(":"):
                    name, _, value = line.partition(": ")
                    fields[name] = value
    finally:
        await publisher.aclose()
    assert [e.kind for e in got] == ["progress", "status", "progress", "status", "end"]
    assert got[-1].data == {"status": "cancelled"}
