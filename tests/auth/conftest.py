"""Auth test helpers: an app with changed settings, clients at given addresses, an argon2 spy."""

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

import httpx
import pytest
from fastapi import FastAPI

from app.auth import security
from app.config import Settings
from app.main import create_app
from tests.conftest import PASSWORD, add_user, login


@asynccontextmanager
async def started_app(settings: Settings, **changes: object) -> AsyncIterator[FastAPI]:
    """The application with some settings changed, started (no worker: auth needs none)."""
    application = create_app(settings.model_copy(update=changes))
    async with application.router.lifespan_context(application):
        yield application


def client_at(app: FastAPI, ip: str = "127.0.0.1") -> httpx.AsyncClient:
    """A client whose requests come from `ip` (the address the login limits count)."""
    transport = httpx.ASGITransport(app=app, client=(ip, 40000))
    return httpx.AsyncClient(transport=transport, base_url="http://testserver")


async def try_login(client: httpx.AsyncClient, email: str, password: str = PASSWORD) -> httpx.Response:
    return await client.post("/api/v1/auth/login/", json={"email": email, "password": password})


@dataclass
class VerifyCall:
    password_hash: str | None
    thread: str


@pytest.fixture
def verify_calls(monkeypatch: pytest.MonkeyPatch) -> list[VerifyCall]:
    """Every argon2 verification, with the thread it ran on (the real one still runs)."""
    calls: list[VerifyCall] = []
    real = security._verify

    def spy(password_hash: str | None, password: str) -> bool:
        calls.append(VerifyCall(password_hash, threading.current_thread().name))
        return real(password_hash, password)

    monkeypatch.setattr(security, "_verify", spy)
    return calls


@pytest.fixture
async def member(app: FastAPI, client: httpx.AsyncClient) -> AsyncIterator[httpx.AsyncClient]:
    """A member (read and write, not admin) of `acme`."""
    c = await login(app, await add_user(app, "acme", "member@acme.test", "member"))
    yield c
    await c.aclose()


async def user_id(admin: httpx.AsyncClient, email: str) -> str:
    listed = (await admin.get("/api/v1/users/", params={"page_size": 500})).json()["results"]
    return next(u["id"] for u in listed if u["email"] == email)
