"""Datasets and their items."""

import uuid
from typing import Any

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    DateTime,
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


class Dataset(UUIDPk, OrgOwned, Timestamps, Base):
    __tablename__ = "dataset"
    __table_args__ = (UniqueConstraint("organization_id", "name"),)

    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    tags: Mapped[list[str]] = json_col(nullable=False, default=list)
    # "metadata" is reserved on declarative classes; the column keeps its public name.
    metadata_: Mapped[dict[str, Any]] = json_col("metadata", nullable=False, default=dict)
    # Kept by the item service so listing a million-item dataset never counts rows.
    item_count: Mapped[int] = mapped_column(Integer, default=0)
    # The next sort_order to hand out: insertion order without a max() scan.
    next_sort_order: Mapped[int] = mapped_column(BigInteger, default=0)
    # The current version: every change of the items makes a new one (issue 11.6).
    version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class DatasetItem(UUIDPk, Timestamps, Base):
    __tablename__ = "dataset_item"
    __table_args__ = (
        # Pages in (sort_order, id) order straight off the index: id settles the rare tie of
        # an explicitly chosen sort_order, without a sort over the whole dataset.
        Index("ix_dataset_item_dataset_id_sort_order", "dataset_id", "sort_order", "id"),
        # "Recent items" and ?sort=created_at page through this one; sort_order breaks ties
        # between rows of one bulk import, which share a timestamp.
        Index("ix_dataset_item_dataset_id_created_at", "dataset_id", "created_at", "sort_order"),
    )

    dataset_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("dataset.id", ondelete="CASCADE")
    )
    input: Mapped[Any] = json_col(nullable=False)
    expected_output: Mapped[Any] = json_col()
    context: Mapped[Any] = json_col()
    metadata_: Mapped[Any] = json_col("metadata")
    tags: Mapped[list[str]] = json_col(nullable=False, default=list)
    agent_args: Mapped[Any] = json_col()
    rubric_vars: Mapped[Any] = json_col()
    sort_order: Mapped[int] = mapped_column(BigInteger)
    external_id: Mapped[str | None] = mapped_column(String(200))
    source_run_id: Mapped[int | None] = mapped_column(BigInteger)
    # Versions (issue 11.6): the item is part of versions [version_added, version_removed).
    version_added: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    version_removed: Mapped[int | None] = mapped_column(Integer)
    # Removed while experiments reference it: kept for old results, out of future runs.
    archived_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class DatasetVersion(UUIDPk, Base):
    """One change of a dataset's items: its number and what it changed."""

    __tablename__ = "dataset_version"
    __table_args__ = (UniqueConstraint("dataset_id", "number"),)

    dataset_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("dataset.id", ondelete="CASCADE")
    )
    number: Mapped[int] = mapped_column(Integer)
    items_added: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    items_updated: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    items_removed: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class DatasetItemRevision(UUIDPk, Base):
    """An edited item's earlier content, valid for versions [valid_from, valid_to)."""

    __tablename__ = "dataset_item_revision"
    __table_args__ = (
        Index("ix_dataset_item_revision_item_id_valid_from", "item_id", "valid_from"),
        Index("ix_dataset_item_revision_dataset_id_valid_from", "dataset_id", "valid_from"),
    )

    item_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("dataset_item.id", ondelete="CASCADE")
    )
    dataset_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("dataset.id", ondelete="CASCADE")
    )
    valid_from: Mapped[int] = mapped_column(Integer)
    valid_to: Mapped[int] = mapped_column(Integer)
    input: Mapped[Any] = json_col(nullable=False)
    expected_output: Mapped[Any] = json_col()
    context: Mapped[Any] = json_col()
    metadata_: Mapped[Any] = json_col("metadata")
    tags: Mapped[list[str]] = json_col(nullable=False, default=list)
    agent_args: Mapped[Any] = json_col()
    rubric_vars: Mapped[Any] = json_col()
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
