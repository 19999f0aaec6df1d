"""Who is looking at a page: the session cookie, the same principal and roles as the API.

Pages answer a missing or expired session with a redirect to the login page (not a JSON 401),
and every form post carries the session's CSRF token in a hidden field: a form is the kind of
write a foreign page could send, so the API's Origin rule alone is not enough here.
"""

import hmac
import uuid
from dataclasses import dataclass
from typing import Annotated
from urllib.parse import quote

from fastapi import Depends, Request
from sqlalchemy import select

from app.auth import service as auth_service
from app.auth.deps import Principal, check_csrf
from app.db import SessionDep
from app.errors import AppError, Forbidden
from app.models import Organization, User


class LoginRequired(AppError):
    """No live session: the page redirects to the login form."""

    status_code = 303


@dataclass(frozen=True)
class Viewer:
    """The principal plus what the header shows."""

    principal: Principal
    email: str
    org_name: str

    @property
    def org(self) -> uuid.UUID:
        return self.principal.organization_id

    @property
    def can_write(self) -> bool:
        return self.principal.can_write

    @property
    def csrf(self) -> str:
        return self.principal.csrf_token or ""


def login_url(request: Request) -> str:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return f"/ui/login/?next={quote(target, safe='')}"


async def current_viewer(request: Request, db: SessionDep) -> Viewer:
    """The logged-in user (any role) of a page; two queries."""
    token = request.cookies.get("sessionid")
    live = await auth_service.principal_for_session(db, token) if token else None
    if live is None:
        raise LoginRequired(login_url(request))
    row, role = live
    principal = Principal(row.user_id, row.organization_id, role, "session", row.csrf_token)
    request.state.principal = principal
    email, org_name = (
        await db.execute(
            select(User.email, Organization.name)
            .join(Organization, Organization.id == row.organization_id)
            .where(User.id == row.user_id)
        )
    ).one()
    viewer = Viewer(principal, email, org_name)
    request.state.ui_viewer = viewer  # the error page still shows the header
    return viewer


def same_token(sent: str | None, expected: str | None) -> bool:
    return bool(sent) and bool(expected) and hmac.compare_digest(sent, expected)


async def verify_form(request: Request, expected: str | None) -> None:
    """A form post: no foreign Origin, and the hidden csrf_token field matches `expected`."""
    if request.headers.get("origin"):  # a foreign Origin is refused before the body is read
        check_csrf(request, expected or "")
    form = await request.form()
    if not same_token(form.get("csrf_token"), expected):
        raise Forbidden("CSRF token missing or wrong: reload the page and try again.")


async def form_poster(request: Request, viewer: Annotated[Viewer, Depends(current_viewer)]) -> Viewer:
    """A form post by any role (logout)."""
    await verify_form(request, viewer.csrf)
    return viewer


async def form_writer(viewer: Annotated[Viewer, Depends(form_poster)]) -> Viewer:
    """A form post by a role that writes."""
    if not viewer.can_write:
        raise Forbidden("Viewers have read-only access.")
    return viewer


ViewerDep = Annotated[Viewer, Depends(current_viewer)]
PosterDep = Annotated[Viewer, Depends(form_poster)]
WriterDep = Annotated[Viewer, Depends(form_writer)]
