"""API keys: who sees and who may revoke which key; logout for every role."""

import httpx


async def _key(client: httpx.AsyncClient, name: str) -> dict:
    created = await client.post("/api/v1/api-keys/", json={"name": name})
    assert created.status_code == 201, created.text
    return created.json()


async def test_member_cannot_revoke_the_admins_key(app, client, member) -> None:
    admin_key = await _key(client, "admin-ci")
    refused = await member.delete(f"/api/v1/api-keys/{admin_key['id']}/")
    assert refused.status_code == 404
    assert refused.json() == {"detail": "API key not found."}
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as bearer:
        bearer.headers["Authorization"] = f"Bearer {admin_key['key']}"
        assert (await bearer.get("/api/v1/auth/me/")).status_code == 200


async def test_member_revokes_own_key_and_admin_revokes_any(client, member) -> None:
    own = await _key(member, "mine")
    other = await _key(member, "second")
    assert (await member.delete(f"/api/v1/api-keys/{own['id']}/")).status_code == 204
    assert (await client.delete(f"/api/v1/api-keys/{other['id']}/")).status_code == 204
    assert (await member.get("/api/v1/api-keys/")).json() == []


async def test_members_list_their_own_keys_admins_all(client, member) -> None:
    await _key(client, "admin-ci")
    mine = await _key(member, "member-ci")
    listed = (await member.get("/api/v1/api-keys/")).json()
    assert [(k["name"], k["id"]) for k in listed] == [("member-ci", mine["id"])]
    all_keys = (await client.get("/api/v1/api-keys/")).json()
    assert sorted(k["name"] for k in all_keys) == ["admin-ci", "member-ci"]
    me = (await member.get("/api/v1/auth/me/")).json()["user"]["id"]
    assert next(k for k in all_keys if k["name"] == "member-ci")["user_id"] == me


async def test_viewer_revokes_own_key_but_not_others(client, member, viewer) -> None:
    # A key made while the viewer was a member keeps working, with the viewer's role.
    viewer_id = next(
        u["id"] for u in (await client.get("/api/v1/users/")).json()["results"]
        if u["email"] == "viewer@acme.test"
    )
    await client.patch(f"/api/v1/users/{viewer_id}/", json={"role": "member"})
    own = await _key(viewer, "old")
    await client.patch(f"/api/v1/users/{viewer_id}/", json={"role": "viewer"})
    members = await _key(member, "member-ci")
    assert (await viewer.delete(f"/api/v1/api-keys/{members['id']}/")).status_code == 404
    assert (await viewer.delete(f"/api/v1/api-keys/{own['id']}/")).status_code == 204


async def test_viewer_can_log_out_and_the_session_dies(viewer: httpx.AsyncClient) -> None:
    token = viewer.cookies["sessionid"]
    response = await viewer.post("/api/v1/auth/logout/")
    assert response.status_code == 204
    assert 'sessionid=""' in response.headers["set-cookie"]
    viewer.cookies.set("sessionid", token)
    assert (await viewer.get("/api/v1/auth/me/")).status_code == 401


async def test_logout_keeps_the_csrf_check(client: httpx.AsyncClient) -> None:
    refused = await client.post("/api/v1/auth/logout/", headers={"Origin": "https://evil.example"})
    assert refused.status_code == 403
    assert (await client.get("/api/v1/auth/me/")).status_code == 200
