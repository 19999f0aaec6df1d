"""Login, logout, the redirect to log in, `/`, and Swagger UI from vendored files."""

import re

import httpx
from fastapi import FastAPI

from tests.conftest import PASSWORD, add_user, login
from tests.ui.conftest import hidden_token

LOGIN = "/ui/login/"


async def _login_form(anon: httpx.AsyncClient) -> str:
    page = await anon.get(LOGIN)
    assert page.status_code == 200
    return hidden_token(page.text)


async def test_root_and_pages_redirect_to_login_when_logged_out(anon: httpx.AsyncClient) -> None:
    root = await anon.get("/")
    assert (root.status_code, root.headers["location"]) == (303, "/ui/datasets/")
    page = await anon.get("/ui/datasets/?search=a")
    assert page.status_code == 303
    assert page.headers["location"] == "/ui/login/?next=%2Fui%2Fdatasets%2F%3Fsearch%3Da"


async def test_login_sets_session_and_goes_to_next(app: FastAPI, anon: httpx.AsyncClient) -> None:
    await add_user(app, "acme", "ann@acme.test", "member")
    token = await _login_form(anon)
    done = await anon.post(LOGIN, data={
        "email": "ann@acme.test", "password": PASSWORD, "csrf_token": token, "next": "/ui/prompts/",
    })
    assert (done.status_code, done.headers["location"]) == (303, "/ui/prompts/")
    page = await anon.get("/ui/prompts/")
    assert page.status_code == 200
    assert '<span class="org" title="Organization">acme</span>' in page.text
    assert "ann@acme.test (member)" in page.text


async def test_login_refuses_an_offsite_next(app: FastAPI, anon: httpx.AsyncClient) -> None:
    await add_user(app, "acme", "ann@acme.test", "member")
    token = await _login_form(anon)
    done = await anon.post(LOGIN, data={
        "email": "ann@acme.test", "password": PASSWORD, "csrf_token": token, "next": "//evil.test/x",
    })
    assert done.headers["location"] == "/ui/datasets/"


async def test_wrong_password_shows_the_form_again(app: FastAPI, anon: httpx.AsyncClient) -> None:
    await add_user(app, "acme", "ann@acme.test", "member")
    token = await _login_form(anon)
    done = await anon.post(LOGIN, data={"email": "ann@acme.test", "password": "nope-nope", "csrf_token": token})
    assert done.status_code == 401
    assert "Invalid email or password." in done.text
    assert "sessionid" not in done.cookies


async def test_login_without_the_csrf_token_is_refused(app: FastAPI, anon: httpx.AsyncClient) -> None:
    await add_user(app, "acme", "ann@acme.test", "member")
    await _login_form(anon)  # the cookie is set, the field is missing
    done = await anon.post(LOGIN, data={"email": "ann@acme.test", "password": PASSWORD})
    assert done.status_code == 403
    assert "sessionid" not in done.cookies


async def test_login_from_a_foreign_origin_is_refused(app: FastAPI, anon: httpx.AsyncClient) -> None:
    await add_user(app, "acme", "ann@acme.test", "member")
    token = await _login_form(anon)
    done = await anon.post(
        LOGIN, data={"email": "ann@acme.test", "password": PASSWORD, "csrf_token": token},
        headers={"Origin": "http://evil.test"},
    )
    assert done.status_code == 403
    assert "cross-site request refused" in done.text


async def test_viewer_logs_out_and_the_session_ends(app: FastAPI, client: httpx.AsyncClient) -> None:
    viewer = await login(app, await add_user(app, "acme", "v@acme.test", "viewer"))
    page = await viewer.get("/ui/datasets/")
    done = await viewer.post("/ui/logout/", data={"csrf_token": hidden_token(page.text)})
    assert (done.status_code, done.headers["location"]) == (303, "/ui/login/")
    assert (await viewer.get("/api/v1/auth/me/")).status_code == 401
    await viewer.aclose()


async def test_logout_without_the_token_keeps_the_session(client: httpx.AsyncClient) -> None:
    done = await client.post("/ui/logout/", data={"csrf_token": "forged"})
    assert done.status_code == 403
    assert (await client.get("/api/v1/auth/me/")).status_code == 200


async def test_swagger_ui_uses_vendored_assets(anon: httpx.AsyncClient) -> None:
    page = await anon.get("/docs")
    assert page.status_code == 200
    assets = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert sorted(assets) == [
        "/ui/static/vendor/swagger-ui/favicon-32x32.png",
        "/ui/static/vendor/swagger-ui/swagger-ui-bundle.js",
        "/ui/static/vendor/swagger-ui/swagger-ui.css",
    ]
    for asset in assets:
        assert (await anon.get(asset)).status_code == 200
    htmx = await anon.get("/ui/static/vendor/htmx/htmx.min.js")
    assert htmx.status_code == 200 and "htmx" in htmx.text[:2000]
