"""Comparison support: evaluator versions, a dataset's pinned baseline, pairwise judgements."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base
from app.models.base import OrgOwned, UUIDPk, json_col, utcnow


class EvaluatorVersion(UUIDPk, Base):
    """One content hash of an evaluator's (kind, config): a config change adds a row."""

    __tablename__ = "evaluator_version"
    __table_args__ = (UniqueConstraint("evaluator_id", "version"),)

    evaluator_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("evaluator.id", ondelete="CASCADE")
    )
    version: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(32))
    config: Mapped[dict[str, Any]] = json_col(nullable=False, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class DatasetBaseline(OrgOwned, Base):
    """The experiment a dataset's comparisons and verdicts measure against by default."""

    __tablename__ = "dataset_baseline"

    dataset_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("dataset.id", ondelete="CASCADE"), primary_key=True
    )
    experiment_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("experiment.id", ondelete="CASCADE"), index=True
    )
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class PairwiseJudgement(UUIDPk, OrgOwned, Base):
    """One item judged in both orders by a pairwise judge: both raw replies are kept."""

    __tablename__ = "pairwise_judgement"
    __table_args__ = (Index("ix_pairwise_judgement_comparison_id", "comparison_id"),)

    # The ids of one POST /experiments/compare/pairwise/ call share this.
    comparison_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    evaluator_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("evaluator.id", ondelete="SET NULL")
    )
    evaluator_version: Mapped[str] = mapped_column(String(64))
    experiment_a_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("experiment.id", ondelete="CASCADE")
    )
    experiment_b_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("experiment.id", ondelete="CASCADE")
    )
    dataset_item_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("dataset_item.id", ondelete="CASCADE")
    )
    # a, b or tie after the swap check; "error" when either order gave no verdict.
    outcome: Mapped[str] = mapped_column(String(8))
    # The verdict read from each order, in the experiments' terms (a|b|tie|None).
    first_order: Mapped[str | None] = mapped_column(String(8))
    swapped_order: Mapped[str | None] = mapped_column(String(8))
    replies: Mapped[list[dict[str, Any]]] = json_col(nullable=False, default=list)
    reason: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
