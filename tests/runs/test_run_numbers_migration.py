"""The run-number migration on a database that already has runs: numbers per organization in
id order, counters that continue from there, captured items pointed at the new numbers; and
back down again. On a fresh database of each backend."""

import asyncio
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import asyncpg
import pytest
import sqlalchemy as sa
from alembic import command
from sqlalchemy.ext.asyncio import AsyncConnection, create_async_engine

from app.migrate import alembic_config
from tests.conftest import BACKENDS, PG_ADMIN_DSN

BEFORE, AFTER = "20261130_0003", "20261130_0002"
NOW = datetime(2026, 11, 1, tzinfo=UTC)

org = sa.table("organization", sa.column("id", sa.Uuid()), sa.column("slug"), sa.column("name"),
               sa.column("created_at", sa.DateTime(timezone=True)),
               sa.column("updated_at", sa.DateTime(timezone=True)))
run = sa.table("agent_run", sa.column("id", sa.BigInteger()), sa.column("organization_id", sa.Uuid()),
               sa.column("agent_name"), sa.column("workflow"), sa.column("status"), sa.column("error"),
               sa.column("created_at", sa.DateTime(timezone=True)))
dataset = sa.table("dataset", sa.column("id", sa.Uuid()), sa.column("organization_id", sa.Uuid()),
                   sa.column("name"), sa.column("description"), sa.column("tags", sa.JSON()),
                   sa.column("metadata", sa.JSON()), sa.column("item_count"),
                   sa.column("next_sort_order"), sa.column("created_at", sa.DateTime(timezone=True)),
                   sa.column("updated_at", sa.DateTime(timezone=True)))
item = sa.table("dataset_item", sa.column("id", sa.Uuid()), sa.column("dataset_id", sa.Uuid()),
                sa.column("input", sa.JSON()), sa.column("context", sa.JSON()),
                sa.column("tags", sa.JSON()), sa.column("sort_order"),
                sa.column("source_run_id", sa.BigInteger()),
                sa.column("created_at", sa.DateTime(timezone=True)),
                sa.column("updated_at", sa.DateTime(timezone=True)))


@pytest.fixture(params=BACKENDS)
async def empty_database(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'numbers.db'}"
        return
    name = f"evalforge_numbers_{uuid.uuid4().hex[:10]}"
    admin = await asyncpg.connect(PG_ADMIN_DSN)
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
        yield PG_ADMIN_DSN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+asyncpg://") + f"/{name}"
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()


async def migrate(url: str, direction: str, revision: str) -> None:
    # env.py runs its own event loop: in a thread of its own.
    await asyncio.to_thread(getattr(command, direction), alembic_config(url), revision)


async def _seed(conn: AsyncConnection) -> dict:
    acme, globex = uuid.uuid4(), uuid.uuid4()
    await conn.execute(org.insert(), [
        {"id": o, "slug": s, "name": s, "created_at": NOW, "updated_at": NOW}
        for o, s in ((acme, "acme"), (globex, "globex"))])
    # One global sequence: acme gets row ids 1, 3, 5; globex 2, 4.
    owners = [acme, globex, acme, globex, acme]
    await conn.execute(run.insert(), [
        {"id": i, "organization_id": o, "agent_name": f"r{i}", "workflow": "", "status": "completed",
         "error": "", "created_at": NOW} for i, o in enumerate(owners, start=1)])
    ds = uuid.uuid4()
    await conn.execute(dataset.insert().values(
        id=ds, organization_id=acme, name="QA", description="", tags=[], metadata={}, item_count=2,
        next_sort_order=2, created_at=NOW, updated_at=NOW))
    captured, edited = uuid.uuid4(), uuid.uuid4()
    await conn.execute(item.insert(), [
        {"id": captured, "dataset_id": ds, "input": "q", "tags": [], "sort_order": 0,
         "source_run_id": 5, "context": {"agent_name": "r5", "workflow": "", "run_id": "5"},
         "created_at": NOW, "updated_at": NOW},
        {"id": edited, "dataset_id": ds, "input": "q", "tags": [], "sort_order": 1,
         "source_run_id": 3, "context": {"note": "edited by hand"}, "created_at": NOW,
         "updated_at": NOW}])
    return {"acme": acme, "globex": globex, "captured": captured, "edited": edited}


async def _items(conn: AsyncConnection, ids: dict) -> dict:
    rows = await conn.execute(sa.select(item.c.id, item.c.source_run_id, item.c.context))
    names = {ids["captured"]: "captured", ids["edited"]: "edited"}
    return {names[r.id]: (r.source_run_id, r.context) for r in rows}


async def test_existing_runs_are_numbered_per_organization_and_items_follow(empty_database) -> None:
    await migrate(empty_database, "upgrade", BEFORE)
    engine = create_async_engine(empty_database)
    try:
        async with engine.begin() as conn:
            ids = await _seed(conn)
        await migrate(empty_database, "upgrade", AFTER)
        async with engine.begin() as conn:
            numbers = await conn.execute(sa.text(
                "SELECT agent_name, number FROM agent_run ORDER BY id"))
            assert [tuple(r) for r in numbers] == [("r1", 1), ("r2", 1), ("r3", 2), ("r4", 2), ("r5", 3)]
            counters = await conn.execute(sa.text(
                "SELECT organization_id, last_number FROM agent_run_counter").columns(
                sa.column("organization_id", sa.Uuid()), sa.column("last_number")))
            assert dict(tuple(r) for r in counters) == {ids["acme"]: 3, ids["globex"]: 2}
            assert await _items(conn, ids) == {
                "captured": (3, {"agent_name": "r5", "workflow": "", "run_id": "3"}),
                "edited": (2, {"note": "edited by hand"}),
            }
        await migrate(empty_database, "downgrade", BEFORE)
        async with engine.begin() as conn:
            assert await _items(conn, ids) == {
                "captured": (5, {"agent_name": "r5", "workflow": "", "run_id": "5"}),
                "edited": (3, {"note": "edited by hand"}),
            }
    finally:
        await engine.dispose()

