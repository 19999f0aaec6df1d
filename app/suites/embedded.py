"""The embedded engine: the evalforge app itself, started in this process on a SQLite file
(temporary unless --db keeps it) with the in-process queue, reached through httpx's
ASGITransport: the same API, validation and engine as a server, without a network."""

import asyncio
import secrets
import tempfile
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
from fastapi import FastAPI
from sqlalchemy import select

from app.auth import service as auth_service
from app.config import Settings
from app.main import create_app
from app.migrate import upgrade
from app.models import ExperimentRun, User

ORG = "suite-runner"
EMAIL = "suite-runner@localhost"


@dataclass
class Engine:
    app: FastAPI
    http: httpx.AsyncClient
    url: str

    async def messages(self, run_ids: list[str]) -> dict[str, list]:
        """Each finished run's messages: the API's results leave them out, the database has
        them (a server run leaves results.jsonl's `messages` empty)."""
        async with self.app.state.sessionmaker() as db:
            rows = await db.execute(select(ExperimentRun.id, ExperimentRun.messages).where(
                ExperimentRun.id.in_([uuid.UUID(i) for i in run_ids])))
            return {str(run_id): messages for run_id, messages in rows}


async def _api_key(app: FastAPI) -> str:
    async with app.state.sessionmaker() as db:
        org = await auth_service.get_or_create_org(db, ORG)
        user = await db.scalar(select(User).where(User.email == EMAIL))
        if user is None:
            user, _ = await auth_service.insert_user(db, org.id, EMAIL, secrets.token_urlsafe(24), "admin")
        await db.commit()
        _, token = await auth_service.create_api_key(db, org.id, user.id, "evalforge run")
        return token


@asynccontextmanager
async def start(db_path: Path | None, concurrency: int | None) -> AsyncIterator[Engine]:
    with tempfile.TemporaryDirectory(prefix="evalforge-run-") as scratch:
        path = db_path.resolve() if db_path else Path(scratch) / "suite.db"
        url = f"sqlite+aiosqlite:///{path}"
        await asyncio.to_thread(upgrade, url)
        update = {"database_url": url, "redis_url": "", "auto_migrate": False,
                  "secret_file": str(Path(scratch) / "secret")}
        if concurrency:
            update["max_concurrency"] = concurrency
        # The environment as it is now (get_settings() is cached for the process).
        app = create_app(Settings().model_copy(update=update))
        async with app.router.lifespan_context(app):
            token = await _api_key(app)
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://evalforge.embedded",
                                         headers={"Authorization": f"Bearer {token}"},
                                         timeout=None) as http:
                yield Engine(app, http, str(path) if db_path else "")
