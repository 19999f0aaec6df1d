"""run and experiment error class and detail; score status and evaluator version

Runs and experiments keep a short actionable `error`, its `error_class` (permanent or
transient kinds, app/llm) and the provider's own message in `error_detail`. A score says
whether it is a real grade (`ok`) or why it is not (`judge_error`, `target_error`,
`skipped`), and which version of its evaluator produced it.

Revision ID: 20261201_0004
Revises: 20261130_0002
Create Date: 2026-12-01 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "20261201_0004"
down_revision: str | None = "20261130_0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    for table in ("experiment_run", "experiment"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("error_class", sa.String(length=32), nullable=False,
                                          server_default=""))
            batch_op.add_column(sa.Column("error_detail", sa.Text(), nullable=False,
                                          server_default=""))
    with op.batch_alter_table("score", schema=None) as batch_op:
        batch_op.add_column(sa.Column("status", sa.String(length=16), nullable=False,
                                      server_default="ok"))
        batch_op.add_column(sa.Column("evaluator_version", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("score", schema=None) as batch_op:
        batch_op.drop_column("evaluator_version")
        batch_op.drop_column("status")
    for table in ("experiment", "experiment_run"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("error_detail")
            batch_op.drop_column("error_class")
