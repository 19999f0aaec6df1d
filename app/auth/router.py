"""Login, logout, me, users and API keys."""

import uuid

from fastapi import APIRouter, Request, Response

from app.auth import service
from app.auth.deps import AdminDep, PrincipalDep
from app.auth.schemas import (
    ApiKeyCreate,
    ApiKeyCreated,
    ApiKeyRead,
    LoginIn,
    MeRead,
    OrganizationRead,
    UserCreate,
    UserCreated,
    UserRead,
)
from app.db import SessionDep
from app.models import Organization, User

router = APIRouter(tags=["auth"])


def _me(user: User, org: Organization, role: str, csrf: str | None) -> MeRead:
    return MeRead(
        user=UserRead(id=user.id, email=user.email, role=role),
        organization=OrganizationRead.model_validate(org),
        csrf_token=csrf,
    )


@router.post("/auth/login/", response_model=MeRead, operation_id="auth-login")
async def login(body: LoginIn, request: Request, response: Response, db: SessionDep) -> MeRead:
    """Log in with email and password; sets the sessionid cookie."""
    user, membership = await service.authenticate(db, body.email, body.password)
    settings = request.app.state.settings
    token, row = await service.start_session(db, membership, settings.session_ttl_hours)
    response.set_cookie(
        "sessionid", token, max_age=settings.session_ttl_hours * 3600, httponly=True,
        samesite="lax", secure=settings.cookie_secure, path="/",
    )
    org = await db.get(Organization, membership.organization_id)
    return _me(user, org, membership.role, row.csrf_token)


@router.post("/auth/logout/", status_code=204, operation_id="auth-logout")
async def logout(request: Request, _principal: PrincipalDep, db: SessionDep) -> Response:
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


@router.post("/users/", status_code=201, response_model=UserCreated, operation_id="users-create")
async def create_user(body: UserCreate, principal: AdminDep, db: SessionDep) -> UserCreated:
    """Add a user to the caller's organization (admin only)."""
    org = await db.get(Organization, principal.organization_id)
    user, membership = await service.create_user(db, org, body.email, body.password, body.role)
    await db.commit()
    return UserCreated(id=user.id, email=user.email, role=membership.role, created_at=user.created_at)


@router.post("/api-keys/", status_code=201, response_model=ApiKeyCreated, operation_id="api-keys-create")
async def create_api_key(body: ApiKeyCreate, principal: PrincipalDep, db: SessionDep) -> ApiKeyCreated:
    """Create an API key; the key is shown once."""
    key, token = await service.create_api_key(db, principal.organization_id, principal.user_id, body.name)
    return ApiKeyCreated(id=key.id, name=key.name, key=token, created_at=key.created_at)


@router.get("/api-keys/", response_model=list[ApiKeyRead], operation_id="api-keys-list")
async def list_api_keys(principal: PrincipalDep, db: SessionDep) -> list[ApiKeyRead]:
    """List the organization's API keys (never the keys themselves)."""
    return [ApiKeyRead.model_validate(k) for k in await service.list_api_keys(db, principal.organization_id)]


@router.delete("/api-keys/{key_id}/", status_code=204, operation_id="api-keys-delete")
async def delete_api_key(key_id: uuid.UUID, principal: PrincipalDep, db: SessionDep) -> Response:
    """Revoke an API key."""
    await service.delete_api_key(db, principal.organization_id, key_id)
    return Response(status_code=204)
