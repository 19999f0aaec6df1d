"""experiment_event: the log of run outcomes that live progress streams (issue 11.5)

One row per outcome the engine writes, inserted in the outcome's own transaction. `txid` is
the writing transaction's id on PostgreSQL (commit order for readers, see
app/experiments/events.py); 0 on SQLite, whose writers are serialized.

Revision ID: 20261202_0007
Revises: 20261202_0006
Create Date: 2026-12-02 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "20261202_0007"
down_revision: str | None = "20261202_0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "experiment_event",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
                  primary_key=True, autoincrement=True),
        sa.Column("experiment_id", sa.Uuid(),
                  sa.ForeignKey("experiment.id", ondelete="CASCADE"), nullable=False),
        sa.Column("run_id", sa.Uuid(),
                  sa.ForeignKey("experiment_run.id", ondelete="CASCADE"), nullable=False),
        sa.Column("txid", sa.BigInteger(), nullable=False, server_default="0"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_experiment_event_experiment_id_txid_id", "experiment_event",
                    ["experiment_id", "txid", "id"])
    op.create_index(op.f("ix_experiment_event_run_id"), "experiment_event", ["run_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_experiment_event_run_id"), table_name="experiment_event")
    op.drop_index("ix_experiment_event_experiment_id_txid_id", table_name="experiment_event")
    op.drop_table("experiment_event")
