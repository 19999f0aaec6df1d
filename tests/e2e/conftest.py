"""Browser tests: headless Chromium (Debian's, /usr/bin/chromium; scripts/ensure_browser.sh
installs it) driven by playwright, against a live `evalforge serve` on a free port, with the
scripted demo model answering from the local fake server (registered in EVALFORGE_MODELS).
On PostgreSQL an `evalforge worker` runs the experiments through Redis, as in production.

Set EVALFORGE_SCREENSHOTS=docs/img to save the pages' screenshots while the tests run.
"""

import json
import os
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from playwright.async_api import Browser, Page, async_playwright

from app.auth import service as auth_service
from app.db import make_engine, make_sessionmaker
from app.ui import demo_data
from bench.fakellm import FakeLLM
from tests.conftest import PASSWORD, REDIS_URL
from tests.live import serving

CHROMIUM = "/usr/bin/chromium"
SHOTS = os.environ.get("EVALFORGE_SCREENSHOTS", "")


@dataclass
class Live:
    url: str
    admin: str
    viewer: str


async def _users(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        async with make_sessionmaker(engine)() as db:
            org = await auth_service.get_or_create_org(db, "acme")
            await auth_service.create_user(db, org, "admin@acme.test", PASSWORD, "admin")
            await auth_service.create_user(db, org, "viewer@acme.test", PASSWORD, "viewer")
            await db.commit()
    finally:
        await engine.dispose()


def _env(database_url: str, fake: FakeLLM, tmp_path: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "EVALFORGE_DATABASE_URL": database_url, "EVALFORGE_AUTO_MIGRATE": "false",
        "EVALFORGE_SECRET_FILE": str(tmp_path / "secret"), "LITELLM_LOCAL_MODEL_COST_MAP": "True",
        "EVALFORGE_MODELS": json.dumps({"demo-model": {"model": "openai/demo-model", "api_base": fake.base_url}}),
        "EVALFORGE_REDIS_URL": "",
    }
    for name in ("EVALFORGE_ADMIN_EMAIL", "EVALFORGE_ADMIN_PASSWORD"):
        env.pop(name, None)
    if database_url.startswith("postgresql"):
        env["EVALFORGE_REDIS_URL"] = REDIS_URL
        env["EVALFORGE_ARQ_QUEUE_NAME"] = f"evalforge:e2e:{uuid.uuid4().hex}"
    return env


@pytest.fixture
def demo_fake(fake_llm: FakeLLM) -> FakeLLM:
    fake_llm.reply_fn = demo_data.reply
    return fake_llm


@pytest.fixture
async def users(database_url: str) -> str:
    await _users(database_url)
    return database_url


@pytest.fixture
def live(users: str, demo_fake: FakeLLM, tmp_path: Path) -> Iterator[Live]:
    with serving(_env(users, demo_fake, tmp_path), tmp_path) as (url, _):
        yield Live(url, "admin@acme.test", "viewer@acme.test")


@pytest.fixture(scope="session")
async def browser() -> AsyncIterator[Browser]:
    async with async_playwright() as pw:
        chromium = await pw.chromium.launch(executable_path=CHROMIUM, headless=True)
        yield chromium
        await chromium.close()


@pytest.fixture
async def page(browser: Browser) -> AsyncIterator[Page]:
    context = await browser.new_context(viewport={"width": 1366, "height": 900})
    tab = await context.new_page()
    # Generous: the first experiment makes the server import litellm (seconds of CPU), and the
    # suite shares two cores with other processes. Waits end as soon as the page is ready.
    tab.set_default_timeout(90_000)
    yield tab
    await context.close()


async def log_in(page: Page, live: Live, email: str) -> None:
    await page.goto(f"{live.url}/")
    await page.get_by_label("Email").fill(email)
    await page.get_by_label("Password").fill(PASSWORD)
    await page.get_by_role("button", name="Log in").click()
    await page.wait_for_url(f"{live.url}/ui/datasets/")


async def shot(page: Page, name: str) -> None:
    """Save a screenshot into $EVALFORGE_SCREENSHOTS (the docs' images) when it is set."""
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        await page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


@pytest.fixture
def api(live: Live) -> Iterator[httpx.Client]:
    """The admin's API client on the live server, for setup the UI does not offer (prompts)."""
    with httpx.Client(base_url=live.url, timeout=30) as client:
        client.post("/api/v1/auth/login/", json={"email": live.admin, "password": PASSWORD}).raise_for_status()
        yield client
