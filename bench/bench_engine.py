"""Experiment engine throughput, start to `completed`, on the two deployment shapes.

    python -m bench.bench_engine [--items 1000] [--latency-ms 50] [--concurrency 16,64]
                                 [--shapes embedded,production] [--workers 2]

embedded:   one `evalforge serve` process (uvicorn, SQLite, in-process queue).
production: `evalforge serve` + N `evalforge worker` processes (PostgreSQL + Redis + arq).
The fake model (`python -m bench.fakellm`) runs in its own process and is not counted.
Each cell: fresh database and processes; a warm-up experiment (litellm import, connection
pools), then the timed one: N items, one exact_match evaluator, max_concurrency C.
Reported: wall time (start request -> completed seen), the ideal N / C x latency, ratio,
runs/s, CPU ms per run (sum of the evalforge processes' CPU / N) and peak RSS per process.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import asyncpg
import httpx

ROOT = Path(__file__).resolve().parents[1]
PG_ADMIN = os.environ.get("BENCH_PG_DSN", "postgresql://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
EMAIL, PASSWORD = "bench@example.com", "bench-password-1"
TICK = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def cpu_s(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK  # utime + stime


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
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

    def stop(self) -> None:
        for proc in self.procs.values():
            proc.terminate()
        for proc in self.procs.values():
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()


async def wait_healthy(base: str, timeout: float = 90) -> None:
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
    created = await client.post("/api/v1/datasets/", json={"name": f"bench-{uuid.uuid4().hex[:6]}"})
    created.raise_for_status()
    dataset_id = created.json()["id"]
    rows = [{"input": f"question {i}", "expected_output": f"question {i}"} for i in range(items)]
    (await client.post(f"/api/v1/datasets/{dataset_id}/import/", json={"items": rows})).raise_for_status()
    return dataset_id


async def run_experiment(client: httpx.AsyncClient, dataset_id: str, evaluator_id: str,
                         concurrency: int) -> dict:
    body = {"name": "bench", "dataset_id": dataset_id, "evaluator_ids": [evaluator_id],
            "config": {"model": "gpt-4o-mini", "max_concurrency": concurrency}}
    created = await client.post("/api/v1/experiments/", json=body)
    created.raise_for_status()
    experiment_id = created.json()["id"]
    started_at = time.perf_counter()
    (await client.post(f"/api/v1/experiments/{experiment_id}/start/")).raise_for_status()
    while True:
        # The list endpoint is cheap (no runs); the detail would serialise every run.
        page = (await client.get("/api/v1/experiments/", params={"search": "bench", "page_size": 500})).json()
        mine = next(e for e in page["results"] if e["id"] == experiment_id)
        if mine["status"] in ("completed", "failed", "cancelled"):
            return {"wall_s": time.perf_counter() - started_at, **mine}
        await asyncio.sleep(0.05)


async def drive(base: str, items: int, concurrency: int, cluster: Cluster) -> dict:
    async with httpx.AsyncClient(base_url=base, timeout=120) as client:
        (await client.post("/api/v1/auth/login/", json={"email": EMAIL, "password": PASSWORD})).raise_for_status()
        evaluator = await client.post("/api/v1/evaluators/", json={"name": "exact", "kind": "exact_match"})
        evaluator.raise_for_status()
        warm = await make_dataset(client, max(2 * concurrency, 32))
        await run_experiment(client, warm, evaluator.json()["id"], concurrency)
        dataset_id = await make_dataset(client, items)
        before = cluster.cpu()
        result = await run_experiment(client, dataset_id, evaluator.json()["id"], concurrency)
        after = cluster.cpu()
    result["cpu_s"] = {role: round(after[role] - before[role], 2) for role in after}
    result["peak_rss_mb"] = {role: round(peak_rss_mb(p.pid)) for role, p in cluster.procs.items()}
    return result


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


async def cell(shape: str, items: int, latency_ms: float, concurrency: int, workers: int,
               fake_url: str, tmp: Path) -> dict:
    port = free_port()
    db_url = (f"sqlite+aiosqlite:///{tmp}/bench-{uuid.uuid4().hex[:6]}.db" if shape == "embedded"
              else await create_pg_database())
    env = {**os.environ, "EVALFORGE_DATABASE_URL": db_url, "EVALFORGE_ADMIN_EMAIL": EMAIL,
           "EVALFORGE_ADMIN_PASSWORD": PASSWORD, "EVALFORGE_ORG": "bench",
           "EVALFORGE_SECRET_KEY": "bench-secret", "OPENAI_BASE_URL": fake_url,
           "OPENAI_API_KEY": "sk-fake", "LITELLM_LOCAL_MODEL_COST_MAP": "True",
           "EVALFORGE_REDIS_URL": REDIS_URL if shape == "production" else "",
           "EVALFORGE_ARQ_QUEUE_NAME": f"evalforge:bench:{uuid.uuid4().hex[:8]}"}
    cluster = Cluster(env, tmp)
    try:
        cluster.spawn("api", "serve", "--port", str(port))
        await wait_healthy(f"http://127.0.0.1:{port}")
        for n in range(workers if shape == "production" else 0):
            cluster.spawn(f"worker{n + 1}", "worker")
        result = await drive(f"http://127.0.0.1:{port}", items, concurrency, cluster)
    finally:
        cluster.stop()
        if shape == "production":
            await drop_pg_database(db_url)
    ideal = items / concurrency * latency_ms / 1000
    cpu_total = sum(result["cpu_s"].values())
    return {"shape": shape, "concurrency": concurrency, "items": items, "status": result["status"],
            "completed": result["counts"]["completed"], "wall_s": round(result["wall_s"], 2),
            "ideal_s": round(ideal, 2), "ratio": round(result["wall_s"] / ideal, 2),
            "runs_per_s": round(items / result["wall_s"], 1),
            "cpu_ms_per_run": round(cpu_total * 1000 / items, 2), "cpu_s": result["cpu_s"],
            "peak_rss_mb": result["peak_rss_mb"]}


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--latency-ms", type=float, default=50)
    parser.add_argument("--concurrency", default="16,64")
    parser.add_argument("--shapes", default="embedded,production")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    fake_port = free_port()
    command = [sys.executable, "-m", "bench.fakellm", "--port", str(fake_port),
               "--latency-ms", str(args.latency_ms)]
    fake = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL,  # noqa: ASYNC220
                            stderr=subprocess.DEVNULL)
    rows = []
    try:
        with tempfile.TemporaryDirectory(prefix="bench-engine-") as tmp:
            for shape in args.shapes.split(","):
                for concurrency in (int(c) for c in args.concurrency.split(",")):
                    row = await cell(shape, args.items, args.latency_ms, concurrency, args.workers,
                                     f"http://127.0.0.1:{fake_port}/v1", Path(tmp))
                    print(json.dumps(row), flush=True)
                    rows.append(row)
    finally:
        fake.terminate()
    print("\n| shape | C | wall s | ideal s | ratio | runs/s | CPU ms/run | peak RSS MB |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        rss = ", ".join(f"{k} {v}" for k, v in r["peak_rss_mb"].items())
        print(f"| {r['shape']} | {r['concurrency']} | {r['wall_s']} | {r['ideal_s']} | {r['ratio']} "
              f"| {r['runs_per_s']} | {r['cpu_ms_per_run']} | {rss} |")


if __name__ == "__main__":
    asyncio.run(main())
