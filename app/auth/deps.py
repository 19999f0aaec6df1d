"""Who is calling: the principal dependency, roles and CSRF rules."""

import uuid
from dataclasses import dataclass
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import Depends, Request
from fastapi.security import APIKeyCookie, HTTPAuthorizationCredentials, HTTPBearer

from app.auth import service
from app.auth.ratelimit import LoginLimiter
from app.db import SessionDep
from app.errors import Forbidden, NotAuthenticated

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
JSON_TYPES = ("application/json",)

_bearer = HTTPBearer(auto_error=False, description="An API key from POST /api/v1/api-keys/")
_cookie = APIKeyCookie(name="sessionid", auto_error=False, description="From POST /auth/login/")


@dataclass(frozen=True)
class Principal:
    user_id: uuid.UUID
    organization_id: uuid.UUID
    role: str
    via: str  # "session" | "api_key"
    csrf_token: str | None = None

    @property
    def can_write(self) -> bool:
        return self.role in ("admin", "member")

    @property
    def key_owner_filter(self) -> uuid.UUID | None:
        """Whose API keys the caller may see and revoke: an admin any (None), others their own."""
        return None if self.role == "admin" else self.user_id


def _origin_of(url: str) -> str | None:
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}".lower()


def _same_site(request: Request, origin: str) -> bool:
    own = f"{request.url.scheme}://{request.headers.get('host', request.url.netloc)}".lower()
    trusted = {o.rstrip("/").lower() for o in request.app.state.settings.csrf_trusted_origins}
    trusted |= {o.rstrip("/").lower() for o in request.app.state.settings.cors_origins}
    return origin == own or origin in trusted


def check_csrf(request: Request, csrf_token: str) -> None:
    """Refuse cookie-authenticated writes a foreign page could have sent.

    A browser adds Origin to cross-site requests, so a foreign Origin is always refused. JSON
    bodies cannot be sent cross-site without a CORS preflight, so a JSON write with no Origin
    (curl, the seed's examples) is allowed; a form or upload needs a matching Origin/Referer or
    the session's token in X-CSRF-Token.
    """
    origin_header = request.headers.get("origin")
    origin = _origin_of(origin_header) if origin_header and origin_header != "null" else None
    if origin_header and (origin is None or not _same_site(request, origin)):
        raise Forbidden("CSRF check failed: cross-site request refused.")
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type in JSON_TYPES or (not content_type and not request.headers.get("content-length", "0").strip("0")):
        return
    if origin is not None:
        return
    referer = request.headers.get("referer")
    referer_origin = _origin_of(referer) if referer else None
    if referer_origin and _same_site(request, referer_origin):
        return
    if request.headers.get("x-csrf-token") == csrf_token:
        return
    raise Forbidden("CSRF check failed: send X-CSRF-Token or a same-site Origin header.")


async def authenticate(
    request: Request,
    db: SessionDep,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    sessionid: Annotated[str | None, Depends(_cookie)],
) -> Principal:
    """Who is calling (API key or session cookie, with the CSRF rules); any role."""
    if bearer is not None:
        found = await service.principal_for_api_key(db, bearer.credentials)
        if found is None:
            raise NotAuthenticated("Invalid API key.", headers={"WWW-Authenticate": "Bearer"})
        key, role = found
        principal = Principal(key.user_id, key.organization_id, role, "api_key")
    elif sessionid:
        live = await service.principal_for_session(db, sessionid)
        if live is None:
            raise NotAuthenticated("Session expired or invalid; log in again.")
        row, role = live
        principal = Principal(row.user_id, row.organization_id, role, "session", row.csrf_token)
        if request.method not in SAFE_METHODS:
            check_csrf(request, row.csrf_token)
    else:
        raise NotAuthenticated(
            "Authentication credentials were not provided.", headers={"WWW-Authenticate": "Bearer"}
        )
    request.state.principal = principal
    return principal


async def get_principal(
    request: Request, principal: Annotated[Principal, Depends(authenticate)]
) -> Principal:
    """The caller, refused (403) on writes when read-only."""
    if request.method not in SAFE_METHODS and not principal.can_write:
        raise Forbidden("Viewers have read-only access.")
    return principal


async def require_admin(principal: Annotated[Principal, Depends(get_principal)]) -> Principal:
    if principal.role != "admin":
        raise Forbidden("Only an organization admin can do this.")
    return principal


PrincipalDep = Annotated[Principal, Depends(get_principal)]
# For POST endpoints that only read (compare): viewers may call them.
ReaderDep = Annotated[Principal, Depends(authenticate)]
AdminDep = Annotated[Principal, Depends(require_admin)]


def get_login_limiter(request: Request) -> LoginLimiter:
    return request.app.state.login_limiter


def client_ip(request: Request) -> str:
    """The peer address. X-Forwarded-For is not read (a client could pick it to dodge the login
    limits); behind a proxy, run uvicorn with --forwarded-allow-ips so the peer is the client."""
    return request.client.host if request.client else "unknown"


LoginLimiterDep = Annotated[LoginLimiter, Depends(get_login_limiter)]
