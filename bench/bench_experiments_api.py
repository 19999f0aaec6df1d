"""Experiments API at scale, without model calls: create (variable check over every item),
start (one run per item, INSERT ... SELECT), results JSON, CSV export and compare.

    .venv/bin/python -m bench.bench_experiments_api --items 10000 --backend sqlite
    .venv/bin/python -m bench.bench_experiments_api --items 10000 --backend postgres

Jobs are recorded, not run, so the figures are the API's own. Uses a fresh database.
"""

import argparse
import asyncio
import tempfile
import time
import uuid
from typing import Any

import asyncpg
import httpx
from sqlalchemy import insert, select

from app.auth import service as auth_service
from app.config import Settings
from app.main import create_app
from app.migrate import upgrade
from app.models import Dataset, DatasetItem, Organization
from app.models.base import utcnow

PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
API = "/api/v1"


class NullQueue:
    def __init__(self) -> None:
        self.count = 0

    async def start(self, ctx: dict[str, Any]) -> None:
        return None

    async def enqueue(self, name: str, *args: Any, job_id: str | None = None) -> bool:
        self.count += 1
        return True

    async def close(self) -> None:
        return None


async def _dataset(app: Any, n: int) -> uuid.UUID:
    async with app.state.sessionmaker() as db:
        org = await auth_service.get_or_create_org(db, "bench")
        await auth_service.create_user(db, org, "bench@x.test", "bench-password", "admin")
        org_id = await db.scalar(select(Organization.id).where(Organization.slug == "bench"))
        dataset_id, now = uuid.uuid4(), utcnow()
        await db.execute(
            insert(Dataset).values(
                id=dataset_id,
                organization_id=org_id,
                name="bench",
                description="",
                tags=[],
                metadata_={},
                item_count=n,
                next_sort_order=n,
                created_at=now,
                updated_at=now,
            )
        )
        rows = [
            {
                "id": uuid.uuid4(),
                "dataset_id": dataset_id,
                "input": {"query": f"q{i}"},
                "expected_output": {"answer": f"a{i}"},
                "tags": [],
                "sort_order": i,
                "created_at": now,
                "updated_at": now,
            }
            for i in range(n)
        ]
        for i in range(0, n, 2000):
            await db.execute(insert(DatasetItem), rows[i : i + 2000])
        await db.commit()
    return dataset_id


class SentAt:
    """ASGI wrapper noting when the response body went out: the client's wait, as opposed
    to the whole call, which also covers background tasks (the deferred enqueue)."""

    def __init__(self, app: Any) -> None:
        self.app, self.at = app, 0.0

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        async def noting(message: dict) -> None:
            if message["type"] == "http.response.body" and not message.get("more_body"):
                self.at = time.perf_counter()
            await send(message)

        await self.app(scope, receive, noting)


SENT: SentAt | None = None


async def _timed(label: str, coro: Any) -> Any:
    started = time.perf_counter()
    result = await coro
    total = time.perf_counter() - started
    print(f"{label:<36} response {SENT.at - started:7.3f} s   total {total:7.3f} s")
    return result


async def run(url: str, n: int, redis_url: str = "") -> None:
    app = create_app(
        Settings(
            database_url=url,
            secret_key="bench",
            auto_migrate=False,
            reaper_interval_s=3600,
            redis_url=redis_url,
            arq_queue_name=f"evalforge:bench:{uuid.uuid4().hex}",
        )
    )
    async with app.router.lifespan_context(app):
        if not redis_url:  # jobs counted, not queued; with --redis they go to arq (no worker)
            app.state.queue = NullQueue()
        dataset_id = await _dataset(app, n)
        global SENT
        SENT = SentAt(app)
        transport = httpx.ASGITransport(app=SENT)
        async with httpx.AsyncClient(transport=transport, base_url="http://b", timeout=600) as c:
            login = {"email": "bench@x.test", "password": "bench-password"}
            assert (await c.post(f"{API}/auth/login/", json=login)).status_code == 200
            prompt = {"name": "p", "template": "Answer {{query}}"}
            assert (await c.post(f"{API}/prompts/", json=prompt)).status_code == 201
            body = {
                "name": "a",
                "dataset_id": str(dataset_id),
                "config": {"prompt_name": "p", "model": "gpt-4o-mini"},
            }
            ids = []
            for name in ("a", "b"):
                created = await _timed(
                    f"create (check {n} items)",
                    c.post(f"{API}/experiments/", json={**body, "name": name}),
                )
                ids.append(created.json()["id"])
                started = await _timed(
                    f"start ({n} runs + enqueue)", c.post(f"{API}/experiments/{ids[-1]}/start/")
                )
                assert started.json()["runs_created"] == n, started.text
            results = await _timed(
                f"results JSON ({n} rows)", c.get(f"{API}/experiments/{ids[0]}/results/")
            )
            print(f"{'':<36} {len(results.content) / 1e6:.1f} MB")
            await _timed(
                f"results CSV ({n} rows)", c.get(f"{API}/experiments/{ids[0]}/results/?format=csv")
            )
            await _timed(f"detail ({n} runs)", c.get(f"{API}/experiments/{ids[0]}/"))
            compare = {"experiment_ids": ids}
            await _timed(f"compare 2 x {n}", c.post(f"{API}/experiments/compare/", json=compare))
            if redis_url:
                redis = app.state.queue._pool
                print(f"jobs in redis: {await redis.zcard(app.state.settings.arq_queue_name)}")
                # Remove only this run's jobs and queue, whatever else the database holds.
                name = app.state.settings.arq_queue_name
                job_ids = await redis.zrange(name, 0, -1)
                for i in range(0, len(job_ids), 1000):
                    await redis.delete(*(b"arq:job:" + j for j in job_ids[i : i + 1000]))
                await redis.delete(name)
            else:
                print(f"jobs enqueued: {app.state.queue.count}")


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--backend", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--redis", default="", help="enqueue to arq at this URL (a spare db)")
    args = parser.parse_args()
    if args.backend == "sqlite":
        with tempfile.TemporaryDirectory() as tmp:
            url = f"sqlite+aiosqlite:///{tmp}/bench.db"
            await asyncio.to_thread(upgrade, url)
            await run(url, args.items, args.redis)
        return
    name = f"evalforge_bench_{uuid.uuid4().hex[:8]}"
    conn = await asyncpg.connect(PG_ADMIN)
    await conn.execute(f'CREATE DATABASE "{name}"')
    try:
        url = f"postgresql+asyncpg://postgres@127.0.0.1:5432/{name}"
        await asyncio.to_thread(upgrade, url)
        await run(url, args.items, args.redis)
    finally:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await conn.close()


if __name__ == "__main__":
    asyncio.run(main())
