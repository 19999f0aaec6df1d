"""production runs numbered per organization

The API showed agent_run.id, one sequence for every organization: its gaps revealed other
tenants' activity. Runs get `number` (1, 2, 3 ... per organization, in id order for the
runs already there) and a counter row per organization hands out the next one. Items
captured from a run keep the number the API now shows, in source_run_id and in their
context's "run_id".

Revision ID: 20261130_0002
Revises: 20261130_0003
Create Date: 2026-11-30 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "20261130_0002"
down_revision: str | None = "20261130_0003"  # landed first, though numbered after
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# UPDATE ... FROM: PostgreSQL, and SQLite since 3.33.
NUMBER_RUNS = """
UPDATE agent_run SET number = ranked.n
FROM (SELECT id, row_number() OVER (PARTITION BY organization_id ORDER BY id) AS n
      FROM agent_run) AS ranked
WHERE agent_run.id = ranked.id
"""
FILL_COUNTERS = """
INSERT INTO agent_run_counter (organization_id, last_number)
SELECT organization_id, max(number) FROM agent_run GROUP BY organization_id
"""
# (item id, the run's row id, its number, the item's context) for items captured from runs
# of their own organization.
CAPTURED = """
SELECT i.id, r.id, r.number, i.context FROM dataset_item i
JOIN dataset d ON d.id = i.dataset_id
JOIN agent_run r ON r.organization_id = d.organization_id AND r.{key} = i.source_run_id
"""

item = sa.table(
    "dataset_item", sa.column("id", sa.Uuid()), sa.column("source_run_id", sa.BigInteger()),
    sa.column("context", sa.JSON()),
)


def _recapture(key: str, to_number: bool) -> None:
    """Point captured items at the run's number (upgrade) or row id (downgrade)."""
    bind = op.get_bind()
    rows = bind.execute(sa.text(CAPTURED.format(key=key)).columns(
        sa.column("item_id", sa.Uuid()), sa.column("row_id"), sa.column("number"),
        sa.column("context", sa.JSON()),
    )).all()
    for item_id, row_id, number, context in rows:
        old, new = (row_id, number) if to_number else (number, row_id)
        if isinstance(context, dict) and context.get("run_id") == str(old):
            context = {**context, "run_id": str(new)}
        bind.execute(
            item.update().where(item.c.id == item_id).values(source_run_id=new, context=context)
        )


def upgrade() -> None:
    op.create_table(
        "agent_run_counter",
        sa.Column("organization_id", sa.Uuid(), nullable=False),
        sa.Column("last_number", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organization_id"], ["organization.id"],
            name=op.f("fk_agent_run_counter_organization_id_organization"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("organization_id", name=op.f("pk_agent_run_counter")),
    )
    with op.batch_alter_table("agent_run", schema=None) as batch_op:
        batch_op.add_column(sa.Column("number", sa.BigInteger(), nullable=True))
    op.execute(NUMBER_RUNS)
    op.execute(FILL_COUNTERS)
    _recapture("id", to_number=True)
    with op.batch_alter_table("agent_run", schema=None) as batch_op:
        batch_op.alter_column("number", existing_type=sa.BigInteger(), nullable=False)
        batch_op.drop_index("ix_agent_run_organization_id_id")
        batch_op.create_unique_constraint(
            batch_op.f("uq_agent_run_organization_id_number"), ["organization_id", "number"]
        )


def downgrade() -> None:
    _recapture("number", to_number=False)
    with op.batch_alter_table("agent_run", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_agent_run_organization_id_number"), type_="unique")
        batch_op.create_index("ix_agent_run_organization_id_id", ["organization_id", "id"], unique=False)
        batch_op.drop_column("number")
    op.drop_table("agent_run_counter")
