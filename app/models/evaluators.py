"""Evaluators: deterministic graders and LLM judges."""

from typing import Any

from sqlalchemy import String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base
from app.models.base import OrgOwned, Timestamps, UUIDPk, json_col


class Evaluator(UUIDPk, OrgOwned, Timestamps, Base):
    __tablename__ = "evaluator"
    __table_args__ = (UniqueConstraint("organization_id", "name"),)

    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(32))
    config: Mapped[dict[str, Any]] = json_col(nullable=False, default=dict)
    score_name: Mapped[str] = mapped_column(String(200))
    data_type: Mapped[str] = mapped_column(String(16), default="numeric")
    description: Mapped[str] = mapped_column(Text, default="")
