"""`experiments.reap`: no lost work after a crash, a restart or a lost enqueue.

Periodic (arq cron in workers; a timer of the in-process queue, first at start-up):
- start the driver lanes of running experiments that have runs no live driver holds
  (pending and unleased, or leased by a driver that stopped renewing); a lane whose job is
  still queued or running is not queued twice (its job id), and the arq job of a lane whose
  owner died (its lane lease ran out) is revived so a live worker takes it up;
- cancel such orphans of experiments that stopped (skip them, when the circuit breaker
  stopped the experiment);
- finalize running experiments whose runs are all finished.
"""

import logging
from typing import Any

from sqlalchemy import exists, select, update

from app.experiments import lanes, runstate
from app.experiments.runs import enqueue_drivers, lanes_of
from app.experiments.runstate import ACTIVE, EXPERIMENT, RUN
from app.queue import job

log = logging.getLogger(__name__)


async def _stalled(sessions: runstate.Sessions) -> list[Any]:
    """(id, snapshot) of running experiments with a run that no live driver holds."""
    unheld = exists().where(RUN.c.experiment_id == EXPERIMENT.c.id, runstate.UNHELD)
    stmt = select(EXPERIMENT.c.id, EXPERIMENT.c.snapshot).where(
        EXPERIMENT.c.status == "running", unheld)
    async with sessions() as db:
        return list((await db.execute(stmt, {"p_now": runstate.utcnow()})).all())


async def _restart_lanes(ctx: dict[str, Any]) -> tuple[int, int]:
    sessions, queue, settings = ctx["sessionmaker"], ctx["queue"], ctx["settings"]
    locks: lanes.LaneLocks = ctx.setdefault("lane_locks", lanes.LocalLaneLocks())
    enqueued = revived = 0
    for experiment_id, snapshot in await _stalled(sessions):
        lane_total = lanes_of(settings, snapshot or {}, queue)
        ids = [lanes.job_id(experiment_id, lane) for lane in range(lane_total)]
        owned = await locks.held(ids)
        revived += await queue.revive([i for i, o in zip(ids, owned, strict=True) if not o],
                                      settings.run_lease_s)
        enqueued += await enqueue_drivers(queue, experiment_id, lane_total)
    return enqueued, revived


async def _cancel_stopped(sessions: runstate.Sessions) -> int:
    """Orphans of stopped experiments: skipped when the circuit breaker failed it (with its
    error), cancelled otherwise."""
    async with sessions() as db:
        skipped = (await db.execute(runstate.SKIP_ORPHANS, {"p_now": runstate.utcnow()})).rowcount
        await db.commit()
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
    return skipped + count


async def _finished_experiments(sessions: runstate.Sessions) -> list[Any]:
    active = exists().where(RUN.c.experiment_id == EXPERIMENT.c.id, RUN.c.status.in_(ACTIVE))
    stmt = select(EXPERIMENT.c.id).where(EXPERIMENT.c.status == "running", ~active)
    async with sessions() as db:
        return list((await db.scalars(stmt)).all())


@job("experiments.reap", every="reaper_interval_s")
async def reap(ctx: dict[str, Any]) -> dict[str, int]:
    """One pass; returns what it did (logged, and read by tests)."""
    sessions = ctx["sessionmaker"]
    enqueued, revived = await _restart_lanes(ctx)
    cancelled = await _cancel_stopped(sessions)
    finalized = 0
    for experiment_id in await _finished_experiments(sessions):
        finalized += await runstate.finalize(sessions, experiment_id)
    if enqueued or revived or cancelled or finalized:
        log.info("reaper: %d driver lanes queued, %d jobs revived, %d runs cancelled, "
                 "%d experiments finalized", enqueued, revived, cancelled, finalized)
    return {"enqueued": enqueued, "revived": revived, "cancelled": cancelled,
            "finalized": finalized}
