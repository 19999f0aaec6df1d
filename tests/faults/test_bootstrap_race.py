"""`evalforge serve --workers N` on a fresh database: every process bootstraps the admin at
start-up at the same moment. One creates it; the others start normally (before, they died on
the unique organization slug, found by bench/load.py with two API workers)."""

import asyncio

from fastapi import FastAPI
from sqlalchemy import func, select

from app.auth import service
from app.models import User


async def test_concurrent_bootstraps_create_one_admin_and_all_start(app: FastAPI) -> None:
    async def bootstrap() -> bool:
        async with app.state.sessionmaker() as db:
            return await service.bootstrap_admin(db, "boss@x.test", "long-enough-pw", "fresh")

    created = await asyncio.gather(*(bootstrap() for _ in range(4)))
    assert sorted(created) == [False, False, False, True]
    async with app.state.sessionmaker() as db:
        assert await db.scalar(select(func.count()).select_from(User)) == 1
