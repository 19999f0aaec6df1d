"""Experiments, one run per dataset item, and the scores of each run."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base
from app.models.base import OrgOwned, Timestamps, UUIDPk, json_col, utcnow


class Experiment(UUIDPk, OrgOwned, Timestamps, Base):
    __tablename__ = "experiment"

    dataset_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("dataset.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(300))
    config: Mapped[dict[str, Any]] = json_col(nullable=False, default=dict)
    evaluator_ids: Mapped[list[str]] = json_col(nullable=False, default=list)
    metadata_: Mapped[dict[str, Any]] = json_col("metadata", nullable=False, default=dict)
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    # Frozen at start: resolved prompt version, model params, evaluator configs.
    snapshot: Mapped[dict[str, Any] | None] = json_col()
    group_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    error: Mapped[str] = mapped_column(Text, default="")
    # What kind of error (app/llm's classes) and the provider's own message, kept apart from
    # the short actionable `error`.
    error_class: Mapped[str] = mapped_column(String(32), default="", server_default="")
    error_detail: Mapped[str] = mapped_column(Text, default="", server_default="")
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The dataset version the runs were created from (issue 11.6).
    dataset_version: Mapped[int | None] = mapped_column(Integer)
    # Estimated cost in USD, computed at start (issue 11.4).
    cost_estimate: Mapped[float | None] = mapped_column(Float)
    # max_cost was reached: the runs left were skipped (issue 11.4).
    budget_exhausted: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")


class ExperimentRun(UUIDPk, Timestamps, Base):
    __tablename__ = "experiment_run"
    __table_args__ = (
        UniqueConstraint("experiment_id", "dataset_item_id", "repetition"),
        Index("ix_experiment_run_experiment_id_status", "experiment_id", "status"),
        Index("ix_experiment_run_status_lease_until", "status", "lease_until"),
    )

    experiment_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("experiment.id", ondelete="CASCADE")
    )
    dataset_item_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("dataset_item.id", ondelete="CASCADE"), index=True
    )
    repetition: Mapped[int] = mapped_column(Integer, default=0)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    output: Mapped[Any] = json_col()
    messages: Mapped[list[dict[str, Any]] | None] = json_col()
    error: Mapped[str] = mapped_column(Text, default="")
    error_class: Mapped[str] = mapped_column(String(32), default="", server_default="")
    error_detail: Mapped[str] = mapped_column(Text, default="", server_default="")
    latency_ms: Mapped[int | None] = mapped_column(Integer)
    tokens_in: Mapped[int | None] = mapped_column(Integer)
    tokens_out: Mapped[int | None] = mapped_column(Integer)
    cost: Mapped[float | None] = mapped_column(Float)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    lease_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Earlier attempts, oldest first: [{at, status, error, error_class, latency_ms}] (issue 11.1).
    attempt_history: Mapped[list[dict[str, Any]] | None] = json_col()
    # Model replies (target and judge) served from the response cache (issue 11.3).
    cache_hits: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # [{name, arguments, result}] in call order (issue 12).
    tool_calls: Mapped[list[dict[str, Any]] | None] = json_col()
    # The output was longer than the server keeps and was cut (issue 13).
    output_truncated: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")


class ResponseCache(Base):
    """A model reply, content-addressed: key = sha256 of (organization, kind, model,
    messages, parameters, repetition). Errors are never stored (issue 11.3)."""

    __tablename__ = "response_cache"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    organization_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("organization.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16))  # target | judge
    model: Mapped[str] = mapped_column(String(200))
    response: Mapped[dict[str, Any]] = json_col(nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Score(UUIDPk, Base):
    __tablename__ = "score"
    __table_args__ = (Index("ix_score_run_id", "run_id"),)

    run_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("experiment_run.id", ondelete="CASCADE")
    )
    evaluator_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("evaluator.id", ondelete="SET NULL")
    )
    name: Mapped[str] = mapped_column(String(200))
    data_type: Mapped[str] = mapped_column(String(16), default="numeric")
    numeric_value: Mapped[float | None] = mapped_column(Float)
    string_value: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(16), default="evaluator")
    # ok: a real grade. judge_error, target_error, skipped: no value, and why.
    status: Mapped[str] = mapped_column(String(16), default="ok", server_default="ok")
    # Content hash of the evaluator config that produced this score.
    evaluator_version: Mapped[str | None] = mapped_column(String(64))
    # Extra detail: per-turn results, judge raw text, "failed" flag for unparseable judges.
    details: Mapped[dict[str, Any] | None] = json_col()
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
