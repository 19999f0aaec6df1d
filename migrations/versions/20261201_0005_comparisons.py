"""evaluator versions, a dataset's pinned baseline, pairwise judgements (issue 10)

Revision ID: 20261201_0005
Revises: 20261201_0004
Create Date: 2026-12-01 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "20261201_0005"
down_revision: str | None = "20261201_0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _uuid_fk(name: str, table: str, ondelete: str, **kw) -> sa.Column:
    return sa.Column(name, sa.Uuid(), sa.ForeignKey(f"{table}.id", ondelete=ondelete), **kw)


def upgrade() -> None:
    op.create_table(
        "evaluator_version",
        sa.Column("id", sa.Uuid(), primary_key=True),
        _uuid_fk("evaluator_id", "evaluator", "CASCADE", nullable=False),
        sa.Column("version", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("config", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("evaluator_id", "version"),
    )
    op.create_table(
        "dataset_baseline",
        _uuid_fk("dataset_id", "dataset", "CASCADE", primary_key=True),
        _uuid_fk("experiment_id", "experiment", "CASCADE", nullable=False),
        _uuid_fk("organization_id", "organization", "CASCADE", nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index(op.f("ix_dataset_baseline_experiment_id"), "dataset_baseline",
                    ["experiment_id"])
    op.create_index(op.f("ix_dataset_baseline_organization_id"), "dataset_baseline",
                    ["organization_id"])
    op.create_table(
        "pairwise_judgement",
        sa.Column("id", sa.Uuid(), primary_key=True),
        _uuid_fk("organization_id", "organization", "CASCADE", nullable=False),
        sa.Column("comparison_id", sa.Uuid(), nullable=False),
        _uuid_fk("evaluator_id", "evaluator", "SET NULL", nullable=True),
        sa.Column("evaluator_version", sa.String(length=64), nullable=False),
        _uuid_fk("experiment_a_id", "experiment", "CASCADE", nullable=False),
        _uuid_fk("experiment_b_id", "experiment", "CASCADE", nullable=False),
        _uuid_fk("dataset_item_id", "dataset_item", "CASCADE", nullable=False),
        sa.Column("outcome", sa.String(length=8), nullable=False),
        sa.Column("first_order", sa.String(length=8), nullable=True),
        sa.Column("swapped_order", sa.String(length=8), nullable=True),
        sa.Column("replies", sa.JSON(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index(op.f("ix_pairwise_judgement_comparison_id"), "pairwise_judgement",
                    ["comparison_id"])
    op.create_index(op.f("ix_pairwise_judgement_organization_id"), "pairwise_judgement",
                    ["organization_id"])


def downgrade() -> None:
    op.drop_table("pairwise_judgement")
    op.drop_table("dataset_baseline")
    op.drop_table("evaluator_version")
