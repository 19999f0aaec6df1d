"""Production agent runs: the source of dataset items captured "from-run"."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base
from app.models.base import OrgOwned, json_col, utcnow


class AgentRun(OrgOwned, Base):
    __tablename__ = "agent_run"
    # The unique index also serves the listing (organization, newest number first).
    __table_args__ = (UniqueConstraint("organization_id", "number"),)

    # Internal row id: one sequence for every organization, so never shown (its gaps would
    # reveal other tenants' activity). The API's run id is `number`.
    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    # 1, 2, 3 ... within the organization, handed out by AgentRunCounter.
    number: Mapped[int] = mapped_column(BigInteger)
    agent_name: Mapped[str] = mapped_column(String(200), default="")
    workflow: Mapped[str] = mapped_column(String(200), default="")
    inputs: Mapped[Any] = json_col()
    result: Mapped[Any] = json_col()
    status: Mapped[str] = mapped_column(String(32), default="completed")
    error: Mapped[str] = mapped_column(Text, default="")
    latency_ms: Mapped[int | None] = mapped_column(Integer)
    tokens_in: Mapped[int | None] = mapped_column(Integer)
    tokens_out: Mapped[int | None] = mapped_column(Integer)
    cost: Mapped[float | None] = mapped_column(Float)
    metadata_: Mapped[Any] = json_col("metadata")
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class AgentRunCounter(Base):
    """The last run number handed out in an organization. Bumped with one upsert in the
    transaction that inserts the run: concurrent writers queue on this row, and a rolled
    back insert rolls its number back too, so numbers have neither gaps nor duplicates."""

    __tablename__ = "agent_run_counter"

    organization_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("organization.id", ondelete="CASCADE"), primary_key=True
    )
    last_number: Mapped[int] = mapped_column(BigInteger)
