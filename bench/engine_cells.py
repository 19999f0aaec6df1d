"""One evalforge cell of the engine benchmark: fresh database and processes, a warm-up
experiment, then the timed one from the start request to `completed`.

embedded:   one `evalforge serve` process (uvicorn, SQLite, in-process queue).
production: `evalforge serve` + N `evalforge worker` processes (PostgreSQL + Redis + arq).
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import asyncpg
import httpx

from bench.workload import JUDGE_RUBRIC, MODEL, Workload, case, fake_stats_url

ROOT = Path(__file__).resolve().parents[1]
PG_ADMIN = os.environ.get("BENCH_PG_DSN", "postgresql://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
EMAIL, PASSWORD = "bench@example.com", "bench-password-1"
TICK = os.sysconf("SC_CLK_TCK")
REPORTED = ("status", "passed", "wall_s", "start_request_s", "engine_s", "cpu_s", "loop_wait_s", "fake_cpu_s", "fake_loop_wait_s",
            "model_calls", "max_in_flight", "rss_warm_mb", "peak_run_mb", "peak_rss_mb")
IMPORT_CHUNK = 5000  # rows per import request: well under any JSON/body limit


def ok(response: httpx.Response) -> httpx.Response:
    """The response, or an error that carries the API's answer (raise_for_status drops it)."""
    if response.is_error:
        raise RuntimeError(f"{response.request.method} {response.request.url.path} -> "
                           f"{response.status_code}: {response.text[:1000]}")
    return response


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def cpu_s(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK  # utime + stime, all threads


def loop_wait_s(pid: int) -> float:
    """Time the main thread (the event loop) spent runnable but waiting for a CPU."""
    return int(Path(f"/proc/{pid}/task/{pid}/schedstat").read_text().split()[1]) / 1e9


def memory_mb(pid: int, key: str) -> float:
    """VmRSS (now) or VmHWM (peak so far) of a process, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{key}:"):
            return int(line.split()[1]) / 1024
    return 0.0


@dataclass
class Cluster:
    """The processes of one shape; `procs` maps a role name to its Popen."""

    env: dict[str, str]
    logdir: Path
    procs: dict[str, subprocess.Popen] = field(default_factory=dict)

    def spawn(self, role: str, *args: str) -> None:
        log = (self.logdir / f"{role}.log").open("wb")
        self.procs[role] = subprocess.Popen(
            [sys.executable, "-c", "from app.cli import main; main()", *args],
            cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT)

    def cpu(self) -> dict[str, float]:
        return {role: cpu_s(p.pid) for role, p in self.procs.items()}

    def loop_wait(self) -> dict[str, float]:
        return {role: loop_wait_s(p.pid) for role, p in self.procs.items()}

    def memory(self, key: str) -> dict[str, float]:
        return {role: memory_mb(p.pid, key) for role, p in self.procs.items()}

    def reset_peaks(self) -> None:
        """Restart VmHWM from the current RSS (Linux clear_refs "5"), so a later VmHWM is the
        peak of what followed, not of start-up or the warm-up."""
        for proc in self.procs.values():
            Path(f"/proc/{proc.pid}/clear_refs").write_text("5")

    def stop(self) -> None:
        for proc in self.procs.values():
            proc.terminate()
        for proc in self.procs.values():
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()


async def wait_healthy(base: str, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    async with httpx.AsyncClient() as client:
        while time.monotonic() < deadline:
            try:
                if (await client.get(f"{base}/healthz")).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            await asyncio.sleep(0.2)
    raise RuntimeError(f"{base} did not start")


async def make_dataset(client: httpx.AsyncClient, items: int) -> str:
    """A dataset of `items` cases, imported as JSONL bodies of IMPORT_CHUNK rows (the file
    format names the expected output `ground_truth`)."""
    created = ok(await client.post("/api/v1/datasets/", json={"name": f"bench-{uuid.uuid4().hex[:6]}"}))
    dataset_id = created.json()["id"]
    for start in range(0, items, IMPORT_CHUNK):
        rows = (dict(zip(("input", "ground_truth"), case(i), strict=True))
                for i in range(start, min(items, start + IMPORT_CHUNK)))
        body = "".join(json.dumps(row) + "\n" for row in rows).encode()
        ok(await client.post(f"/api/v1/datasets/{dataset_id}/import/", content=body,
                             headers={"Content-Type": "application/jsonl"}))
    return dataset_id


async def make_evaluator(client: httpx.AsyncClient, judge: bool) -> str:
    body = ({"name": "judge", "kind": "llm_judge", "config": {"model": MODEL, "rubric": JUDGE_RUBRIC}}
            if judge else {"name": "exact", "kind": "exact_match"})
    created = ok(await client.post("/api/v1/evaluators/", json=body))
    return created.json()["id"]


async def run_experiment(client: httpx.AsyncClient, dataset_id: str, evaluator_id: str,
                         concurrency: int) -> dict:
    body = {"name": "bench", "dataset_id": dataset_id, "evaluator_ids": [evaluator_id],
            "config": {"model": MODEL, "max_concurrency": concurrency}}
    created = ok(await client.post("/api/v1/experiments/", json=body))
    experiment_id = created.json()["id"]
    started_at = time.perf_counter()
    ok(await client.post(f"/api/v1/experiments/{experiment_id}/start/"))
    start_request_s = time.perf_counter() - started_at
    while True:
        # The list endpoint is cheap (no runs); the detail would serialise every run.
        page = (await client.get("/api/v1/experiments/", params={"search": "bench", "page_size": 500})).json()
        mine = next(e for e in page["results"] if e["id"] == experiment_id)
        if mine["status"] in ("completed", "failed", "cancelled"):
            wall = time.perf_counter() - started_at
            # The server's own started_at -> finished_at: the wall time without the start
            # request's response and this loop's polling lag.
            engine = datetime.fromisoformat(mine["finished_at"]) - datetime.fromisoformat(mine["started_at"])
            return {**mine, "wall_s": wall, "start_request_s": start_request_s,
                    "engine_s": engine.total_seconds()}
        await asyncio.sleep(0.05)


async def drive(base: str, work: Workload, cluster: Cluster, fake: tuple[str, int]) -> dict:
    async with httpx.AsyncClient(base_url=base, timeout=300) as client:
        login = ok(await client.post("/api/v1/auth/login/",
                                     json={"email": EMAIL, "password": PASSWORD}))
        # A cookie session's non-JSON write (the JSONL import) needs the CSRF token.
        client.headers["X-CSRF-Token"] = login.json()["csrf_token"]
        evaluator_id = await make_evaluator(client, work.judge)
        warm = await make_dataset(client, max(4 * work.concurrency, 100))
        await run_experiment(client, warm, evaluator_id, work.concurrency)
        dataset_id = await make_dataset(client, work.items)
        peak_before = cluster.memory("VmHWM")
        rss_warm = cluster.memory("VmRSS")
        cluster.reset_peaks()
        fake_url, fake_pid = fake
        ok(await client.delete(fake_stats_url(fake_url)))
        before, wait_before = cluster.cpu(), cluster.loop_wait()
        fake_before = cpu_s(fake_pid), loop_wait_s(fake_pid)
        result = await run_experiment(client, dataset_id, evaluator_id, work.concurrency)
        after, wait_after = cluster.cpu(), cluster.loop_wait()
        fake_after = cpu_s(fake_pid), loop_wait_s(fake_pid)
        calls = ok(await client.get(fake_stats_url(fake_url))).json()
        peak_run = cluster.memory("VmHWM")
        passed = await count_passed(client, result["id"])  # after the readings: not measured
    return {**result, "passed": passed, "cpu_s": {role: after[role] - before[role] for role in after},
            "fake_cpu_s": fake_after[0] - fake_before[0],
            "fake_loop_wait_s": fake_after[1] - fake_before[1], "rss_warm_mb": rss_warm,
            "model_calls": calls["requests"], "max_in_flight": calls["max_in_flight"],
            "loop_wait_s": {role: wait_after[role] - wait_before[role] for role in wait_after},
            "peak_run_mb": peak_run,
            "peak_rss_mb": {role: max(peak_before[role], peak_run[role]) for role in peak_run}}


async def count_passed(client: httpx.AsyncClient, experiment_id: str) -> int:
    """Runs whose score is 1 (exact match, or the fake judge's verdict): the work was real."""
    rows = ok(await client.get(f"/api/v1/experiments/{experiment_id}/results/")).json()["results"]
    return sum(1 for row in rows
               if row["scores"] and all(s["numeric_value"] == 1.0 for s in row["scores"]))


async def create_pg_database() -> str:
    name = f"evalforge_bench_{uuid.uuid4().hex[:8]}"
    conn = await asyncpg.connect(PG_ADMIN)
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    return PG_ADMIN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+asyncpg://") + f"/{name}"


async def drop_pg_database(url: str) -> None:
    conn = await asyncpg.connect(PG_ADMIN)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')
    finally:
        await conn.close()


async def wait_workers(queue: str, count: int, timeout: float = 180) -> None:
    """Until every worker has started (its heartbeat is in Redis): a worker still importing
    litellm would leave the whole experiment to the others."""
    import redis.asyncio as aioredis

    from app.experiments.lanes import RedisLaneLocks

    client = aioredis.from_url(REDIS_URL)
    try:
        locks = RedisLaneLocks(client)
        deadline = time.monotonic() + timeout
        while await locks.live_workers(queue) < count:
            if time.monotonic() > deadline:
                raise RuntimeError(f"{count} workers did not start in {timeout:g}s")
            await asyncio.sleep(0.2)
    finally:
        await client.aclose()


async def cell(shape: str, work: Workload, workers: int, fake_url: str, fake_pid: int,
               logdir: Path) -> dict:
    """Run one (shape, workload) cell; the processes' logs stay in `logdir`."""
    port = free_port()
    db_url = (f"sqlite+aiosqlite:///{logdir}/bench.db" if shape == "embedded"
              else await create_pg_database())
    env = {**os.environ, "EVALFORGE_DATABASE_URL": db_url, "EVALFORGE_ADMIN_EMAIL": EMAIL,
           "EVALFORGE_ADMIN_PASSWORD": PASSWORD, "EVALFORGE_ORG": "bench",
           "EVALFORGE_SECRET_KEY": "bench-secret", "OPENAI_BASE_URL": fake_url,
           "OPENAI_API_KEY": "sk-fake", "LITELLM_LOCAL_MODEL_COST_MAP": "True",
           "EVALFORGE_REDIS_URL": REDIS_URL if shape == "production" else "",
           "EVALFORGE_ARQ_QUEUE_NAME": f"evalforge:bench:{uuid.uuid4().hex[:8]}"}
    cluster = Cluster(env, logdir)
    load_start = os.getloadavg()
    try:
        cluster.spawn("api", "serve", "--port", str(port))
        await wait_healthy(f"http://127.0.0.1:{port}")
        for n in range(workers if shape == "production" else 0):
            cluster.spawn(f"worker{n + 1}", "worker")
        if shape == "production":
            await wait_workers(env["EVALFORGE_ARQ_QUEUE_NAME"], workers)
        result = await drive(f"http://127.0.0.1:{port}", work, cluster, (fake_url, fake_pid))
    finally:
        cluster.stop()
        if shape == "production":
            await drop_pg_database(db_url)
    return {"side": "evalforge", "shape": shape, "evaluator": work.evaluator,
            "concurrency": work.concurrency, "items": work.items,
            "completed": result["counts"]["completed"], **{k: result[k] for k in REPORTED},
            "load": [load_start, os.getloadavg()]}
