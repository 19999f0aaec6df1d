"""Users, organizations, sessions and API keys."""

import asyncio
import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.security import hash_password, hash_token, new_token, verify_password
from app.errors import Conflict, NotAuthenticated, NotFound
from app.models import ApiKey, Membership, Organization, Session, User

INVALID_LOGIN = "Invalid email or password."
LAST_USED_EVERY = timedelta(minutes=5)


async def get_or_create_org(db: AsyncSession, slug: str) -> Organization:
    org = await db.scalar(select(Organization).where(Organization.slug == slug))
    if org is None:
        org = Organization(slug=slug, name=slug)
        db.add(org)
        await db.flush()
    return org


async def create_user(
    db: AsyncSession, org: Organization, email: str, password: str, role: str
) -> tuple[User, Membership]:
    email = email.strip().lower()
    if await db.scalar(select(User.id).where(User.email == email)):
        raise Conflict(f"A user with email {email!r} already exists.")
    # argon2 is deliberately slow: keep it off the event loop.
    user = User(email=email, password_hash=await asyncio.to_thread(hash_password, password))
    db.add(user)
    await db.flush()
    membership = Membership(organization_id=org.id, user_id=user.id, role=role)
    db.add(membership)
    await db.flush()
    return user, membership


async def bootstrap_admin(db: AsyncSession, email: str, password: str, org_slug: str) -> bool:
    """Create the first admin when no user exists yet; True when one was created."""
    if not email or not password or await db.scalar(select(func.count()).select_from(User)):
        return False
    org = await get_or_create_org(db, org_slug)
    await create_user(db, org, email, password, "admin")
    await db.commit()
    return True


async def authenticate(db: AsyncSession, email: str, password: str) -> tuple[User, Membership]:
    user = await db.scalar(select(User).where(User.email == email.strip().lower()))
    ok = await asyncio.to_thread(verify_password, user.password_hash if user else None, password)
    if not ok or user is None or not user.is_active:
        raise NotAuthenticated(INVALID_LOGIN)
    membership = await db.scalar(
        select(Membership).where(Membership.user_id == user.id).order_by(Membership.created_at)
    )
    if membership is None:
        raise NotAuthenticated(INVALID_LOGIN)
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


async def principal_for_session(db: AsyncSession, token: str) -> tuple[Session, str] | None:
    """The live session of a cookie token and the user's role, in one query."""
    row = (
        await db.execute(
            select(Session, Membership.role)
            .join(
                Membership,
                (Membership.user_id == Session.user_id)
                & (Membership.organization_id == Session.organization_id),
            )
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
    """The API key of a bearer token and its user's role, in one query.

    last_used_at is refreshed at most every few minutes, so a busy client does not turn
    every read into a write.
    """
    row = (
        await db.execute(
            select(ApiKey, Membership.role)
            .join(
                Membership,
                (Membership.user_id == ApiKey.user_id)
                & (Membership.organization_id == ApiKey.organization_id),
            )
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


async def list_api_keys(db: AsyncSession, org_id: uuid.UUID) -> list[ApiKey]:
    rows = await db.scalars(
        select(ApiKey).where(ApiKey.organization_id == org_id).order_by(ApiKey.created_at)
    )
    return list(rows)


async def delete_api_key(db: AsyncSession, org_id: uuid.UUID, key_id: uuid.UUID) -> None:
    result = await db.execute(
        delete(ApiKey).where(ApiKey.id == key_id, ApiKey.organization_id == org_id)
    )
    if result.rowcount == 0:
        raise NotFound("API key not found.")
    await db.commit()
