"""`experiments.reap`: no lost work after a crash, a restart or a lost enqueue.

Periodic (arq cron in workers; a timer of the in-process queue, first at start-up):
- re-enqueue runs of running experiments that no live job holds: pending and unleased
  (e.g. the in-process queue lost them in a restart) under the job's own id, so a run still
  queued is not queued twice; leased runs whose lease expired (a killed worker) under an id
  carrying the fence, which is new after every takeover;
- cancel such orphans of experiments that stopped;
- finalize running experiments whose runs are all finished.
"""

import asyncio
import logging
from typing import Any

from sqlalchemy import exists, select, update

from app.experiments import runstate
from app.experiments.runstate import ACTIVE, EXPERIMENT, RUN
from app.queue import job

log = logging.getLogger(__name__)

ENQUEUE_BATCH = 200


def run_job_id(run_id: str, leased: bool, attempts: int) -> str:
    return f"run:{run_id}:{attempts}" if leased else f"run:{run_id}"


async def _orphans(sessions: runstate.Sessions) -> list[tuple[str, str, bool]]:
    """(run id, job id, leased) of every run of a running experiment that no live job holds."""
    stmt = (
        select(RUN.c.id, RUN.c.lease_until, RUN.c.attempts)
        .join(EXPERIMENT, EXPERIMENT.c.id == RUN.c.experiment_id)
        .where(EXPERIMENT.c.status == "running", runstate.UNHELD)
        .order_by(RUN.c.experiment_id, RUN.c.sort_order)
    )
    async with sessions() as db:
        rows = (await db.execute(stmt, {"p_now": runstate.utcnow()})).all()
    return [
        (str(r[0]), run_job_id(str(r[0]), r[1] is not None, r[2]), r[1] is not None) for r in rows
    ]


async def _cancel_stopped(sessions: runstate.Sessions) -> int:
    stopped = exists().where(
        EXPERIMENT.c.id == RUN.c.experiment_id,
        EXPERIMENT.c.status.in_(("cancelled", "completed", "failed")),
    )
    now = runstate.utcnow()
    stmt = (
        update(RUN)
        .where(RUN.c.status.in_(ACTIVE), runstate.UNHELD, stopped)
        .values(status="cancelled", lease_until=None, finished_at=now)
    )
    async with sessions() as db:
        count = (await db.execute(stmt, {"p_now": now})).rowcount
        await db.commit()
    return count


async def _finished_experiments(sessions: runstate.Sessions) -> list[Any]:
    active = exists().where(RUN.c.experiment_id == EXPERIMENT.c.id, RUN.c.status.in_(ACTIVE))
    stmt = select(EXPERIMENT.c.id).where(EXPERIMENT.c.status == "running", ~active)
    async with sessions() as db:
        return list((await db.scalars(stmt)).all())


@job("experiments.reap", every="reaper_interval_s")
async def reap(ctx: dict[str, Any]) -> dict[str, int]:
    """One pass; returns what it did (logged, and read by tests)."""
    sessions, queue = ctx["sessionmaker"], ctx["queue"]
    orphans, enqueued = await _orphans(sessions), 0
    for start in range(0, len(orphans), ENQUEUE_BATCH):
        batch = orphans[start : start + ENQUEUE_BATCH]
        queued = await asyncio.gather(
            *(
                queue.enqueue("experiments.execute_run", run_id, job_id=job_id)
                for run_id, job_id, _ in batch
            )
        )
        enqueued += sum(1 for q in queued if q)  # a job still queued under that id is not counted
    # Unleased runs whose job a dead worker had started (before it could lease the run).
    stuck = [job_id for _, job_id, leased in orphans if not leased]
    revived = await queue.revive(stuck, ctx["settings"].run_lease_s)
    cancelled = await _cancel_stopped(sessions)
    finalized = 0
    for experiment_id in await _finished_experiments(sessions):
        finalized += await runstate.finalize(sessions, experiment_id)
    if enqueued or revived or cancelled or finalized:
        log.info(
            "reaper: %d runs re-enqueued, %d jobs revived, %d cancelled, %d experiments finalized",
            enqueued,
            revived,
            cancelled,
            finalized,
        )
    return {
        "enqueued": enqueued,
        "revived": revived,
        "cancelled": cancelled,
        "finalized": finalized,
    }
