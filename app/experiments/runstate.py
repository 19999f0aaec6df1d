"""Run state transitions of the engine, each one conditional statement.

`attempts` is the fencing token while a run is claimed: every claim bumps it, and the write
of the outcome names the value it set, so a driver whose lease was taken over writes nothing.
On finish `attempts` becomes the provider attempts. Claims are batches (one statement for many
runs), outcomes are batches (one transaction), and one statement renews a driver's leases.

Statements are built once with bind parameters and run on plain connections: building and
compiling them each time would cost more than the SQL.
"""

import uuid
import weakref
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import (
    BigInteger,
    Text,
    and_,
    bindparam,
    case,
    cast,
    exists,
    func,
    insert,
    literal,
    or_,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from app.experiments.notify import notify
from app.llm.errors import CLASSES
from app.models import Experiment, ExperimentEvent, ExperimentRun, Score

Sessions = async_sessionmaker[AsyncSession]
RUN = ExperimentRun.__table__
EXPERIMENT = Experiment.__table__
EVENT = ExperimentEvent.__table__
ACTIVE = ("pending", "running")
STOP_CLASSES = tuple(name for name, c in CLASSES.items() if c.stops_experiment)
_NOW = bindparam("p_now", type_=RUN.c.lease_until.type)
_LEASE = bindparam("p_lease", type_=RUN.c.lease_until.type)
_RID = bindparam("p_rid", type_=RUN.c.id.type)
_EID = bindparam("p_eid", type_=RUN.c.id.type)
_FENCE = bindparam("p_fence", type_=RUN.c.attempts.type)

# A run nobody holds: pending and unleased, or leased by a job that stopped renewing.
UNHELD = or_(
    and_(RUN.c.status == "pending", or_(RUN.c.lease_until.is_(None), RUN.c.lease_until < _NOW)),
    and_(RUN.c.status == "running", RUN.c.lease_until < _NOW),
)
_EXPERIMENT_RUNNING = exists().where(EXPERIMENT.c.id == _EID, EXPERIMENT.c.status == "running")

RENEW = (update(RUN).where(RUN.c.id.in_(bindparam("p_ids", expanding=True)), RUN.c.status.in_(ACTIVE))
         .values(lease_until=_LEASE))
RELEASE = (update(RUN).where(RUN.c.id == _RID, RUN.c.attempts == _FENCE, RUN.c.status.in_(ACTIVE))
           .values(status="pending", lease_until=None, updated_at=_NOW))
OUTCOME = ("status", "output", "messages", "error", "error_class", "error_detail", "latency_ms",
           "tokens_in", "tokens_out", "cost", "attempts", "tool_calls", "cache_hits",
           "output_truncated")
REMAINING = select(RUN.c.id).where(RUN.c.experiment_id == _EID, RUN.c.status.in_(ACTIVE)).limit(1)


def _finalize_statement() -> Any:
    of_experiment = RUN.c.experiment_id == _EID
    # Skipped runs never ran (the circuit breaker): they count as failures, not successes;
    # except runs skipped by the cost budget: that experiment completes (budget.py).
    failed = and_(~exists().where(of_experiment, RUN.c.status == "completed"),
                  exists().where(of_experiment, RUN.c.status.in_(("failed", "skipped"))),
                  EXPERIMENT.c.budget_exhausted.is_(False))

    def first(column: Any) -> Any:
        return (select(column).where(of_experiment, RUN.c.status.in_(("failed", "skipped")))
                .order_by(RUN.c.finished_at, RUN.c.sort_order).limit(1).scalar_subquery())

    return (update(EXPERIMENT)
            .where(EXPERIMENT.c.id == _EID, EXPERIMENT.c.status == "running",
                   ~exists().where(of_experiment, RUN.c.status.in_(ACTIVE)))
            .values(status=case((failed, "failed"), else_="completed"),
                    error=case((failed, first(RUN.c.error)), else_=""),
                    error_class=case((failed, first(RUN.c.error_class)), else_=""),
                    error_detail=case((failed, first(RUN.c.error_detail)), else_=""),
                    finished_at=_NOW, updated_at=_NOW))


FINALIZE = _finalize_statement()
_ERROR, _CLASS, _DETAIL = (bindparam(f"p_{c}", type_=EXPERIMENT.c[c].type)
                           for c in ("error", "error_class", "error_detail"))
TRIP = (update(EXPERIMENT).where(EXPERIMENT.c.id == _EID, EXPERIMENT.c.status == "running")
        .values(status="failed", error=_ERROR, error_class=_CLASS, error_detail=_DETAIL,
                finished_at=_NOW, updated_at=_NOW))


def _skip_statement(one_experiment: bool) -> Any:
    """Runs nobody holds of failed experiments -> skipped, with the experiment's error."""
    of_run = EXPERIMENT.c.id == RUN.c.experiment_id
    conditions = [RUN.c.status.in_(ACTIVE), UNHELD,
                  exists().where(of_run, EXPERIMENT.c.status == "failed")]
    if one_experiment:
        conditions.append(RUN.c.experiment_id == _EID)
    return (update(RUN).where(*conditions)
            .values(status="skipped", lease_until=None, finished_at=_NOW, updated_at=_NOW,
                    **{c: select(EXPERIMENT.c[c]).where(of_run).scalar_subquery()
                       for c in ("error", "error_class")}))


# A run of the experiment ended other than by a configuration error: the lanes waiting for
# lane 0's probe may start (app/experiments/breaker.py).
WORKED = select(exists().where(
    RUN.c.experiment_id == _EID,
    or_(RUN.c.status == "completed",
        and_(RUN.c.status == "failed", RUN.c.error_class.not_in(STOP_CLASSES)))))
SKIP_ORPHANS = _skip_statement(False)  # the reaper: runs of dead drivers
_SKIP_REST = _skip_statement(True)


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


async def renew(sessions: Sessions, run_ids: list[uuid.UUID], lease_s: float) -> None:
    await _update(sessions, RENEW, {"p_ids": run_ids, "p_lease": _lease(lease_s)})


async def finalize(sessions: Sessions, experiment_id: uuid.UUID) -> bool:
    """running -> completed|failed once no run is pending or running; True if this call did it.

    Called after the caller's own run committed, so the last finisher always sees every run
    done. `failed` when no run completed (nothing could run): the first error is kept.
    """
    async with single_statements(sessions).connect() as conn:
        remaining = (await conn.execute(REMAINING, {"p_eid": experiment_id})).first()
    if remaining is not None:
        return False
    finished = await _update(sessions, FINALIZE, {"p_eid": experiment_id})
    if finished:
        notify([experiment_id])  # live progress: the status event, then the stream's end
    return finished

async def trip(sessions: Sessions, experiment_id: uuid.UUID, values: dict[str, Any]) -> bool:
    """The circuit breaker: running -> failed with the run's error, and every run nobody
    holds -> skipped, in one transaction; True if this call stopped the experiment. Held
    runs are their drivers' to record (they see the status and skip what they hold)."""
    params = {"p_eid": experiment_id, "p_now": utcnow(), "p_error": values.get("error") or "",
              "p_error_class": values.get("error_class") or "",
              "p_error_detail": values.get("error_detail") or ""}
    async with engine_of(sessions).connect() as conn:
        stopped = (await conn.execute(TRIP, params)).rowcount == 1
        await conn.execute(_SKIP_REST, params)
        await conn.commit()
    if stopped:
        notify([experiment_id])
    return stopped


_LIMIT = bindparam("p_limit")
_CLAIMABLE = (select(RUN.c.id).where(RUN.c.experiment_id == _EID, UNHELD)
              .order_by(RUN.c.sort_order).limit(_LIMIT))


def _claim_batch_statement(skip_locked: bool) -> Any:
    claimable = _CLAIMABLE.with_for_update(skip_locked=True) if skip_locked else _CLAIMABLE
    return (update(RUN)
            .where(RUN.c.id.in_(claimable.scalar_subquery()), _EXPERIMENT_RUNNING)
            .values(status="running", lease_until=_LEASE, attempts=RUN.c.attempts + 1,
                    started_at=_NOW, updated_at=_NOW)
            .returning(RUN.c.id, RUN.c.attempts, RUN.c.dataset_item_id, RUN.c.repetition))


def _log_written(txid: Any) -> Any:
    """The batch's rows whose fence held (they carry its own finish time) into the event log
    of live progress (app/experiments/events.py), in the batch's transaction; returns them."""
    written = select(RUN.c.experiment_id, RUN.c.id, txid).where(
        RUN.c.id.in_(bindparam("p_ids", expanding=True)), RUN.c.finished_at == _NOW)
    return (insert(EVENT).from_select(["experiment_id", "run_id", "txid"], written)
            .returning(EVENT.c.run_id, EVENT.c.experiment_id))


# PostgreSQL: the writing transaction's id, the commit-ordered part of a stream's cursor.
LOG_WRITTEN = {"postgresql": _log_written(cast(cast(func.pg_current_xact_id(), Text), BigInteger)),
               "sqlite": _log_written(literal(0, BigInteger))}
CLAIM_BATCH = {"postgresql": _claim_batch_statement(True), "sqlite": _claim_batch_statement(False)}
FINISH = (update(RUN).where(RUN.c.id == _RID, RUN.c.attempts == _FENCE,
                                   RUN.c.status == "running")
                 .values(lease_until=None, finished_at=_NOW, updated_at=_NOW,
                         **{c: bindparam(f"o_{c}", type_=RUN.c[c].type) for c in OUTCOME}))


async def claim_batch(sessions: Sessions, experiment_id: uuid.UUID, limit: int,
                      lease_s: float) -> list[tuple[uuid.UUID, int, uuid.UUID, int]]:
    """Up to `limit` claimable runs of a running experiment, leased to the caller in one
    statement: [(run id, fence, item id, repetition)]. PostgreSQL skips rows another driver
    is claiming."""
    engine = single_statements(sessions)
    statement = CLAIM_BATCH.get(engine.dialect.name, CLAIM_BATCH["sqlite"])
    params = {"p_eid": experiment_id, "p_limit": limit, "p_now": utcnow(), "p_lease": _lease(lease_s)}
    async with engine.connect() as conn:
        rows = (await conn.execute(statement, params)).all()
    return [(row[0], row[1], row[2], row[3]) for row in rows]


def outcome_params(run_id: uuid.UUID, fence: int, values: dict[str, Any], now: datetime) -> dict:
    return {"p_rid": run_id, "p_fence": fence, "p_now": now,
            **{f"o_{c}": values.get(c, RUN.c[c].default.arg if RUN.c[c].default else None)
               for c in OUTCOME}}


async def finish_many(sessions: Sessions,
                      outcomes: list[tuple[uuid.UUID, int, dict[str, Any], list[dict[str, Any]]]]
                      ) -> int:
    """Record many outcomes and their scores in one transaction, each guarded by its fence;
    returns how many were still ours (the others were taken over and write nothing).

    Three statements per batch, whatever its size: the guarded UPDATEs as one executemany
    (which takes the write lock, so nobody else writes these rows before the commit), an
    INSERT ... SELECT of the rows that carry this batch's own finish time (the ones whose fence
    held) into the event log, returning them, and one multi-row INSERT of their scores. After
    the commit, live progress streams of the batch's experiments are woken."""
    now = utcnow()
    ids = [run_id for run_id, *_ in outcomes]
    async with engine_of(sessions).connect() as conn:
        await conn.execute(FINISH, [outcome_params(run_id, fence, values, now)
                                    for run_id, fence, values, _ in outcomes])
        log_written = LOG_WRITTEN.get(conn.dialect.name, LOG_WRITTEN["sqlite"])
        logged = (await conn.execute(log_written, {"p_ids": ids, "p_now": now})).all()
        written = {run_id for run_id, _ in logged}
        scores = [{**score, "run_id": run_id} for run_id, _, _, run_scores in outcomes
                  if run_id in written for score in run_scores]
        if scores:
            try:
                async with conn.begin_nested():
                    await conn.execute(Score.__table__.insert(), scores)
            except IntegrityError:
                # An evaluator deleted since the start: keep its scores, without the link.
                await conn.execute(Score.__table__.insert(),
                                   [{**row, "evaluator_id": None} for row in scores])
        await conn.commit()
    notify({experiment_id for _, experiment_id in logged})
    return len(written)


async def release_many(sessions: Sessions, held: dict[uuid.UUID, int]) -> None:
    """Hand held runs back (shutdown): pending and unleased, each guarded by its fence."""
    if not held:
        return
    now = utcnow()
    async with engine_of(sessions).connect() as conn:
        for run_id, fence in held.items():
            await conn.execute(RELEASE, {"p_rid": run_id, "p_fence": fence, "p_now": now})
        await conn.commit()
