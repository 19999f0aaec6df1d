"""The experiment event log: one row per run outcome written by the engine (issue 11.5).

A row is inserted in the same transaction as the outcome it announces, so the log and the
runs never disagree. `txid` orders rows by commit on PostgreSQL (the writing transaction's id;
a reader only takes rows of transactions older than every one still running, see
app/experiments/events.py); SQLite serializes writers, so `id` alone is commit-ordered there
and `txid` stays 0.
"""

import uuid

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base


class ExperimentEvent(Base):
    __tablename__ = "experiment_event"
    __table_args__ = (
        Index("ix_experiment_event_experiment_id_txid_id", "experiment_id", "txid", "id"),
        {"sqlite_autoincrement": True},  # never reuse an id a stream's cursor has passed
    )

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    experiment_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("experiment.id", ondelete="CASCADE")
    )
    run_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("experiment_run.id", ondelete="CASCADE"), index=True
    )
    txid: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
