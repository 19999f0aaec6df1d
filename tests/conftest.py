"""Every API test runs twice: on SQLite and on PostgreSQL (a fresh database per session).

SQLite: the schema is migrated once into a template file that each test copies.
PostgreSQL: the schema is migrated once into `evalforge_test_<random>`; each test truncates.
Set EVALFORGE_TEST_BACKENDS=sqlite to run only the embedded backend while iterating.
"""

import asyncio
import os
import shutil
import signal
import time
import uuid
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")

import asyncpg  # noqa: E402
import httpx  # noqa: E402
import pytest  # noqa: E402
from arq.worker import Worker  # noqa: E402
from fastapi import FastAPI  # noqa: E402

from app.auth import service as auth_service  # noqa: E402
from app.config import Settings  # noqa: E402
from app.db import Base  # noqa: E402
from app.main import create_app  # noqa: E402
from app.migrate import upgrade  # noqa: E402
from workers.worker import worker_settings  # noqa: E402

PG_ADMIN_DSN = os.environ.get("EVALFORGE_TEST_PG_DSN", "postgresql://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("EVALFORGE_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
BACKENDS = [b for b in os.environ.get("EVALFORGE_TEST_BACKENDS", "sqlite,postgres").split(",") if b]
PASSWORD = "correct-horse-battery"


def in_thread(coro) -> None:  # noqa: ANN001
    """Run a coroutine to completion on a loop of its own (session fixtures are sync)."""
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, coro).result()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sqlite") / "template.db"
    upgrade(f"sqlite+aiosqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def pg_database() -> AsyncIterator[str]:
    name = f"evalforge_test_{uuid.uuid4().hex[:10]}"

    async def admin(sql: str) -> None:
        conn = await asyncpg.connect(PG_ADMIN_DSN)
        try:
            await conn.execute(sql)
        finally:
            await conn.close()

    in_thread(admin(f'CREATE DATABASE "{name}"'))
    base = PG_ADMIN_DSN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+asyncpg://")
    url = f"{base}/{name}"
    upgrade(url)
    yield url
    in_thread(admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


async def _truncate_all(url: str) -> None:
    dsn = url.replace("postgresql+asyncpg://", "postgresql://")
    tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    conn = await asyncpg.connect(dsn)
    try:
        await conn.execute(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
    finally:
        await conn.close()


@pytest.fixture(params=BACKENDS)
async def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        path = tmp_path / "test.db"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite+aiosqlite:///{path}"
    url = request.getfixturevalue("pg_database")
    await _truncate_all(url)
    return url


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    """Settings of one test. On PostgreSQL, jobs go through Redis and arq, on a queue of the
    test's own (the production shape); on SQLite, through the in-process queue (the embedded
    default). Override this fixture in a folder's conftest to change a setting."""
    on_postgres = database_url.startswith("postgresql")
    return Settings(
        database_url=database_url,
        redis_url=REDIS_URL if on_postgres else "",
        arq_queue_name=f"evalforge:test:{uuid.uuid4().hex}",
        worker_poll_delay_s=0.02,
        secret_key="test-secret",
        auto_migrate=False,
        secret_file=str(tmp_path / "secret"),
        # No bootstrap admin, whatever the environment says (`make test` exports one for
        # `make run`): a test's database starts without users.
        admin_email="",
        admin_password="",
        # The fake model and agent servers listen on loopback: allowed explicitly.
        agent_allowed_hosts=["127.0.0.1", "localhost", "::1"],
    )


async def start_arq_worker(settings: Settings) -> tuple[Worker, asyncio.Task]:
    """An arq worker running the registered jobs inside the test's event loop."""
    worker = Worker(**worker_settings(settings), handle_signals=False, burst=False)
    return worker, asyncio.create_task(worker.async_run())


async def stop_arq_worker(worker: Worker, task: asyncio.Task) -> None:
    """Cancel its jobs (they hand their runs back), then close it as arq's own shutdown does."""
    worker.handle_sig(signal.SIGUSR1)
    await asyncio.gather(task, *worker.tasks.values(), return_exceptions=True)
    if worker._pool is not None:
        await worker.on_shutdown(worker.ctx)
        await worker.pool.close(close_connection_pool=True)


@pytest.fixture
async def app(settings: Settings) -> AsyncIterator[FastAPI]:
    """The application, started; with `settings.redis_url`, also an arq worker in this loop,
    so experiments started through the API run end to end on both backends."""
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        worker = await start_arq_worker(settings) if settings.redis_url else None
        try:
            yield application
        finally:
            if worker is not None:
                await stop_arq_worker(*worker)


async def wait_for_experiment(client: httpx.AsyncClient, experiment_id: str, timeout: float = 30) -> dict:
    """Poll GET /experiments/{id}/ until completed, failed or cancelled; return that body."""
    deadline = time.monotonic() + timeout
    while True:
        response = await client.get(f"/api/v1/experiments/{experiment_id}/")
        assert response.status_code == 200, response.text
        body = response.json()
        if body["status"] in ("completed", "failed", "cancelled"):
            return body
        if time.monotonic() > deadline:
            raise AssertionError(f"experiment {experiment_id} still {body['status']} after {timeout}s")
        await asyncio.sleep(0.05)


@dataclass
class Account:
    email: str
    org_slug: str
    role: str


async def add_user(app: FastAPI, org_slug: str, email: str, role: str = "admin") -> Account:
    async with app.state.sessionmaker() as db:
        org = await auth_service.get_or_create_org(db, org_slug)
        await auth_service.create_user(db, org, email, PASSWORD, role)
        await db.commit()
    return Account(email, org_slug, role)


def _client(app: FastAPI) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver")


async def login(app: FastAPI, account: Account) -> httpx.AsyncClient:
    client = _client(app)
    response = await client.post("/api/v1/auth/login/", json={"email": account.email, "password": PASSWORD})
    assert response.status_code == 200, response.text
    return client


@pytest.fixture
async def anon(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """A client with no credentials."""
    async with _client(app) as client:
        yield client


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """An admin of organization `acme`, logged in with the sessionid cookie (as the seed's curl)."""
    c = await login(app, await add_user(app, "acme", "admin@acme.test", "admin"))
    yield c
    await c.aclose()


@pytest.fixture
async def viewer(app: FastAPI, client: httpx.AsyncClient) -> AsyncIterator[httpx.AsyncClient]:
    """A read-only member of `acme`."""
    c = await login(app, await add_user(app, "acme", "viewer@acme.test", "viewer"))
    yield c
    await c.aclose()


@pytest.fixture
async def other_org(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """An admin of another organization, `globex`: must never see acme's objects."""
    c = await login(app, await add_user(app, "globex", "admin@globex.test", "admin"))
    yield c
    await c.aclose()


from collections.abc import Iterator  # noqa: E402

from bench.fakellm import FakeLLM  # noqa: E402


@pytest.fixture
def fake_llm(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeLLM]:
    """A local OpenAI-compatible server; litellm reaches it through the OPENAI_* env vars."""
    with FakeLLM() as fake:
        monkeypatch.setenv("OPENAI_BASE_URL", fake.base_url)
        monkeypatch.setenv("OPENAI_API_BASE", fake.base_url)
        monkeypatch.setenv("OPENAI_API_KEY", "sk-fake")
        yield fake


@pytest.fixture(params=["auto", "litellm"])
def llm_transport(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Runs a model-calling test through both lanes of app.llm: the OpenAI lane ("auto") and
    plain litellm.acompletion ("litellm"). Settings built after it read the variable."""
    from app.llm import client as llm_client

    monkeypatch.setenv("EVALFORGE_LLM_TRANSPORT", request.param)
    llm_client._config = None
    yield request.param
    llm_client._config = None


@pytest.fixture(scope="session", autouse=True)
async def _close_model_sessions() -> AsyncIterator[None]:
    """Tests that call app.llm without an app leave its HTTP session open: close it."""
    yield
    from app import llm

    await llm.aclose()
