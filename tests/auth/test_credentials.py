"""Credentials at rest and in time: hashed keys and passwords, expiring sessions, equal timing."""

import hashlib
from datetime import UTC, datetime, timedelta

import httpx
from argon2 import PasswordHasher
from sqlalchemy import select, update

from app.models import ApiKey, Session, User
from tests.auth.conftest import VerifyCall, started_app, try_login
from tests.conftest import PASSWORD, add_user


async def test_api_key_row_holds_only_its_sha256(app, client: httpx.AsyncClient) -> None:
    created = (await client.post("/api/v1/api-keys/", json={"name": "ci"})).json()
    key = created["key"]
    async with app.state.sessionmaker() as db:
        stored = (await db.scalars(select(ApiKey))).one()
    assert stored.key_hash == hashlib.sha256(key.encode()).hexdigest()
    row = {attr.key: getattr(stored, attr.key) for attr in ApiKey.__mapper__.column_attrs}
    secret = key.removeprefix("ef_")
    assert not [name for name, value in row.items() if secret[:16] in str(value)]
    assert stored.prefix == key[:10]  # only the few characters shown to tell keys apart


async def test_password_is_an_argon2id_hash(app) -> None:
    await add_user(app, "acme", "a@acme.test")
    async with app.state.sessionmaker() as db:
        stored = await db.scalar(select(User.password_hash).where(User.email == "a@acme.test"))
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored
    assert PasswordHasher().verify(stored, PASSWORD)


async def test_session_row_holds_the_token_hash_and_expires(app, client: httpx.AsyncClient) -> None:
    token = client.cookies["sessionid"]
    async with app.state.sessionmaker() as db:
        stored = (await db.scalars(select(Session))).one()
        assert stored.token_hash == hashlib.sha256(token.encode()).hexdigest()
        await db.execute(update(Session).values(expires_at=datetime.now(UTC) - timedelta(seconds=1)))
        await db.commit()
    response = await client.get("/api/v1/auth/me/")
    assert response.status_code == 401
    assert response.json() == {"detail": "Session expired or invalid; log in again."}


async def test_session_ttl_sets_cookie_max_age_and_expiry(settings) -> None:
    async with started_app(settings, session_ttl_hours=2) as app:
        await add_user(app, "acme", "a@acme.test")
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
            before = datetime.now(UTC)
            response = await try_login(c, "a@acme.test")
        async with app.state.sessionmaker() as db:
            expires = (await db.scalars(select(Session.expires_at))).one()
    assert response.status_code == 200
    assert "Max-Age=7200" in response.headers["set-cookie"]
    expires = expires if expires.tzinfo else expires.replace(tzinfo=UTC)
    assert timedelta(hours=2) <= expires - before < timedelta(hours=2, minutes=1)


async def test_cookie_is_secure_when_configured(settings) -> None:
    async with started_app(settings, cookie_secure=True) as app:
        await add_user(app, "acme", "a@acme.test")
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
            response = await try_login(c, "a@acme.test")
    assert response.status_code == 200
    assert "; Secure" in response.headers["set-cookie"]


async def test_unknown_email_costs_one_argon2_verification(
    app, anon: httpx.AsyncClient, verify_calls: list[VerifyCall]
) -> None:
    await add_user(app, "acme", "a@acme.test")
    assert (await try_login(anon, "nobody@acme.test", "wrong")).status_code == 401
    assert (await try_login(anon, "a@acme.test", "wrong")).status_code == 401
    # The unknown email is verified against the dummy hash, exactly like a wrong password.
    assert [c.password_hash is None for c in verify_calls] == [True, False]


async def test_argon2_runs_on_the_passwords_pool(
    app, anon: httpx.AsyncClient, verify_calls: list[VerifyCall]
) -> None:
    await add_user(app, "acme", "a@acme.test")
    assert (await try_login(anon, "a@acme.test")).status_code == 200
    assert [c.thread.split("_")[0] for c in verify_calls] == ["evalforge-passwords"]
