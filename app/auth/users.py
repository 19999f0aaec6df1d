"""An organization's members, managed by its admins: add, list, change role, deactivate.

Deactivation is per membership (a user may belong to several organizations; one
organization's admin must not lock them out of another) and takes effect at once: the same
transaction deletes the user's sessions and API keys in this organization, and every request
checks the membership anyway.
"""

import uuid

from sqlalchemy import ColumnElement, and_, delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from app.auth import service
from app.auth.schemas import MemberRead, MemberUpdate
from app.errors import Conflict, NotFound
from app.models import ApiKey, Membership, Session, User
from app.pagination import PageParams

# One text for "taken elsewhere" and for every other refusal of a free-looking address, so the
# answer never names or hints at another organization.
EMAIL_UNAVAILABLE = "This email address cannot be used for a new account."
LAST_ADMIN = "The organization needs at least one active admin; make another member admin first."


def _read(user: User, membership: Membership) -> MemberRead:
    return MemberRead(
        id=user.id, email=user.email, role=membership.role,
        is_active=membership.is_active and user.is_active, created_at=membership.created_at,
    )


async def add_member(
    db: AsyncSession, org_id: uuid.UUID, email: str, password: str, role: str
) -> MemberRead:
    """A new user in this organization; 409 when the email is taken (generic unless here)."""
    email = service.normalize_email(email)
    row = (
        await db.execute(
            select(User.id, Membership.id)
            .outerjoin(
                Membership,
                and_(Membership.user_id == User.id, Membership.organization_id == org_id),
            )
            .where(User.email == email)
        )
    ).first()
    if row is not None:
        # Its own members the admin can list anyway; anything else gets the generic text.
        raise Conflict(
            f"{email} is already a member of this organization." if row[1] else EMAIL_UNAVAILABLE
        )
    try:
        user, membership = await service.insert_user(db, org_id, email, password, role)
        await db.commit()
    except IntegrityError as exc:  # the same email added concurrently
        await db.rollback()
        raise Conflict(EMAIL_UNAVAILABLE) from exc
    return _read(user, membership)


async def list_members(
    db: AsyncSession, org_id: uuid.UUID, params: PageParams
) -> tuple[int, list[MemberRead]]:
    count = await db.scalar(
        select(func.count()).select_from(Membership).where(Membership.organization_id == org_id)
    )
    rows = await db.execute(
        select(User, Membership)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.organization_id == org_id)
        .order_by(Membership.created_at, User.id)
        .offset(params.offset)
        .limit(params.page_size)
    )
    return count or 0, [_read(user, membership) for user, membership in rows]


async def _member(db: AsyncSession, org_id: uuid.UUID, user_id: uuid.UUID) -> tuple[User, Membership]:
    row = (
        await db.execute(
            select(User, Membership)
            .join(Membership, Membership.user_id == User.id)
            .where(Membership.organization_id == org_id, User.id == user_id)
        )
    ).first()
    if row is None:
        raise NotFound("User not found.")
    return row[0], row[1]


async def update_member(
    db: AsyncSession, org_id: uuid.UUID, user_id: uuid.UUID, changes: MemberUpdate
) -> MemberRead:
    """Change a member's role or active flag; never leaves the organization without an admin."""
    user, membership = await _member(db, org_id, user_id)
    values = changes.model_dump(exclude_none=True)
    if values:
        was_admin = membership.role == "admin" and membership.is_active
        stays_admin = values.get("role", membership.role) == "admin" and values.get(
            "is_active", membership.is_active
        )
        await _apply(db, membership, values, keep_an_admin=was_admin and not stays_admin)
        if values.get("is_active") is False:
            await _revoke_credentials(db, org_id, user_id)
        await db.commit()
        await db.refresh(membership)
    return _read(user, membership)


def _other_active_admins(table: type[Membership], membership: Membership) -> ColumnElement[bool]:
    return and_(
        table.organization_id == membership.organization_id, table.role == "admin",
        table.is_active, table.id != membership.id,
    )


async def _apply(db: AsyncSession, membership: Membership, values: dict, keep_an_admin: bool) -> None:
    """One UPDATE; when it would remove an active admin, it applies only while another active
    admin exists, so two admins demoting each other at once cannot both succeed (PostgreSQL:
    the other admins' rows are locked first; SQLite: one writer at a time)."""
    query = update(Membership).where(Membership.id == membership.id).values(**values)
    if keep_an_admin:
        await db.execute(
            select(Membership.id).where(_other_active_admins(Membership, membership)).with_for_update()
        )
        other = aliased(Membership)
        query = query.where(select(other.id).where(_other_active_admins(other, membership)).exists())
    if (await db.execute(query)).rowcount == 0:
        await db.rollback()
        raise Conflict(LAST_ADMIN)


async def _revoke_credentials(db: AsyncSession, org_id: uuid.UUID, user_id: uuid.UUID) -> None:
    await db.execute(delete(Session).where(Session.user_id == user_id, Session.organization_id == org_id))
    await db.execute(delete(ApiKey).where(ApiKey.user_id == user_id, ApiKey.organization_id == org_id))
