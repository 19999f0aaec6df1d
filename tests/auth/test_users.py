"""User management by admins: list, role, deactivation that ends credentials at once."""

import httpx
from sqlalchemy import update

from app.models import Membership, User
from tests.auth.conftest import try_login, user_id
from tests.conftest import PASSWORD


async def _bearer(app, key: str) -> httpx.AsyncClient:
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t")
    client.headers["Authorization"] = f"Bearer {key}"
    return client


async def test_admin_lists_members_page_by_page(client, member, viewer) -> None:
    first = await client.get("/api/v1/users/", params={"page_size": 2})
    assert first.status_code == 200
    body = first.json()
    assert body["count"] == 3 and body["previous"] is None and "page=2" in body["next"]
    assert [u["email"] for u in body["results"]] == ["admin@acme.test", "member@acme.test"]
    assert set(body["results"][0]) == {"id", "email", "role", "is_active", "created_at"}
    assert body["results"][1]["role"] == "member" and body["results"][1]["is_active"] is True
    second = (await client.get(body["next"])).json()
    assert [(u["email"], u["role"]) for u in second["results"]] == [("viewer@acme.test", "viewer")]


async def test_only_admins_manage_users(client, member, viewer) -> None:
    target = await user_id(client, "viewer@acme.test")
    for caller in (member, viewer):
        assert (await caller.get("/api/v1/users/")).status_code == 403
        patch = await caller.patch(f"/api/v1/users/{target}/", json={"role": "admin"})
        assert patch.status_code == 403


async def test_user_of_another_organization_is_404(client, member, other_org) -> None:
    target = await user_id(client, "member@acme.test")
    assert (await other_org.patch(f"/api/v1/users/{target}/", json={"is_active": False})).status_code == 404
    assert (await other_org.delete(f"/api/v1/users/{target}/")).status_code == 404
    listed = (await other_org.get("/api/v1/users/")).json()
    assert [u["email"] for u in listed["results"]] == ["admin@globex.test"]
    assert (await member.get("/api/v1/auth/me/")).status_code == 200


async def test_deactivation_ends_sessions_and_keys_at_once(app, client, member) -> None:
    key = (await member.post("/api/v1/api-keys/", json={"name": "ci"})).json()["key"]
    target = await user_id(client, "member@acme.test")
    changed = await client.patch(f"/api/v1/users/{target}/", json={"is_active": False})
    assert changed.status_code == 200 and changed.json()["is_active"] is False
    async with await _bearer(app, key) as bearer:
        assert (await bearer.get("/api/v1/auth/me/")).status_code == 401
    assert (await member.get("/api/v1/auth/me/")).status_code == 401
    refused = await try_login(member, "member@acme.test")
    assert refused.status_code == 401 and refused.json() == {"detail": "Invalid email or password."}
    # Reactivated: the old session and key stay dead (deleted, not just suspended).
    assert (await client.patch(f"/api/v1/users/{target}/", json={"is_active": True})).status_code == 200
    async with await _bearer(app, key) as bearer:
        assert (await bearer.get("/api/v1/auth/me/")).status_code == 401
    assert (await member.get("/api/v1/auth/me/")).status_code == 401
    assert (await try_login(member, "member@acme.test")).status_code == 200


async def test_inactive_membership_or_user_refuses_live_credentials(app, client, member) -> None:
    """Every request checks the flags, even for a session or key deactivation did not delete."""
    key = (await member.post("/api/v1/api-keys/", json={"name": "ci"})).json()["key"]
    async with await _bearer(app, key) as bearer:
        for flag in (Membership.is_active, User.is_active):
            table = flag.class_
            where = table.email == "member@acme.test" if table is User else table.role == "member"
            async with app.state.sessionmaker() as db:
                await db.execute(update(table).where(where).values(is_active=False))
                await db.commit()
            assert (await member.get("/api/v1/auth/me/")).status_code == 401
            assert (await bearer.get("/api/v1/auth/me/")).status_code == 401
            async with app.state.sessionmaker() as db:
                await db.execute(update(table).where(where).values(is_active=True))
                await db.commit()
            assert (await member.get("/api/v1/auth/me/")).status_code == 200
            assert (await bearer.get("/api/v1/auth/me/")).status_code == 200


async def test_role_change_applies_to_the_live_session(client, member) -> None:
    target = await user_id(client, "member@acme.test")
    demoted = await client.patch(f"/api/v1/users/{target}/", json={"role": "viewer"})
    assert demoted.status_code == 200 and demoted.json()["role"] == "viewer"
    assert (await member.post("/api/v1/api-keys/", json={"name": "x"})).status_code == 403
    assert (await member.get("/api/v1/auth/me/")).json()["user"]["role"] == "viewer"


async def test_last_active_admin_cannot_demote_or_deactivate_themselves(app, client, member) -> None:
    me = await user_id(client, "admin@acme.test")
    for change in ({"role": "member"}, {"is_active": False}):
        refused = await client.patch(f"/api/v1/users/{me}/", json=change)
        assert refused.status_code == 409
        assert "at least one active admin" in refused.json()["detail"]
    assert (await client.delete(f"/api/v1/users/{me}/")).status_code == 409
    # An inactive admin does not count as the other admin.
    other = await user_id(client, "member@acme.test")
    await client.patch(f"/api/v1/users/{other}/", json={"role": "admin", "is_active": False})
    assert (await client.patch(f"/api/v1/users/{me}/", json={"role": "member"})).status_code == 409
    await client.patch(f"/api/v1/users/{other}/", json={"is_active": True})
    demoted = await client.patch(f"/api/v1/users/{me}/", json={"role": "member"})
    assert demoted.status_code == 200 and demoted.json()["role"] == "member"


async def test_delete_deactivates_and_keeps_the_account(client, member) -> None:
    target = await user_id(client, "member@acme.test")
    assert (await client.delete(f"/api/v1/users/{target}/")).status_code == 204
    listed = (await client.get("/api/v1/users/")).json()["results"]
    assert [(u["email"], u["is_active"]) for u in listed][1] == ("member@acme.test", False)
    assert (await member.get("/api/v1/auth/me/")).status_code == 401


async def test_user_update_validates_fields(client, member) -> None:
    target = await user_id(client, "member@acme.test")
    bad = await client.patch(f"/api/v1/users/{target}/", json={"role": "owner", "password": "x"})
    assert bad.status_code == 422
    fields = {tuple(e["loc"]) for e in bad.json()["detail"]}
    assert fields == {("body", "role"), ("body", "password")}
    assert (await client.patch("/api/v1/users/nope/", json={})).status_code == 422


async def test_email_taken_elsewhere_gets_a_generic_conflict(client, member, other_org) -> None:
    elsewhere = await client.post(
        "/api/v1/users/", json={"email": "Admin@Globex.test", "password": PASSWORD}
    )
    assert elsewhere.status_code == 409
    assert elsewhere.json() == {"detail": "This email address cannot be used for a new account."}
    here = await client.post("/api/v1/users/", json={"email": "member@acme.test", "password": PASSWORD})
    assert here.status_code == 409
    assert here.json() == {"detail": "member@acme.test is already a member of this organization."}


async def test_added_user_reads_like_a_listed_member(client) -> None:
    created = await client.post(
        "/api/v1/users/", json={"email": "New@Acme.test", "password": PASSWORD, "role": "viewer"}
    )
    assert created.status_code == 201
    body = created.json()
    assert (body["email"], body["role"], body["is_active"]) == ("new@acme.test", "viewer", True)
    listed = (await client.get("/api/v1/users/")).json()["results"]
    assert body in listed
    assert body["created_at"].endswith("Z") or body["created_at"].endswith("+00:00")
