"""Run state transitions of the engine, each one conditional update.

`attempts` is the fencing token while a run is held: every hold or claim bumps it, and every
later write names the value it set, so a worker whose lease was taken over writes nothing.
A held run (status pending, lease set) belongs to a job waiting for a concurrency slot; its
lease tells the reaper when that job died. On finish `attempts` becomes the provider attempts.
"""

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import and_, case, exists, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.models import Experiment, ExperimentRun, Score

Sessions = async_sessionmaker[AsyncSession]
RUN = ExperimentRun.__table__
ACTIVE = ("pending", "running")


def utcnow() -> datetime:
    return datetime.now(UTC)


def unheld(now: datetime) -> Any:
    """A run nobody holds: pending and unleased, or leased by a job that stopped renewing."""
    return or_(
        and_(RUN.c.status == "pending", or_(RUN.c.lease_until.is_(None), RUN.c.lease_until < now)),
        and_(RUN.c.status == "running", RUN.c.lease_until < now),
    )


def _experiment_running(experiment_id: uuid.UUID) -> Any:
    table = Experiment.__table__
    return exists().where(table.c.id == experiment_id, table.c.status == "running")


async def _update(sessions: Sessions, statement: Any) -> bool:
    async with sessions() as db:
        result = await db.execute(statement)
        await db.commit()
    return result.rowcount == 1


async def hold(sessions: Sessions, run_id: uuid.UUID, seen: int, lease_s: float) -> int | None:
    """Lease a pending run while waiting for a slot; the new fence, or None if taken."""
    now = utcnow()
    stmt = (
        update(RUN)
        .where(RUN.c.id == run_id, RUN.c.attempts == seen, RUN.c.status == "pending", unheld(now))
        .values(lease_until=now + timedelta(seconds=lease_s), attempts=seen + 1)
    )
    return seen + 1 if await _update(sessions, stmt) else None


async def claim(sessions: Sessions, run_id: uuid.UUID, experiment_id: uuid.UUID, seen: int,
                lease_s: float, *, held: bool = False) -> int | None:
    """pending|expired -> running with a lease, only while the experiment runs; the fence or None."""
    now = utcnow()
    mine = RUN.c.status == "pending" if held else unheld(now)
    stmt = (
        update(RUN)
        .where(RUN.c.id == run_id, RUN.c.attempts == seen, mine, _experiment_running(experiment_id))
        .values(status="running", lease_until=now + timedelta(seconds=lease_s),
                attempts=seen + 1, started_at=now)
    )
    return seen + 1 if await _update(sessions, stmt) else None


async def renew(sessions: Sessions, run_ids: list[uuid.UUID], lease_s: float) -> None:
    stmt = (
        update(RUN)
        .where(RUN.c.id.in_(run_ids), RUN.c.status.in_(ACTIVE))
        .values(lease_until=utcnow() + timedelta(seconds=lease_s))
    )
    await _update(sessions, stmt)


async def release(sessions: Sessions, run_id: uuid.UUID, fence: int) -> None:
    """Give a held or claimed run back (shutdown, no slot): pending and unleased."""
    stmt = (
        update(RUN)
        .where(RUN.c.id == run_id, RUN.c.attempts == fence, RUN.c.status.in_(ACTIVE))
        .values(status="pending", lease_until=None)
    )
    await _update(sessions, stmt)


async def cancel_orphan(sessions: Sessions, run_id: uuid.UUID) -> None:
    """A run of an experiment that stopped, which no live job holds, becomes cancelled."""
    stmt = (
        update(RUN)
        .where(RUN.c.id == run_id, unheld(utcnow()))
        .values(status="cancelled", finished_at=utcnow(), lease_until=None)
    )
    await _update(sessions, stmt)


async def finish(sessions: Sessions, run_id: uuid.UUID, fence: int, values: dict[str, Any],
                 scores: list[dict[str, Any]]) -> bool:
    """Record the outcome and its scores in one transaction, only if the lease is still ours."""
    stmt = (
        update(RUN)
        .where(RUN.c.id == run_id, RUN.c.attempts == fence, RUN.c.status == "running")
        .values(**values, lease_until=None, finished_at=utcnow())
    )
    rows = [{**score, "run_id": run_id} for score in scores]
    try:
        return await _finish(sessions, stmt, rows)
    except IntegrityError:
        # An evaluator deleted since the start: keep its scores, without the dangling link.
        return await _finish(sessions, stmt, [{**row, "evaluator_id": None} for row in rows])


async def _finish(sessions: Sessions, stmt: Any, rows: list[dict[str, Any]]) -> bool:
    async with sessions() as db:
        if (await db.execute(stmt)).rowcount != 1:
            await db.rollback()
            return False
        if rows:
            await db.execute(Score.__table__.insert(), rows)
        await db.commit()
    return True


async def finalize(sessions: Sessions, experiment_id: uuid.UUID) -> bool:
    """running -> completed|failed once no run is pending or running; True if this call did it.

    Called after the caller's own run committed, so the last finisher always sees every run
    done. `failed` when no run completed (nothing could run): the first error is kept.
    """
    async with sessions() as db:
        remaining = await db.scalar(
            select(RUN.c.id).where(RUN.c.experiment_id == experiment_id, RUN.c.status.in_(ACTIVE)).limit(1)
        )
    if remaining is not None:
        return False
    table = Experiment.__table__
    of_experiment = RUN.c.experiment_id == experiment_id
    any_completed = exists().where(of_experiment, RUN.c.status == "completed")
    any_failed = exists().where(of_experiment, RUN.c.status == "failed")
    first_error = (
        select(RUN.c.error).where(of_experiment, RUN.c.status == "failed")
        .order_by(RUN.c.finished_at, RUN.c.sort_order).limit(1).scalar_subquery()
    )
    failed = and_(~any_completed, any_failed)
    stmt = (
        update(table)
        .where(table.c.id == experiment_id, table.c.status == "running",
               ~exists().where(of_experiment, RUN.c.status.in_(ACTIVE)))
        .values(status=case((failed, "failed"), else_="completed"),
                error=case((failed, first_error), else_=""), finished_at=utcnow(),
                updated_at=utcnow())
    )
    return await _update(sessions, stmt)
