"""Production agent runs: recording, listing, lookup.

A run's public id is its number within the organization (1, 2, 3 ...): the row id comes from
one sequence shared by every organization, and its gaps would show other tenants' activity.
"""

import uuid
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from app.errors import NotFound
from app.models import AgentRun
from app.models.runs import AgentRunCounter
from app.runs.schemas import RunCreate

MAX_NUMBER = 2**63 - 1
_UPSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


def _utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


async def next_number(db: AsyncSession, organization_id: uuid.UUID) -> int:
    """The organization's next run number, in the caller's transaction.

    One statement on both databases (INSERT ... ON CONFLICT DO UPDATE ... RETURNING): the
    first run creates the counter row, later ones bump it under its row lock, which a
    concurrent writer waits for until this transaction ends.
    """
    upsert = _UPSERTS[db.get_bind().dialect.name](AgentRunCounter)
    stmt = upsert.values(organization_id=organization_id, last_number=1).on_conflict_do_update(
        index_elements=[AgentRunCounter.organization_id],
        set_={"last_number": AgentRunCounter.last_number + 1},
    ).returning(AgentRunCounter.last_number)
    return (await db.execute(stmt)).scalar_one()


async def create_run(db: AsyncSession, organization_id: uuid.UUID, body: RunCreate) -> AgentRun:
    fields = body.model_dump(exclude={"metadata", "started_at", "ended_at"})
    run = AgentRun(
        organization_id=organization_id, number=await next_number(db, organization_id),
        metadata_=body.metadata, started_at=_utc(body.started_at), ended_at=_utc(body.ended_at),
        **fields,
    )
    db.add(run)
    await db.commit()
    return run


async def get_run(db: AsyncSession, organization_id: uuid.UUID, number: int) -> AgentRun:
    """A run by its number in the organization (the `id` the API shows)."""
    run = None
    if 0 < number <= MAX_NUMBER:  # out of range cannot exist; the database must not see it
        run = await db.scalar(
            select(AgentRun).where(
                AgentRun.organization_id == organization_id, AgentRun.number == number
            )
        )
    if run is None:
        raise NotFound(f"Run {number} not found.")
    return run


async def list_runs(
    db: AsyncSession, organization_id: uuid.UUID, *, agent_name: str | None, workflow: str | None,
    status: str | None, offset: int, limit: int,
) -> tuple[int, list[AgentRun]]:
    where = [AgentRun.organization_id == organization_id]
    for column, value in ((AgentRun.agent_name, agent_name), (AgentRun.workflow, workflow),
                          (AgentRun.status, status)):
        if value is not None:
            where.append(column == value)
    count = await db.scalar(select(func.count()).select_from(AgentRun).where(*where)) or 0
    rows = await db.scalars(
        select(AgentRun).where(*where).order_by(AgentRun.number.desc()).offset(offset).limit(limit)
    )
    return count, list(rows)
