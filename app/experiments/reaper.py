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
from app.experiments.runstate import ACTIVE, RUN
from app.models import Experiment
from app.queue import job

log = logging.getLogger(__name__)

EXPERIMENT = Experiment.__table__
ENQUEUE_BATCH = 200


def run_job_id(run_id: str, leased: bool, attempts: int) -> str:
    return f"run:{run_id}:{attempts}" if leased else f"run:{run_id}"


async def _orphans(sessions: runstate.Sessions) -> list[tuple[str, str]]:
    stmt = (
        select(RUN.c.id, RUN.c.lease_until, RUN.c.attempts)
        .join(EXPERIMENT, EXPERIMENT.c.id == RUN.c.experiment_id)
        .where(EXPERIMENT.c.status == "running", runstate.unheld(runstate.utcnow()))
        .order_by(RUN.c.experiment_id, RUN.c.sort_order)
    )
    async with sessions() as db:
        rows = (await db.execute(stmt)).all()
    return [(str(r[0]), run_job_id(str(r[0]), r[1] is not None, r[2])) for r in rows]


async def _cancel_stopped(sessions: runstate.Sessions) -> int:
    stopped = exists().where(EXPERIMENT.c.id == RUN.c.experiment_id,
                             EXPERIMENT.c.status.in_(("cancelled", "completed", "failed")))
    now = runstate.utcnow()
    stmt = (
        update(RUN)
        .where(RUN.c.status.in_(ACTIVE), runstate.unheld(now), stopped)
        .values(status="cancelled", lease_until=None, finished_at=now)
    )
    async with sessions() as db:
        count = (await db.execute(stmt)).rowcount
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
    orphans = await _orphans(sessions)
    for start in range(0, len(orphans), ENQUEUE_BATCH):
        batch = orphans[start:start + ENQUEUE_BATCH]
        await asyncio.gather(*(queue.enqueue("experiments.execute_run", run_id, job_id=job_id)
                               for run_id, job_id in batch))
    cancelled = await _cancel_stopped(sessions)
    finalized = 0
    for experiment_id in await _finished_experiments(sessions):
        finalized += await runstate.finalize(sessions, experiment_id)
    if orphans or cancelled or finalized:
        log.info("reaper: %d runs re-enqueued, %d cancelled, %d experiments finalized",
                 len(orphans), cancelled, finalized)
    return {"enqueued": len(orphans), "cancelled": cancelled, "finalized": finalized}
