"""Login, sessions, API keys, roles, tenancy and CSRF."""

import httpx

from tests.conftest import PASSWORD, add_user, login


async def test_healthz_needs_no_credentials(anon: httpx.AsyncClient) -> None:
    response = await anon.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_login_sets_httponly_session_cookie(app, anon: httpx.AsyncClient) -> None:
    await add_user(app, "acme", "a@acme.test")
    response = await anon.post("/api/v1/auth/login/", json={"email": "a@acme.test", "password": PASSWORD})
    assert response.status_code == 200
    body = response.json()
    assert body["user"]["email"] == "a@acme.test"
    assert body["user"]["role"] == "admin"
    assert body["organization"]["slug"] == "acme"
    cookie = response.headers["set-cookie"]
    assert cookie.startswith("sessionid=")
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/" in cookie
    assert "Secure" not in cookie


async def test_wrong_password_and_unknown_email_give_the_same_401(app, anon) -> None:
    await add_user(app, "acme", "a@acme.test")
    wrong = await anon.post("/api/v1/auth/login/", json={"email": "a@acme.test", "password": "nope"})
    unknown = await anon.post("/api/v1/auth/login/", json={"email": "x@acme.test", "password": "nope"})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json() == {"detail": "Invalid email or password."}


async def test_missing_credentials_is_401(anon: httpx.AsyncClient) -> None:
    response = await anon.get("/api/v1/auth/me/")
    assert response.status_code == 401
    assert response.json() == {"detail": "Authentication credentials were not provided."}


async def test_me_and_logout_ends_session_server_side(client: httpx.AsyncClient) -> None:
    me = await client.get("/api/v1/auth/me/")
    assert me.status_code == 200
    assert me.json()["user"]["email"] == "admin@acme.test"
    token = client.cookies["sessionid"]
    assert (await client.post("/api/v1/auth/logout/")).status_code == 204
    client.cookies.set("sessionid", token)  # replaying the old cookie must not work
    assert (await client.get("/api/v1/auth/me/")).status_code == 401


async def test_api_key_shown_once_and_works_as_bearer(app, client: httpx.AsyncClient) -> None:
    created = await client.post("/api/v1/api-keys/", json={"name": "ci"})
    assert created.status_code == 201
    key = created.json()["key"]
    assert key.startswith("ef_")
    listed = await client.get("/api/v1/api-keys/")
    assert listed.status_code == 200
    assert [k["name"] for k in listed.json()] == ["ci"]
    assert "key" not in listed.json()[0]
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as bearer:
        bearer.headers["Authorization"] = f"Bearer {key}"
        me = await bearer.get("/api/v1/auth/me/")
        assert me.status_code == 200 and me.json()["organization"]["slug"] == "acme"
        assert (await client.delete(f"/api/v1/api-keys/{created.json()['id']}/")).status_code == 204
        assert (await bearer.get("/api/v1/auth/me/")).status_code == 401


async def test_bad_bearer_is_401(anon: httpx.AsyncClient) -> None:
    response = await anon.get("/api/v1/auth/me/", headers={"Authorization": "Bearer ef_wrong"})
    assert response.status_code == 401


async def test_foreign_api_key_is_404(client, other_org) -> None:
    key_id = (await client.post("/api/v1/api-keys/", json={"name": "ci"})).json()["id"]
    assert (await other_org.delete(f"/api/v1/api-keys/{key_id}/")).status_code == 404
    assert (await other_org.get("/api/v1/api-keys/")).json() == []


async def test_admin_adds_user_and_member_cannot(app, client: httpx.AsyncClient) -> None:
    created = await client.post(
        "/api/v1/users/", json={"email": "m@acme.test", "password": PASSWORD, "role": "member"}
    )
    assert created.status_code == 201
    assert created.json()["role"] == "member"
    member = await login(app, type("A", (), {"email": "m@acme.test"})())
    refused = await member.post("/api/v1/users/", json={"email": "n@acme.test", "password": PASSWORD})
    await member.aclose()
    assert refused.status_code == 403
    duplicate = await client.post("/api/v1/users/", json={"email": "m@acme.test", "password": PASSWORD})
    assert duplicate.status_code == 409


async def test_user_create_validates_fields(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/v1/users/", json={"email": "x@acme.test", "password": "short", "role": "owner"})
    assert response.status_code == 422
    fields = {tuple(e["loc"]) for e in response.json()["detail"]}
    assert ("body", "password") in fields and ("body", "role") in fields


async def test_viewer_cannot_write(viewer: httpx.AsyncClient) -> None:
    response = await viewer.post("/api/v1/api-keys/", json={"name": "x"})
    assert response.status_code == 403
    assert response.json() == {"detail": "Viewers have read-only access."}
    assert (await viewer.get("/api/v1/api-keys/")).status_code == 200


async def test_cookie_write_from_foreign_origin_is_refused(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/api/v1/api-keys/", json={"name": "x"}, headers={"Origin": "https://evil.example"}
    )
    assert response.status_code == 403
    same = await client.post("/api/v1/api-keys/", json={"name": "x"}, headers={"Origin": "http://testserver"})
    assert same.status_code == 201


async def test_cookie_write_with_null_origin_is_refused(client: httpx.AsyncClient) -> None:
    # Sandboxed iframes and some redirects send `Origin: null`: not same-site, so refused.
    response = await client.post("/api/v1/api-keys/", json={"name": "x"}, headers={"Origin": "null"})
    assert response.status_code == 403
    assert response.json() == {"detail": "CSRF check failed: cross-site request refused."}
    assert (await client.get("/api/v1/api-keys/")).json() == []


async def test_cookie_form_write_needs_origin_or_token(client: httpx.AsyncClient) -> None:
    form = await client.post("/api/v1/api-keys/", data={"name": "x"})
    assert form.status_code == 403
    token = (await client.get("/api/v1/auth/me/")).json()["csrf_token"]
    with_token = await client.post("/api/v1/api-keys/", data={"name": "x"}, headers={"X-CSRF-Token": token})
    assert with_token.status_code == 422  # past CSRF; the endpoint itself wants JSON
    with_referer = await client.post(
        "/api/v1/api-keys/", data={"name": "x"}, headers={"Referer": "http://testserver/ui/"}
    )
    assert with_referer.status_code == 422


async def test_bearer_needs_no_csrf(app, client: httpx.AsyncClient) -> None:
    key = (await client.post("/api/v1/api-keys/", json={"name": "ci"})).json()["key"]
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as bearer:
        response = await bearer.post(
            "/api/v1/api-keys/", json={"name": "y"},
            headers={"Authorization": f"Bearer {key}", "Origin": "https://elsewhere.example"},
        )
    assert response.status_code == 201


async def test_bootstrap_admin_on_first_start(tmp_path, database_url) -> None:
    from app.config import Settings
    from app.main import create_app

    settings = Settings(
        database_url=database_url, admin_email="boot@x.test", admin_password=PASSWORD,
        org="bootorg", secret_key="s", auto_migrate=False,
    )
    app = create_app(settings)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c,
    ):
        response = await c.post("/api/v1/auth/login/", json={"email": "boot@x.test", "password": PASSWORD})
    assert response.status_code == 200
    assert response.json()["organization"]["slug"] == "bootorg"
    assert response.json()["user"]["role"] == "admin"


async def test_openapi_has_readable_operation_ids(anon: httpx.AsyncClient) -> None:
    spec = (await anon.get("/openapi.json")).json()
    ids = {op["operationId"] for path in spec["paths"].values() for op in path.values()}
    assert {"auth-login", "auth-me", "api-keys-create", "users-create", "users-list", "users-update"} <= ids
    login = spec["paths"]["/api/v1/auth/login/"]["post"]
    assert login["summary"] == "Log in with email and password; sets the sessionid cookie."
    assert (await anon.get("/docs")).status_code == 200
