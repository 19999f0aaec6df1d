"""Production agent runs: the source of dataset items captured "from-run"."""

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, DateTime, Float, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base
from app.models.base import OrgOwned, json_col, utcnow


class AgentRun(OrgOwned, Base):
    __tablename__ = "agent_run"
    __table_args__ = (Index("ix_agent_run_organization_id_id", "organization_id", "id"),)

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
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
