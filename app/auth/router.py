"""Login, logout, me, users and API keys."""

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI, Request, Response

from app.auth import service, users
from app.auth.deps import AdminDep, LoginLimiterDep, PrincipalDep, ReaderDep, client_ip
from app.auth.ratelimit import make_login_limiter
from app.auth.schemas import (
    ApiKeyCreate,
    ApiKeyCreated,
    ApiKeyRead,
    LoginIn,
    MemberRead,
    MemberUpdate,
    MeRead,
    OrganizationRead,
    UserCreate,
    UserRead,
)
from app.db import SessionDep
from app.models import Organization, User
from app.pagination import Page, PageDep, build_page


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """The login limiter lives as long as the app (with Redis: one connection pool)."""
    app.state.login_limiter = make_login_limiter(app.state.settings)
    try:
        yield
    finally:
        await app.state.login_limiter.close()


router = APIRouter(tags=["auth"], lifespan=_lifespan)


def _me(user: User, org: Organization, role: str, csrf: str | None) -> MeRead:
    return MeRead(
        user=UserRead(id=user.id, email=user.email, role=role),
        organization=OrganizationRead.model_validate(org),
        csrf_token=csrf,
    )


@router.post("/auth/login/", response_model=MeRead, operation_id="auth-login")
async def login(
    body: LoginIn, request: Request, response: Response, db: SessionDep, limiter: LoginLimiterDep
) -> MeRead:
    """Log in with email and password; sets the sessionid cookie."""
    user, membership = await service.authenticate(
        db, body.email, body.password, limiter, client_ip(request)
    )
    settings = request.app.state.settings
    token, row = await service.start_session(db, membership, settings.session_ttl_hours)
    response.set_cookie(
        "sessionid", token, max_age=settings.session_ttl_hours * 3600, httponly=True,
        samesite="lax", secure=settings.cookie_secure, path="/",
    )
    org = await db.get(Organization, membership.organization_id)
    return _me(user, org, membership.role, row.csrf_token)


# Any role may end its own session (a viewer too): ReaderDep skips the write guard, not CSRF.
@router.post("/auth/logout/", status_code=204, operation_id="auth-logout")
async def logout(request: Request, _principal: ReaderDep, db: SessionDep) -> Response:
    """End the current session server-side."""
    token = request.cookies.get("sessionid")
    if token:
        await service.end_session(db, token)
    response = Response(status_code=204)
    response.delete_cookie("sessionid", path="/")
    return response


@router.get("/auth/me/", response_model=MeRead, operation_id="auth-me")
async def me(principal: PrincipalDep, db: SessionDep) -> MeRead:
    """The calling user and organization."""
    user = await db.get(User, principal.user_id)
    org = await db.get(Organization, principal.organization_id)
    return _me(user, org, principal.role, principal.csrf_token)


@router.post("/users/", status_code=201, response_model=MemberRead, operation_id="users-create")
async def create_user(body: UserCreate, principal: AdminDep, db: SessionDep) -> MemberRead:
    """Add a user to the caller's organization (admin only)."""
    return await users.add_member(db, principal.organization_id, body.email, body.password, body.role)


@router.get("/users/", response_model=Page[MemberRead], operation_id="users-list")
async def list_users(request: Request, params: PageDep, principal: AdminDep, db: SessionDep) -> dict:
    """List the organization's members (admin only)."""
    count, results = await users.list_members(db, principal.organization_id, params)
    return build_page(request, params, count, results)


@router.patch("/users/{user_id}/", response_model=MemberRead, operation_id="users-update")
async def update_user(
    user_id: uuid.UUID, body: MemberUpdate, principal: AdminDep, db: SessionDep
) -> MemberRead:
    """Change a member's role or deactivate/reactivate them (admin only)."""
    return await users.update_member(db, principal.organization_id, user_id, body)


@router.delete("/users/{user_id}/", status_code=204, operation_id="users-delete")
async def deactivate_user(user_id: uuid.UUID, principal: AdminDep, db: SessionDep) -> Response:
    """Deactivate a member: their sessions and API keys end now (admin only)."""
    await users.update_member(db, principal.organization_id, user_id, MemberUpdate(is_active=False))
    return Response(status_code=204)


@router.post("/api-keys/", status_code=201, response_model=ApiKeyCreated, operation_id="api-keys-create")
async def create_api_key(body: ApiKeyCreate, principal: PrincipalDep, db: SessionDep) -> ApiKeyCreated:
    """Create an API key; the key is shown once."""
    key, token = await service.create_api_key(db, principal.organization_id, principal.user_id, body.name)
    return ApiKeyCreated(id=key.id, name=key.name, key=token, created_at=key.created_at)


@router.get("/api-keys/", response_model=list[ApiKeyRead], operation_id="api-keys-list")
async def list_api_keys(principal: PrincipalDep, db: SessionDep) -> list[ApiKeyRead]:
    """List API keys (never the keys themselves): an admin sees the organization's, others their own."""
    keys = await service.list_api_keys(db, principal.organization_id, principal.key_owner_filter)
    return [ApiKeyRead.model_validate(k) for k in keys]


# Revoking only lowers access, so a viewer may revoke a key of their own (ReaderDep).
@router.delete("/api-keys/{key_id}/", status_code=204, operation_id="api-keys-delete")
async def delete_api_key(key_id: uuid.UUID, principal: ReaderDep, db: SessionDep) -> Response:
    """Revoke an API key: your own, or as an admin any of the organization's."""
    await service.delete_api_key(db, principal.organization_id, key_id, principal.key_owner_filter)
    return Response(status_code=204)
