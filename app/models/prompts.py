"""Prompts, their immutable versions and movable labels."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base
from app.models.base import OrgOwned, Timestamps, UUIDPk, json_col, utcnow


class Prompt(UUIDPk, OrgOwned, Timestamps, Base):
    __tablename__ = "prompt"
    __table_args__ = (UniqueConstraint("organization_id", "name"),)

    name: Mapped[str] = mapped_column(String(200))
    latest_version: Mapped[int] = mapped_column(Integer, default=0)


class PromptVersion(UUIDPk, Base):
    __tablename__ = "prompt_version"
    __table_args__ = (UniqueConstraint("prompt_id", "version"),)

    prompt_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("prompt.id", ondelete="CASCADE"), index=True
    )
    version: Mapped[int] = mapped_column(Integer)
    # Exactly one of template (text) and messages (chat) is set.
    template: Mapped[str | None] = mapped_column(Text)
    messages: Mapped[list[dict[str, Any]] | None] = json_col()
    config: Mapped[dict[str, Any]] = json_col(nullable=False, default=dict)
    commit_message: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class PromptLabel(UUIDPk, Timestamps, Base):
    __tablename__ = "prompt_label"
    __table_args__ = (UniqueConstraint("prompt_id", "label"),)

    prompt_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("prompt.id", ondelete="CASCADE"), index=True
    )
    label: Mapped[str] = mapped_column(String(100))
    version: Mapped[int] = mapped_column(Integer)
