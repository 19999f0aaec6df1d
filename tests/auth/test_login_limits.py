"""Login throttling (issue 15.7): 429 with Retry-After, checked before argon2, short lockouts.

On SQLite the counters live in the app's memory; on PostgreSQL the app has a Redis URL, so
the same tests exercise the Redis store.
"""

import asyncio

import httpx
import pytest

from app.config import Settings
from tests.auth.conftest import VerifyCall, client_at, started_app, try_login
from tests.conftest import add_user

# Windows far longer than the tests (argon2 may take a second on a loaded machine), except in
# the test that waits one out.
WINDOW_S = 60.0
SHORT_WINDOW_S = 3.0


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(update={
        "login_max_failures": 3, "login_failure_window_s": WINDOW_S,
        "login_account_max_failures": 6,
        "login_ip_max_failures": 8, "login_ip_window_s": WINDOW_S,
    })


def assert_throttled(response: httpx.Response, window_s: float = WINDOW_S) -> int:
    assert response.status_code == 429, response.text
    retry = int(response.headers["retry-after"])
    assert 1 <= retry <= window_s
    assert response.json() == {"detail": f"Too many failed logins; try again in {retry} seconds."}
    return retry


async def test_lockout_refuses_the_right_password(app, verify_calls: list[VerifyCall]) -> None:
    await add_user(app, "acme", "a@acme.test")
    async with client_at(app, "10.0.0.1") as guesser, client_at(app, "10.0.0.2") as owner:
        for _ in range(3):
            assert (await try_login(guesser, "a@acme.test", "wrong")).status_code == 401
        assert len(verify_calls) == 3
        assert_throttled(await try_login(guesser, "a@acme.test", "wrong"))
        assert_throttled(await try_login(guesser, "a@acme.test"))
        assert len(verify_calls) == 3  # refused attempts cost no argon2
        # The lockout is the guesser's: the owner elsewhere still logs in.
        assert (await try_login(owner, "a@acme.test")).status_code == 200


async def test_lockout_lifts_when_the_window_ends(settings: Settings) -> None:
    async with started_app(
        settings, login_max_failures=1, login_failure_window_s=SHORT_WINDOW_S
    ) as app, client_at(app) as user:
        await add_user(app, "acme", "a@acme.test")
        assert (await try_login(user, "a@acme.test", "wrong")).status_code == 401
        retry = assert_throttled(await try_login(user, "a@acme.test"), SHORT_WINDOW_S)
        await asyncio.sleep(retry + 0.2)
        assert (await try_login(user, "a@acme.test")).status_code == 200


async def test_unknown_email_is_throttled_alike(app) -> None:
    async with client_at(app, "10.0.0.1") as guesser:
        for _ in range(3):
            assert (await try_login(guesser, "nobody@acme.test", "wrong")).status_code == 401
        assert_throttled(await try_login(guesser, "nobody@acme.test", "wrong"))


async def test_success_clears_the_pairs_failures(app) -> None:
    await add_user(app, "acme", "a@acme.test")
    async with client_at(app, "10.0.0.1") as user:
        for _ in range(2):
            for _ in range(2):
                assert (await try_login(user, "a@acme.test", "typo")).status_code == 401
            assert (await try_login(user, "a@acme.test")).status_code == 200


async def test_guesses_from_many_addresses_lock_the_account(app) -> None:
    await add_user(app, "acme", "a@acme.test")
    for n in range(6):
        async with client_at(app, f"10.0.1.{n}") as guesser:
            assert (await try_login(guesser, "a@acme.test", "wrong")).status_code == 401
    async with client_at(app, "10.0.2.1") as owner:
        assert_throttled(await try_login(owner, "a@acme.test"))


async def test_one_address_guessing_many_emails_is_throttled(app) -> None:
    await add_user(app, "acme", "a@acme.test")
    async with client_at(app, "10.0.0.9") as spray, client_at(app, "10.0.0.10") as owner:
        for n in range(8):
            assert (await try_login(spray, f"u{n}@acme.test", "wrong")).status_code == 401
        assert_throttled(await try_login(spray, "a@acme.test"))
        assert (await try_login(owner, "a@acme.test")).status_code == 200


async def test_concurrent_guesses_cannot_slip_past_the_limit(app, verify_calls: list[VerifyCall]) -> None:
    await add_user(app, "acme", "a@acme.test")
    async with client_at(app, "10.0.0.1") as guesser:
        responses = await asyncio.gather(
            *(try_login(guesser, "a@acme.test", "wrong") for _ in range(20))
        )
    assert sorted(r.status_code for r in responses) == [401] * 3 + [429] * 17
    assert len(verify_calls) == 3
