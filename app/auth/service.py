"""Users, organizations, logins, sessions and API keys."""

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import ColumnElement, and_, delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.ratelimit import LoginLimiter
from app.auth.security import hash_password, hash_token, new_token, verify_password
from app.errors import Conflict, NotAuthenticated, NotFound
from app.models import ApiKey, Membership, Organization, Session, User

INVALID_LOGIN = "Invalid email or password."
LAST_USED_EVERY = timedelta(minutes=5)


def normalize_email(email: str) -> str:
    return email.strip().lower()


async def get_or_create_org(db: AsyncSession, slug: str) -> Organization:
    org = await db.scalar(select(Organization).where(Organization.slug == slug))
    if org is None:
        org = Organization(slug=slug, name=slug)
        db.add(org)
        await db.flush()
    return org


async def insert_user(
    db: AsyncSession, org_id: uuid.UUID, email: str, password: str, role: str
) -> tuple[User, Membership]:
    """A new user and its membership; the caller has checked that the email is free."""
    user = User(email=normalize_email(email), password_hash=await hash_password(password))
    db.add(user)
    await db.flush()
    membership = Membership(organization_id=org_id, user_id=user.id, role=role)
    db.add(membership)
    await db.flush()
    return user, membership


async def create_user(
    db: AsyncSession, org: Organization, email: str, password: str, role: str
) -> tuple[User, Membership]:
    """For the operator (CLI, bootstrap); the API adds members through users.add_member."""
    email = normalize_email(email)
    if await db.scalar(select(User.id).where(User.email == email)):
        raise Conflict(f"A user with email {email!r} already exists.")
    return await insert_user(db, org.id, email, password, role)


async def bootstrap_admin(db: AsyncSession, email: str, password: str, org_slug: str) -> bool:
    """Create the first admin when no user exists yet; True when one was created."""
    if not email or not password or await db.scalar(select(func.count()).select_from(User)):
        return False
    try:
        org = await get_or_create_org(db, org_slug)
        await create_user(db, org, email, password, "admin")
        await db.commit()
    except IntegrityError:
        # Another process (`serve --workers N`) bootstrapped at the same moment: theirs stands.
        await db.rollback()
        return False
    return True


async def authenticate(
    db: AsyncSession, email: str, password: str, limiter: LoginLimiter, client_ip: str
) -> tuple[User, Membership]:
    """The user and active membership for a login; 401 alike for every failure.

    The throttle comes first, so a refused attempt (429) costs no argon2 time.
    """
    email = normalize_email(email)
    ticket = await limiter.admit(email, client_ip)
    user = await db.scalar(select(User).where(User.email == email))
    # Verified even for an unknown email or an inactive user: every failure costs the same.
    ok = await verify_password(user.password_hash if user else None, password)
    if not ok or user is None or not user.is_active:
        raise NotAuthenticated(INVALID_LOGIN)
    membership = await db.scalar(
        select(Membership)
        .where(Membership.user_id == user.id, Membership.is_active)
        .order_by(Membership.created_at)
        .limit(1)
    )
    if membership is None:
        raise NotAuthenticated(INVALID_LOGIN)
    await limiter.succeeded(ticket)
    return user, membership


async def start_session(db: AsyncSession, membership: Membership, ttl_hours: int) -> tuple[str, Session]:
    token = new_token()
    row = Session(
        token_hash=hash_token(token),
        user_id=membership.user_id,
        organization_id=membership.organization_id,
        csrf_token=new_token(),
        expires_at=datetime.now(UTC) + timedelta(hours=ttl_hours),
    )
    db.add(row)
    await db.commit()
    return token, row


async def end_session(db: AsyncSession, token: str) -> None:
    await db.execute(delete(Session).where(Session.token_hash == hash_token(token)))
    await db.commit()


def _live_member(owner: type[Session] | type[ApiKey]) -> tuple[ColumnElement[bool], ...]:
    """Join conditions: the owner's membership and user exist and are both active."""
    membership = and_(
        Membership.user_id == owner.user_id,
        Membership.organization_id == owner.organization_id,
        Membership.is_active,
    )
    return membership, and_(User.id == owner.user_id, User.is_active)


async def principal_for_session(db: AsyncSession, token: str) -> tuple[Session, str] | None:
    """The live session of a cookie token and its active user's role, in one query."""
    on_membership, on_user = _live_member(Session)
    row = (
        await db.execute(
            select(Session, Membership.role)
            .join(Membership, on_membership)
            .join(User, on_user)
            .where(Session.token_hash == hash_token(token))
        )
    ).first()
    if row is None:
        return None
    session, role = row
    expires = session.expires_at
    expires = expires if expires.tzinfo else expires.replace(tzinfo=UTC)
    return (session, role) if expires > datetime.now(UTC) else None


async def principal_for_api_key(db: AsyncSession, token: str) -> tuple[ApiKey, str] | None:
    """The API key of a bearer token and its active user's role, in one query.

    last_used_at is refreshed at most every few minutes, so a busy client does not turn
    every read into a write.
    """
    on_membership, on_user = _live_member(ApiKey)
    row = (
        await db.execute(
            select(ApiKey, Membership.role)
            .join(Membership, on_membership)
            .join(User, on_user)
            .where(ApiKey.key_hash == hash_token(token))
        )
    ).first()
    if row is None:
        return None
    key, role = row
    now = datetime.now(UTC)
    last = key.last_used_at
    if last is None or (last if last.tzinfo else last.replace(tzinfo=UTC)) < now - LAST_USED_EVERY:
        await db.execute(update(ApiKey).where(ApiKey.id == key.id).values(last_used_at=now))
        await db.commit()
    return key, role


async def create_api_key(db: AsyncSession, org_id: uuid.UUID, user_id: uuid.UUID, name: str) -> tuple[ApiKey, str]:
    token = new_token("ef_")
    key = ApiKey(
        organization_id=org_id, user_id=user_id, name=name, prefix=token[:10],
        key_hash=hash_token(token),
    )
    db.add(key)
    await db.commit()
    return key, token


async def list_api_keys(db: AsyncSession, org_id: uuid.UUID, owner_id: uuid.UUID | None) -> list[ApiKey]:
    """The organization's keys; only `owner_id`'s when given (callers who are not admins)."""
    query = select(ApiKey).where(ApiKey.organization_id == org_id)
    if owner_id is not None:
        query = query.where(ApiKey.user_id == owner_id)
    return list(await db.scalars(query.order_by(ApiKey.created_at, ApiKey.id)))


async def delete_api_key(
    db: AsyncSession, org_id: uuid.UUID, key_id: uuid.UUID, owner_id: uuid.UUID | None
) -> None:
    """Revoke a key of the organization; only `owner_id`'s when given. Anyone else's: 404."""
    query = delete(ApiKey).where(ApiKey.id == key_id, ApiKey.organization_id == org_id)
    if owner_id is not None:
        query = query.where(ApiKey.user_id == owner_id)
    if (await db.execute(query)).rowcount == 0:
        raise NotFound("API key not found.")
    await db.commit()
