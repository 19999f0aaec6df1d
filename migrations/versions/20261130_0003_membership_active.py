"""membership active: deactivation per organization

Revision ID: 20261130_0003
Revises: cd7aa9f5f1b3
Create Date: 2026-11-30 19:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '20261130_0003'
down_revision: str | None = 'cd7aa9f5f1b3'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Existing memberships stay active (server default), so the column can be NOT NULL at once.
    with op.batch_alter_table('membership', schema=None) as batch_op:
        batch_op.add_column(sa.Column('is_active', sa.Boolean(), server_default=sa.true(), nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('membership', schema=None) as batch_op:
        batch_op.drop_column('is_active')
