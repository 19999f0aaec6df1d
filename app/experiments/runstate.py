"""Run state transitions of the engine, each one conditional update.

`attempts` is the fencing token while a run is held: every hold or claim bumps it, and every
later write names the value it set, so a worker whose lease was taken over writes nothing.
A held run (status pending, lease set) belongs to a job waiting for a concurrency slot; its
lease tells the reaper when that job died. On finish `attempts` becomes the provider attempts.

Statements are built once with bind parameters and run on plain connections: they execute
several times per run, and building and compiling them each time cost more than the SQL.
"""

import uuid
import weakref
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import and_, bindparam, case, exists, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from app.models import Experiment, ExperimentRun, Score

Sessions = async_sessionmaker[AsyncSession]
RUN = ExperimentRun.__table__
EXPERIMENT = Experiment.__table__
ACTIVE = ("pending", "running")
_NOW = bindparam("p_now", type_=RUN.c.lease_until.type)
_LEASE = bindparam("p_lease", type_=RUN.c.lease_until.type)
_RID = bindparam("p_rid", type_=RUN.c.id.type)
_EID = bindparam("p_eid", type_=RUN.c.id.type)
_SEEN = bindparam("p_seen", type_=RUN.c.attempts.type)
_FENCE = bindparam("p_fence", type_=RUN.c.attempts.type)

# A run nobody holds: pending and unleased, or leased by a job that stopped renewing.
UNHELD = or_(
    and_(RUN.c.status == "pending", or_(RUN.c.lease_until.is_(None), RUN.c.lease_until < _NOW)),
    and_(RUN.c.status == "running", RUN.c.lease_until < _NOW),
)
_EXPERIMENT_RUNNING = exists().where(EXPERIMENT.c.id == _EID, EXPERIMENT.c.status == "running")

HOLD = (update(RUN).where(RUN.c.id == _RID, RUN.c.attempts == _SEEN, RUN.c.status == "pending", UNHELD)
        .values(lease_until=_LEASE, attempts=_FENCE, updated_at=_NOW))
_CLAIM_VALUES = {"status": "running", "lease_until": _LEASE, "attempts": _FENCE, "started_at": _NOW,
                 "updated_at": _NOW}
CLAIM = (update(RUN).where(RUN.c.id == _RID, RUN.c.attempts == _SEEN, UNHELD, _EXPERIMENT_RUNNING)
         .values(**_CLAIM_VALUES))
CLAIM_HELD = (update(RUN).where(RUN.c.id == _RID, RUN.c.attempts == _SEEN, RUN.c.status == "pending",
                                _EXPERIMENT_RUNNING).values(**_CLAIM_VALUES))
RENEW = (update(RUN).where(RUN.c.id.in_(bindparam("p_ids", expanding=True)), RUN.c.status.in_(ACTIVE))
         .values(lease_until=_LEASE))
RELEASE = (update(RUN).where(RUN.c.id == _RID, RUN.c.attempts == _FENCE, RUN.c.status.in_(ACTIVE))
           .values(status="pending", lease_until=None, updated_at=_NOW))
CANCEL_ORPHAN = (update(RUN).where(RUN.c.id == _RID, UNHELD)
                 .values(status="cancelled", finished_at=_NOW, lease_until=None, updated_at=_NOW))
OUTCOME = ("status", "output", "messages", "error", "latency_ms", "tokens_in", "tokens_out", "cost",
           "attempts")
FINISH = (update(RUN).where(RUN.c.id == _RID, RUN.c.attempts == _FENCE, RUN.c.status == "running")
          .values(lease_until=None, finished_at=_NOW, updated_at=_NOW,
                  **{c: bindparam(f"o_{c}", type_=RUN.c[c].type) for c in OUTCOME}))
REMAINING = select(RUN.c.id).where(RUN.c.experiment_id == _EID, RUN.c.status.in_(ACTIVE)).limit(1)


def _finalize_statement() -> Any:
    of_experiment = RUN.c.experiment_id == _EID
    failed = and_(~exists().where(of_experiment, RUN.c.status == "completed"),
                  exists().where(of_experiment, RUN.c.status == "failed"))
    first_error = (select(RUN.c.error).where(of_experiment, RUN.c.status == "failed")
                   .order_by(RUN.c.finished_at, RUN.c.sort_order).limit(1).scalar_subquery())
    return (update(EXPERIMENT)
            .where(EXPERIMENT.c.id == _EID, EXPERIMENT.c.status == "running",
                   ~exists().where(of_experiment, RUN.c.status.in_(ACTIVE)))
            .values(status=case((failed, "failed"), else_="completed"),
                    error=case((failed, first_error), else_=""), finished_at=_NOW, updated_at=_NOW))


FINALIZE = _finalize_statement()


def utcnow() -> datetime:
    return datetime.now(UTC)


_AUTOCOMMIT: "weakref.WeakKeyDictionary[Any, AsyncEngine]" = weakref.WeakKeyDictionary()


def engine_of(sessions: Sessions) -> AsyncEngine:
    return sessions.kw["bind"]


def single_statements(sessions: Sessions) -> AsyncEngine:
    """The engine in autocommit mode, for one-statement work (each statement is atomic on its
    own): no BEGIN and COMMIT round trips, which were half of a run's database time."""
    engine = engine_of(sessions)
    fast = _AUTOCOMMIT.get(engine.sync_engine)
    if fast is None:
        fast = _AUTOCOMMIT[engine.sync_engine] = engine.execution_options(isolation_level="AUTOCOMMIT")
    return fast


async def _update(sessions: Sessions, statement: Any, params: dict[str, Any]) -> bool:
    async with single_statements(sessions).connect() as conn:
        result = await conn.execute(statement, {"p_now": utcnow(), **params})
    return result.rowcount == 1


def _lease(lease_s: float) -> datetime:
    return utcnow() + timedelta(seconds=lease_s)


async def hold(sessions: Sessions, run_id: uuid.UUID, seen: int, lease_s: float) -> int | None:
    """Lease a pending run while waiting for a slot; the new fence, or None if taken."""
    params = {"p_rid": run_id, "p_seen": seen, "p_fence": seen + 1, "p_lease": _lease(lease_s)}
    return seen + 1 if await _update(sessions, HOLD, params) else None


async def claim(sessions: Sessions, run_id: uuid.UUID, experiment_id: uuid.UUID, seen: int,
                lease_s: float, *, held: bool = False) -> int | None:
    """pending|expired -> running with a lease, only while the experiment runs; the fence or None."""
    params = {"p_rid": run_id, "p_eid": experiment_id, "p_seen": seen, "p_fence": seen + 1,
              "p_lease": _lease(lease_s)}
    return seen + 1 if await _update(sessions, CLAIM_HELD if held else CLAIM, params) else None


async def renew(sessions: Sessions, run_ids: list[uuid.UUID], lease_s: float) -> None:
    await _update(sessions, RENEW, {"p_ids": run_ids, "p_lease": _lease(lease_s)})


async def release(sessions: Sessions, run_id: uuid.UUID, fence: int) -> None:
    """Give a held or claimed run back (shutdown, no slot): pending and unleased."""
    await _update(sessions, RELEASE, {"p_rid": run_id, "p_fence": fence})


async def cancel_orphan(sessions: Sessions, run_id: uuid.UUID) -> None:
    """A run of an experiment that stopped, which no live job holds, becomes cancelled."""
    await _update(sessions, CANCEL_ORPHAN, {"p_rid": run_id})


async def finish(sessions: Sessions, run_id: uuid.UUID, fence: int, values: dict[str, Any],
                 scores: list[dict[str, Any]]) -> bool:
    """Record the outcome and its scores in one transaction, only if the lease is still ours."""
    params = {"p_rid": run_id, "p_fence": fence, "p_now": utcnow(),
              **{f"o_{c}": values.get(c, RUN.c[c].default.arg if RUN.c[c].default else None)
                 for c in OUTCOME}}
    rows = [{**score, "run_id": run_id} for score in scores]
    try:
        return await _finish(sessions, params, rows)
    except IntegrityError:
        # An evaluator deleted since the start: keep its scores, without the dangling link.
        return await _finish(sessions, params, [{**row, "evaluator_id": None} for row in rows])


async def _finish(sessions: Sessions, params: dict[str, Any], rows: list[dict[str, Any]]) -> bool:
    async with engine_of(sessions).connect() as conn:
        if (await conn.execute(FINISH, params)).rowcount != 1:
            await conn.rollback()
            return False
        if rows:
            await conn.execute(Score.__table__.insert(), rows)
        await conn.commit()
    return True


async def finalize(sessions: Sessions, experiment_id: uuid.UUID) -> bool:
    """running -> completed|failed once no run is pending or running; True if this call did it.

    Called after the caller's own run committed, so the last finisher always sees every run
    done. `failed` when no run completed (nothing could run): the first error is kept.
    """
    async with single_statements(sessions).connect() as conn:
        remaining = (await conn.execute(REMAINING, {"p_eid": experiment_id})).first()
    if remaining is not None:
        return False
    return await _update(sessions, FINALIZE, {"p_eid": experiment_id})


# --- batched driver statements -------------------------------------------------------------

_LIMIT = bindparam("p_limit")
_CLAIMABLE = (select(RUN.c.id).where(RUN.c.experiment_id == _EID, UNHELD)
              .order_by(RUN.c.sort_order).limit(_LIMIT))


def _claim_batch_statement(skip_locked: bool) -> Any:
    claimable = _CLAIMABLE.with_for_update(skip_locked=True) if skip_locked else _CLAIMABLE
    return (update(RUN)
            .where(RUN.c.id.in_(claimable.scalar_subquery()), _EXPERIMENT_RUNNING)
            .values(status="running", lease_until=_LEASE, attempts=RUN.c.attempts + 1,
                    started_at=_NOW, updated_at=_NOW)
            .returning(RUN.c.id, RUN.c.attempts, RUN.c.dataset_item_id))


CLAIM_BATCH = {"postgresql": _claim_batch_statement(True), "sqlite": _claim_batch_statement(False)}
FINISH_FENCED = (update(RUN).where(RUN.c.id == _RID, RUN.c.attempts == _FENCE,
                                   RUN.c.status == "running")
                 .values(lease_until=None, finished_at=_NOW, updated_at=_NOW,
                         **{c: bindparam(f"o_{c}", type_=RUN.c[c].type) for c in OUTCOME}))


async def claim_batch(sessions: Sessions, experiment_id: uuid.UUID, limit: int,
                      lease_s: float) -> list[tuple[uuid.UUID, int, uuid.UUID]]:
    """Up to `limit` claimable runs of a running experiment, leased to the caller in one
    statement: [(run id, fence, item id)]. PostgreSQL skips rows another driver is claiming."""
    engine = single_statements(sessions)
    statement = CLAIM_BATCH.get(engine.dialect.name, CLAIM_BATCH["sqlite"])
    params = {"p_eid": experiment_id, "p_limit": limit, "p_now": utcnow(), "p_lease": _lease(lease_s)}
    async with engine.connect() as conn:
        rows = (await conn.execute(statement, params)).all()
    return [(row[0], row[1], row[2]) for row in rows]


def outcome_params(run_id: uuid.UUID, fence: int, values: dict[str, Any], now: datetime) -> dict:
    return {"p_rid": run_id, "p_fence": fence, "p_now": now,
            **{f"o_{c}": values.get(c, RUN.c[c].default.arg if RUN.c[c].default else None)
               for c in OUTCOME}}


async def finish_many(sessions: Sessions,
                      outcomes: list[tuple[uuid.UUID, int, dict[str, Any], list[dict[str, Any]]]]
                      ) -> int:
    """Record many outcomes and their scores in one transaction, each guarded by its fence;
    returns how many were still ours (the others were taken over and write nothing)."""
    now = utcnow()
    async with engine_of(sessions).connect() as conn:
        scores: list[dict[str, Any]] = []
        written = 0
        for run_id, fence, values, run_scores in outcomes:
            result = await conn.execute(FINISH_FENCED, outcome_params(run_id, fence, values, now))
            if result.rowcount == 1:
                written += 1
                scores.extend({**score, "run_id": run_id} for score in run_scores)
        if scores:
            try:
                async with conn.begin_nested():
                    await conn.execute(Score.__table__.insert(), scores)
            except IntegrityError:
                # An evaluator deleted since the start: keep its scores, without the link.
                await conn.execute(Score.__table__.insert(),
                                   [{**row, "evaluator_id": None} for row in scores])
        await conn.commit()
    return written


async def active_count(sessions: Sessions, experiment_id: uuid.UUID) -> bool:
    async with single_statements(sessions).connect() as conn:
        return (await conn.execute(REMAINING, {"p_eid": experiment_id})).first() is not None


async def release_many(sessions: Sessions, held: dict[uuid.UUID, int]) -> None:
    """Hand held runs back (shutdown): pending and unleased, each guarded by its fence."""
    if not held:
        return
    now = utcnow()
    async with engine_of(sessions).connect() as conn:
        for run_id, fence in held.items():
            await conn.execute(RELEASE, {"p_rid": run_id, "p_fence": fence, "p_now": now})
        await conn.commit()
