"""An experiment's runs: created by one INSERT ... SELECT over the dataset's items; after the
commit, a few driver jobs (lanes.py) execute them.

The database copies the item ids and sort orders itself, so starting an experiment on a
large dataset moves no rows through Python. With repetitions, the items are cross joined with
the repetition numbers (a UNION ALL of at most 100 literals) in the same statement; one
repetition keeps the plain statement. Run ids are generated in SQL: gen_random_uuid()
on PostgreSQL, a version-4 UUID built from randomblob() on SQLite (stored as 32 hex digits,
the form SQLAlchemy's Uuid type uses there).
"""

import asyncio
import logging
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Integer,
    String,
    cast,
    func,
    insert,
    literal,
    literal_column,
    select,
    true,
    union_all,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from app.experiments import lanes
from app.models import DatasetItem, ExperimentRun
from app.queue import JobQueue

log = logging.getLogger(__name__)


_SQLITE_UUID4 = (
    "lower(hex(randomblob(4)) || hex(randomblob(2)) || '4' || substr(hex(randomblob(2)), 2)"
    " || substr('89ab', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2)"
    " || hex(randomblob(6)))"
)


def _new_uuid(dialect: str) -> ColumnElement:
    if dialect == "postgresql":
        return func.gen_random_uuid()
    return literal_column(_SQLITE_UUID4, String)


def _repetition_numbers(repetitions: int) -> Any:
    """0..repetitions-1 as a one-column subquery, portable to SQLite and PostgreSQL."""
    return union_all(
        *(select(literal(i, Integer).label("repetition")) for i in range(repetitions))
    ).subquery("repetitions")


async def create_runs(
    db: AsyncSession,
    experiment_id: uuid.UUID,
    dataset_id: uuid.UUID,
    now: datetime,
    repetitions: int = 1,
) -> int:
    """`repetitions` pending runs per item of the dataset (sort_order copied); returns how
    many."""
    columns = ExperimentRun.__table__.c
    repetition: Any = literal(0, Integer)
    items: Any = DatasetItem.__table__
    if repetitions > 1:
        numbers = _repetition_numbers(repetitions)
        repetition, items = numbers.c.repetition, items.join(numbers, true())  # a cross join
    source = select(
        _new_uuid(db.bind.dialect.name),
        literal(experiment_id, ExperimentRun.experiment_id.type),
        DatasetItem.id,
        repetition,
        cast(DatasetItem.sort_order, Integer),
        literal("pending", String),
        literal("", String),
        literal(0, Integer),
        literal(now, ExperimentRun.created_at.type),
        literal(now, ExperimentRun.updated_at.type),
    ).select_from(items).where(DatasetItem.dataset_id == dataset_id,
                               DatasetItem.version_removed.is_(None))
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


def lanes_of(settings: Any, snapshot: dict, queue: JobQueue) -> int:
    """Driver lanes of an experiment: one in-process (one process, one loop: more would add
    nothing), EVALFORGE_ENGINE_LANES on workers (so several workers share the load)."""
    limit = int(snapshot.get("max_concurrency") or settings.max_concurrency)
    configured = settings.engine_lanes if getattr(queue, "pool", None) is not None else 1
    return lanes.lane_count(limit, configured)


async def enqueue_drivers(queue: JobQueue, experiment_id: uuid.UUID, lane_total: int) -> int:
    """One driver job per lane; a lane's job id makes a repeated enqueue a no-op."""
    queued = await asyncio.gather(*(
        queue.enqueue(lanes.JOB_NAME, str(experiment_id), lane, lane_total,
                      job_id=lanes.job_id(experiment_id, lane))
        for lane in range(lane_total)))
    return sum(1 for q in queued if q)


async def queue_runs(queue: JobQueue, settings: Any, experiment_id: uuid.UUID,
                     snapshot: dict) -> None:
    """Queue the drivers of a committed start: a few jobs, whatever the number of runs.
    If this fails, the reaper starts them: the start stands."""
    try:
        await enqueue_drivers(queue, experiment_id, lanes_of(settings, snapshot, queue))
    except Exception:
        log.exception("enqueueing the drivers of experiment %s failed", experiment_id)
