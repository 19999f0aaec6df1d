"""Login and logout pages.

Before login there is no session to hold a CSRF token, so the login form uses a
double-submit token: a random value in a cookie and in a hidden field, which must match
(a foreign page can post the form but cannot read or set our cookie), and a foreign
Origin is refused as by the API.
"""

import secrets
from urllib.parse import urlsplit

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from app.auth import service as auth_service
from app.auth.deps import client_ip
from app.db import SessionDep
from app.errors import AppError
from app.ui.session import PosterDep, verify_form
from app.ui.templating import render

router = APIRouter()
LOGIN_COOKIE = "ui_login_csrf"


def _safe_next(target: str | None) -> str:
    """Only a path on this site: never an absolute URL a link could smuggle in."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/ui/datasets/"
    parts = urlsplit(target)
    return target if not parts.scheme and not parts.netloc else "/ui/datasets/"


def _login_page(request: Request, next_url: str, error: str = "", status: int = 200) -> Response:
    token = secrets.token_urlsafe(24)
    response = render(
        request, "login.html", None, status_code=status, next_url=next_url, csrf_login=token,
        error=error, title="Log in",
    )
    response.set_cookie(LOGIN_COOKIE, token, httponly=True, samesite="strict", path="/ui/login/")
    return response


@router.get("/login/")
async def login_form(request: Request, next: str | None = None) -> Response:
    """The login form."""
    return _login_page(request, _safe_next(next))


@router.post("/login/")
async def login(
    request: Request, db: SessionDep, email: str = Form(max_length=320),
    password: str = Form(max_length=1000), next: str = Form(""),
) -> Response:
    """Check the credentials, set the session cookie, go where the user was heading."""
    await verify_form(request, request.cookies.get(LOGIN_COOKIE))
    settings = request.app.state.settings
    try:
        _user, membership = await auth_service.authenticate(
            db, email, password, request.app.state.login_limiter, client_ip(request)
        )
    except AppError as exc:  # 401 wrong credentials, 429 throttled: same form, the message
        return _login_page(request, _safe_next(next), str(exc.detail), exc.status_code)
    token, _row = await auth_service.start_session(db, membership, settings.session_ttl_hours)
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(
        "sessionid", token, max_age=settings.session_ttl_hours * 3600, httponly=True,
        samesite="lax", secure=settings.cookie_secure, path="/",
    )
    response.delete_cookie(LOGIN_COOKIE, path="/ui/login/")
    return response


@router.post("/logout/")
async def logout(request: Request, _viewer: PosterDep, db: SessionDep) -> Response:
    """End the session (every role may), back to the login form."""
    await auth_service.end_session(db, request.cookies["sessionid"])
    response = RedirectResponse("/ui/login/", status_code=303)
    response.delete_cookie("sessionid", path="/")
    return response
