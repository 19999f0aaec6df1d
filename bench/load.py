"""Load: concurrent clients mixing reads and writes against the production shape.

    python -m bench.load --clients 50 --seconds 60

Starts PostgreSQL-backed `evalforge serve --workers 2` plus one `evalforge worker` on a fresh
database (the machine's PostgreSQL and Redis, as `make test` uses them), a dataset of 200
items and two finished experiments, then runs the clients: each loops over item listing,
results, compare (reads) and item create, production run create (writes). Prints the error
count and p50/p95 per operation; docs/reliability.md keeps the figures.
"""

import argparse
import asyncio
import random
import statistics
import tempfile
import time
import uuid
from pathlib import Path

import asyncpg
import httpx

from app.migrate import upgrade
from bench.fakellm import FakeLLM
from tests.fuzz import live

PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"


async def _admin(sql: str) -> None:
    conn = await asyncpg.connect(PG_ADMIN)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


def _seed(client: httpx.Client) -> dict[str, str]:
    dataset = client.post("/api/v1/datasets/", json={"name": "load"}).json()
    items = [{"input": f"question {i}", "expected_output": f"question {i}"} for i in range(200)]
    client.post(f"/api/v1/datasets/{dataset['id']}/import/", json={"items": items})
    ids = []
    for name in ("a", "b"):
        exp = client.post("/api/v1/experiments/", json={
            "name": name, "dataset_id": dataset["id"], "config": {"model": "gpt-4o-mini"}}).json()
        client.post(f"/api/v1/experiments/{exp['id']}/start/")
        ids.append(exp["id"])
    for exp_id in ids:
        while client.get(f"/api/v1/experiments/{exp_id}/").json()["status"] == "running":
            time.sleep(0.2)
    return {"dataset": dataset["id"], "a": ids[0], "b": ids[1]}


def _operations(ids: dict[str, str]) -> dict[str, tuple[str, str, dict]]:
    ds = ids["dataset"]
    return {
        "list items": ("GET", f"/api/v1/datasets/{ds}/items/", {"params": {"page_size": 50}}),
        "results": ("GET", f"/api/v1/experiments/{ids['a']}/results/", {}),
        "compare": ("GET", "/api/v1/experiments/compare/",
                    {"params": {"experiment_ids": f"{ids['a']},{ids['b']}"}}),
        "create item": ("POST", f"/api/v1/datasets/{ds}/items/", {"json": {"input": "load"}}),
        "create run": ("POST", "/api/v1/runs/", {"json": {"agent_name": "load", "inputs": {}}}),
    }


async def _client(base: str, auth: dict, ops: dict, until: float, out: dict, errors: list) -> None:
    names = list(ops)
    weights = [3, 2, 1, 1, 1]  # reads outnumber writes
    async with httpx.AsyncClient(base_url=base, headers=auth, timeout=60) as client:
        while time.monotonic() < until:
            name = random.choices(names, weights)[0]
            method, url, kwargs = ops[name]
            start = time.perf_counter()
            try:
                response = await client.request(method, url, **kwargs)
                ok = response.status_code < 400
            except httpx.HTTPError as exc:
                ok, response = False, exc
            out[name].append(time.perf_counter() - start)
            if not ok:
                errors.append(f"{name}: {response}")


async def _drive(server: live.Live, ids: dict[str, str], clients: int, seconds: float) -> None:
    ops = _operations(ids)
    out: dict[str, list[float]] = {name: [] for name in ops}
    errors: list[str] = []
    until = time.monotonic() + seconds
    await asyncio.gather(*(_client(server.base_url, server.auth, ops, until, out, errors)
                           for _ in range(clients)))
    total = sum(len(v) for v in out.values())
    print(f"{clients} clients, {seconds:.0f} s: {total} requests, {len(errors)} errors")
    for name, times in out.items():
        q = statistics.quantiles(times, n=20) if len(times) > 1 else times * 19
        print(f"  {name:12} n={len(times):6}  p50={statistics.median(times) * 1000:7.1f} ms"
              f"  p95={q[18] * 1000:7.1f} ms")
    for line in errors[:10]:
        print("  error:", line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--api-workers", type=int, default=2)
    args = parser.parse_args()
    name = f"evalforge_load_{uuid.uuid4().hex[:8]}"
    asyncio.run(_admin(f'CREATE DATABASE "{name}"'))
    url = f"postgresql+asyncpg://postgres@127.0.0.1:5432/{name}"
    try:
        upgrade(url)
        tmp = Path(tempfile.mkdtemp(prefix="evalforge-load-"))
        with FakeLLM() as fake, live.serve(live.server_env(url, tmp, fake.base_url), tmp,
                                           workers=args.api_workers) as server:
            with httpx.Client(base_url=server.base_url, headers=server.auth, timeout=180) as c:
                ids = _seed(c)
            asyncio.run(_drive(server, ids, args.clients, args.seconds))
    finally:
        asyncio.run(_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


if __name__ == "__main__":
    main()
