"""execution features (issue 11), tool calls (issue 12), truncated outputs (issue 13)

- experiment_run: `attempt_history` (retry-failed keeps every attempt: when, error,
  latency), `cache_hits` (model replies served from the response cache), `tool_calls`
  ([{name, arguments, result}]), `output_truncated` (an oversized output was cut).
- experiment: `dataset_version` (the dataset version it ran on), `cost_estimate` (USD,
  computed at start), `budget_exhausted` (max_cost reached: the rest was skipped).
- response_cache: content-addressed model replies, per organization.
- dataset: `version` (the current version number); dataset_version: one row per change of
  the items; dataset_item: `version_added`, `version_removed` and `archived_at` (an item
  removed from the dataset stays readable for older versions and old results);
  dataset_item_revision: the previous content of an item that was edited, with the
  versions it was valid for (no copy of unchanged items).

Revision ID: 20261202_0006
Revises: 20261201_0005
Create Date: 2026-12-02 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "20261202_0006"
down_revision: str | None = "20261201_0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _uuid_fk(name: str, table: str, ondelete: str, **kw) -> sa.Column:
    return sa.Column(name, sa.Uuid(), sa.ForeignKey(f"{table}.id", ondelete=ondelete), **kw)


def upgrade() -> None:
    with op.batch_alter_table("experiment_run", schema=None) as batch_op:
        batch_op.add_column(sa.Column("attempt_history", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("cache_hits", sa.Integer(), nullable=False,
                                      server_default="0"))
        batch_op.add_column(sa.Column("tool_calls", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("output_truncated", sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
    with op.batch_alter_table("experiment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("dataset_version", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("cost_estimate", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("budget_exhausted", sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
    op.create_table(
        "response_cache",
        sa.Column("key", sa.String(length=64), primary_key=True),
        _uuid_fk("organization_id", "organization", "CASCADE", nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("model", sa.String(length=200), nullable=False),
        sa.Column("response", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index(op.f("ix_response_cache_organization_id"), "response_cache",
                    ["organization_id"])
    with op.batch_alter_table("dataset", schema=None) as batch_op:
        batch_op.add_column(sa.Column("version", sa.Integer(), nullable=False,
                                      server_default="0"))
    op.create_table(
        "dataset_version",
        sa.Column("id", sa.Uuid(), primary_key=True),
        _uuid_fk("dataset_id", "dataset", "CASCADE", nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("items_added", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("items_updated", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("items_removed", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("dataset_id", "number"),
    )
    with op.batch_alter_table("dataset_item", schema=None) as batch_op:
        batch_op.add_column(sa.Column("version_added", sa.Integer(), nullable=False,
                                      server_default="0"))
        batch_op.add_column(sa.Column("version_removed", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("archived_at", sa.DateTime(timezone=True),
                                      nullable=True))
    op.create_table(
        "dataset_item_revision",
        sa.Column("id", sa.Uuid(), primary_key=True),
        _uuid_fk("item_id", "dataset_item", "CASCADE", nullable=False),
        _uuid_fk("dataset_id", "dataset", "CASCADE", nullable=False),
        sa.Column("valid_from", sa.Integer(), nullable=False),
        sa.Column("valid_to", sa.Integer(), nullable=False),
        sa.Column("input", sa.JSON(), nullable=False),
        sa.Column("expected_output", sa.JSON(), nullable=True),
        sa.Column("context", sa.JSON(), nullable=True),
        sa.Column("metadata", sa.JSON(), nullable=True),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("agent_args", sa.JSON(), nullable=True),
        sa.Column("rubric_vars", sa.JSON(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_dataset_item_revision_item_id_valid_from", "dataset_item_revision",
                    ["item_id", "valid_from"])
    op.create_index("ix_dataset_item_revision_dataset_id_valid_from", "dataset_item_revision",
                    ["dataset_id", "valid_from"])


def downgrade() -> None:
    op.drop_index("ix_dataset_item_revision_dataset_id_valid_from",
                  table_name="dataset_item_revision")
    op.drop_index("ix_dataset_item_revision_item_id_valid_from",
                  table_name="dataset_item_revision")
    op.drop_table("dataset_item_revision")
    with op.batch_alter_table("dataset_item", schema=None) as batch_op:
        batch_op.drop_column("archived_at")
        batch_op.drop_column("version_removed")
        batch_op.drop_column("version_added")
    op.drop_table("dataset_version")
    with op.batch_alter_table("dataset", schema=None) as batch_op:
        batch_op.drop_column("version")
    op.drop_index(op.f("ix_response_cache_organization_id"), table_name="response_cache")
    op.drop_table("response_cache")
    with op.batch_alter_table("experiment", schema=None) as batch_op:
        batch_op.drop_column("budget_exhausted")
        batch_op.drop_column("cost_estimate")
        batch_op.drop_column("dataset_version")
    with op.batch_alter_table("experiment_run", schema=None) as batch_op:
        batch_op.drop_column("output_truncated")
        batch_op.drop_column("tool_calls")
        batch_op.drop_column("cache_hits")
        batch_op.drop_column("attempt_history")
