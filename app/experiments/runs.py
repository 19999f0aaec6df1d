"""An experiment's runs: created by one INSERT ... SELECT over the dataset's items, then
queued one job per run after the commit.

The database copies the item ids and sort orders itself, so starting an experiment on a
large dataset moves no rows through Python. Run ids are generated in SQL: gen_random_uuid()
on PostgreSQL, a version-4 UUID built from randomblob() on SQLite (stored as 32 hex digits,
the form SQLAlchemy's Uuid type uses there).
"""

import asyncio
import logging
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Integer,
    String,
    and_,
    cast,
    func,
    insert,
    literal,
    literal_column,
    or_,
    select,
)
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from app.models import DatasetItem, ExperimentRun
from app.queue import JobQueue

log = logging.getLogger(__name__)

JOB_NAME = "experiments.execute_run"
ENQUEUE_LANES = 16
ENQUEUE_PAGE = 5000
Defer = Callable[..., Any]

_SQLITE_UUID4 = (
    "lower(hex(randomblob(4)) || hex(randomblob(2)) || '4' || substr(hex(randomblob(2)), 2)"
    " || substr('89ab', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2)"
    " || hex(randomblob(6)))"
)


def _new_uuid(dialect: str) -> ColumnElement:
    if dialect == "postgresql":
        return func.gen_random_uuid()
    return literal_column(_SQLITE_UUID4, String)


async def create_runs(
    db: AsyncSession, experiment_id: uuid.UUID, dataset_id: uuid.UUID, now: datetime
) -> int:
    """One pending run per item of the dataset (sort_order copied); returns how many."""
    columns = ExperimentRun.__table__.c
    source = select(
        _new_uuid(db.bind.dialect.name),
        literal(experiment_id, ExperimentRun.experiment_id.type),
        DatasetItem.id,
        literal(0, Integer),
        cast(DatasetItem.sort_order, Integer),
        literal("pending", String),
        literal("", String),
        literal(0, Integer),
        literal(now, ExperimentRun.created_at.type),
        literal(now, ExperimentRun.updated_at.type),
    ).where(DatasetItem.dataset_id == dataset_id)
    target = [
        columns.id,
        columns.experiment_id,
        columns.dataset_item_id,
        columns.repetition,
        columns.sort_order,
        columns.status,
        columns.error,
        columns.attempts,
        columns.created_at,
        columns.updated_at,
    ]
    await db.execute(insert(ExperimentRun).from_select(target, source))
    return (
        await db.scalar(
            select(func.count())
            .select_from(ExperimentRun)
            .where(ExperimentRun.experiment_id == experiment_id)
        )
        or 0
    )


async def _enqueue_lane(queue: JobQueue, run_ids: Iterator[uuid.UUID]) -> None:
    for run_id in run_ids:
        await queue.enqueue(JOB_NAME, str(run_id), job_id=f"run:{run_id}")


async def _pending_id_pages(
    db: AsyncSession, experiment_id: uuid.UUID
) -> AsyncIterator[list[uuid.UUID]]:
    """Pending run ids in dataset order, a page at a time (keyset): a million-run start
    never holds every id in memory."""
    last: tuple[int, uuid.UUID] | None = None
    while True:
        stmt = (
            select(ExperimentRun.sort_order, ExperimentRun.id)
            .where(ExperimentRun.experiment_id == experiment_id, ExperimentRun.status == "pending")
            .order_by(ExperimentRun.sort_order, ExperimentRun.id)
            .limit(ENQUEUE_PAGE)
        )
        if last is not None:
            stmt = stmt.where(
                or_(
                    ExperimentRun.sort_order > last[0],
                    and_(ExperimentRun.sort_order == last[0], ExperimentRun.id > last[1]),
                )
            )
        rows = list(await db.execute(stmt))
        if not rows:
            return
        yield [row.id for row in rows]
        last = (rows[-1].sort_order, rows[-1].id)


async def enqueue_runs(db: AsyncSession, queue: JobQueue, experiment_id: uuid.UUID) -> None:
    """One job per pending run; the job id makes a repeated enqueue a no-op."""
    try:
        async for ids in _pending_id_pages(db, experiment_id):
            # A few lanes share one iterator: Redis round trips overlap without a task per
            # run, and jobs still go out in dataset order.
            shared = iter(ids)
            await asyncio.gather(*(_enqueue_lane(queue, shared) for _ in range(ENQUEUE_LANES)))
    except Exception:
        # The runs are committed; the reaper re-enqueues pending runs, so the start stands.
        log.exception("enqueueing runs of experiment %s failed", experiment_id)


async def _enqueue_detached(engine: AsyncEngine, queue: JobQueue, experiment_id: uuid.UUID) -> None:
    async with AsyncSession(engine, expire_on_commit=False) as db:
        await enqueue_runs(db, queue, experiment_id)


async def queue_runs(
    db: AsyncSession, queue: JobQueue, experiment_id: uuid.UUID, defer: Defer | None = None
) -> None:
    """Queue the runs of a committed start: now, or via `defer` (a BackgroundTasks.add_task)
    after the response is sent. arq spends ~0.5 ms of CPU per job, so 10,000 runs would hold
    the start response for seconds; if the process dies first, the reaper queues the rest."""
    if defer is None:
        await enqueue_runs(db, queue, experiment_id)
    else:
        defer(_enqueue_detached, db.bind, queue, experiment_id)
