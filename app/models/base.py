"""Column helpers shared by every table."""

import uuid
from datetime import UTC, datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Uuid
from sqlalchemy.orm import Mapped, mapped_column


def utcnow() -> datetime:
    return datetime.now(UTC)


class UUIDPk:
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)


class Timestamps:
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )


class OrgOwned:
    """A row a tenant owns: every query filters on organization_id."""

    organization_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("organization.id", ondelete="CASCADE"), index=True
    )


def json_col(name: str | None = None, *, nullable: bool = True, default=None):  # noqa: ANN001, ANN201
    """A portable JSON column; `name` sets the SQL name when the attribute differs."""
    if name:
        return mapped_column(name, JSON, nullable=nullable, default=default)
    return mapped_column(JSON, nullable=nullable, default=default)
