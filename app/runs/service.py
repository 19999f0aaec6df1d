"""Production agent runs: recording, listing, lookup."""

import uuid
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.errors import NotFound
from app.models import AgentRun
from app.runs.schemas import RunCreate

MAX_ID = 2**63 - 1


def _utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


async def create_run(db: AsyncSession, organization_id: uuid.UUID, body: RunCreate) -> AgentRun:
    fields = body.model_dump(exclude={"metadata", "started_at", "ended_at"})
    run = AgentRun(
        organization_id=organization_id, metadata_=body.metadata,
        started_at=_utc(body.started_at), ended_at=_utc(body.ended_at), **fields,
    )
    db.add(run)
    await db.commit()
    return run


async def get_run(db: AsyncSession, organization_id: uuid.UUID, run_id: int) -> AgentRun:
    run = None
    if 0 < run_id <= MAX_ID:  # out of range cannot exist; the database must not see it
        run = await db.scalar(
            select(AgentRun).where(AgentRun.id == run_id, AgentRun.organization_id == organization_id)
        )
    if run is None:
        raise NotFound(f"Run {run_id} not found.")
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
        select(AgentRun).where(*where).order_by(AgentRun.id.desc()).offset(offset).limit(limit)
    )
    return count, list(rows)
