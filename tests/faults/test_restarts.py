"""Issue 13.3 on the production shape (`evalforge serve` and `evalforge worker` processes,
PostgreSQL, Redis): Redis restarted mid-experiment, then PostgreSQL restarted
mid-experiment, and the experiment still completes with exactly one result (one run, one
score) per item. The servers restarted are private ones on free ports (tests/faults/services.py)."""

import signal
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from bench.fakellm import FakeLLM
from tests.faults.services import private_postgres, private_redis, restart_postgres, result_counts
from tests.fuzz.live import Live, serve, server_env
from tests.live import start_worker, stop

ITEMS = 150
KILL_ITEMS = 80  # per experiment, three of them
# One xdist worker takes the whole module (`--dist loadgroup`): one private cluster, not one
# per worker (creating one costs 20 to 35 s of a loaded machine).
pytestmark = pytest.mark.xdist_group("private-postgres")


@pytest.fixture(scope="module")
def postgres() -> Iterator[tuple]:
    with private_postgres() as server_and_url:
        yield server_and_url


@pytest.fixture
def shape(postgres: tuple, tmp_path: Path, fake_llm: FakeLLM) -> Iterator[tuple[Live, Callable[[], None], Callable[[], None], str]]:
    """(live server, restart Redis, restart PostgreSQL, database URL)."""
    server, url = postgres
    with private_redis(tmp_path) as redis:
        env = server_env(url, tmp_path, fake_llm.base_url, EVALFORGE_REDIS_URL=f"redis://127.0.0.1:{redis.port}/0",
                         EVALFORGE_RUN_LEASE_S="3", EVALFORGE_REAPER_INTERVAL_S="1")

        def restart_redis() -> None:
            redis.stop()
            time.sleep(1)  # down long enough for every client to notice
            redis.start()

        with serve(env, tmp_path) as live:
            yield live, restart_redis, lambda: restart_postgres(server, url), url


def _start(live: Live, items: int = ITEMS) -> str:
    # Generous: the server's first experiment checks the model with litellm, imported on
    # first use (seconds of CPU, far more on a loaded machine).
    with httpx.Client(base_url=live.base_url, headers=live.auth, timeout=180) as api:
        dataset = api.post("/api/v1/datasets/", json={"name": f"restart-{time.monotonic_ns()}"}).json()["id"]
        rows = [{"input": f"q{i}", "expected_output": f"q{i}"} for i in range(items)]
        assert api.post(f"/api/v1/datasets/{dataset}/import/", json={"items": rows}).status_code == 201
        exact = api.post("/api/v1/evaluators/", json={"name": f"exact-{time.monotonic_ns()}",
                                                      "kind": "exact_match", "config": {}}).json()["id"]
        created = api.post("/api/v1/experiments/", json={
            "name": "restart", "dataset_id": dataset, "evaluator_ids": [exact],
            "config": {"model": "gpt-4o-mini", "max_concurrency": 8}})
        assert created.status_code == 201, created.text
        experiment = created.json()["id"]
        assert api.post(f"/api/v1/experiments/{experiment}/start/").status_code == 200
        return experiment


def _progress(live: Live, experiment: str) -> dict:
    """The experiment's detail; while a server is down the API may fail: None then."""
    try:
        response = httpx.get(f"{live.base_url}/api/v1/experiments/{experiment}/", headers=live.auth, timeout=10)
    except httpx.TransportError:
        return {}
    return response.json() if response.status_code == 200 else {}


def _wait(live: Live, experiment: str, done: Callable[[dict], bool], timeout: float) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        body = _progress(live, experiment)
        if body and done(body):
            return body
        time.sleep(0.2)
    body = _progress(live, experiment)
    raise AssertionError(f"experiment {experiment}: {body.get('status')} {body.get('counts')}")


def _completed_runs(body: dict) -> int:
    return (body.get("counts") or {}).get("completed", 0)


@pytest.mark.parametrize("which", ["redis", "postgres"])
async def test_a_restart_mid_experiment_still_gives_one_result_per_item(shape, fake_llm: FakeLLM, which: str) -> None:
    live, restart_redis, restart_pg, url = shape
    fake_llm.latency_ms = 150
    experiment = _start(live)
    _wait(live, experiment, lambda body: _completed_runs(body) >= 20, 60)
    (restart_redis if which == "redis" else restart_pg)()
    body = _wait(live, experiment, lambda body: body["status"] in ("completed", "failed", "cancelled"), 60)
    assert body["status"] == "completed", body
    statuses, not_one, scores, most = await result_counts(url, experiment)
    assert statuses == {"completed": ITEMS}
    assert (not_one, scores, most) == (0, ITEMS, 1)


async def test_two_workers_one_killed_mid_batch_every_experiment_gets_one_result_per_item(
    shape, fake_llm: FakeLLM, tmp_path: Path
) -> None:
    """Several experiments over two worker processes; one is killed with SIGKILL while its
    runs are in flight: the other (and the reaper) finish everything, nothing twice."""
    live, _, _, url = shape
    fake_llm.latency_ms = 150
    second = start_worker(live.env, tmp_path)
    try:
        experiments = [_start(live, KILL_ITEMS) for _ in range(3)]
        _wait(live, experiments[0], lambda body: _completed_runs(body) >= 20, 60)
        first = live.processes[1]
        first.send_signal(signal.SIGKILL)
        first.wait()
        for experiment in experiments:
            body = _wait(live, experiment, lambda body: body["status"] in ("completed", "failed", "cancelled"), 90)
            assert body["status"] == "completed", body["counts"]
            statuses, not_one, scores, most = await result_counts(url, experiment)
            assert statuses == {"completed": KILL_ITEMS}
            assert (not_one, scores, most) == (0, KILL_ITEMS, 1)
        assert len(fake_llm.requests) > 3 * KILL_ITEMS  # the killed worker's runs in flight ran again
    finally:
        stop(second)
