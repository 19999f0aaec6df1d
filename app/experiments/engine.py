"""The experiment engine: `experiments.execute_run` runs one dataset item of one experiment.

Flow: read the run; take a per-experiment concurrency slot; claim the run with a lease
(conditional update, so a duplicate job is a no-op); call the target; grade the output with
every evaluator of the snapshot; record run and scores in one transaction guarded by the
lease; finalize the experiment when this was the last run. A job killed mid-way leaves a
lease that expires, and the reaper hands the run to a new job.
"""

import asyncio
import contextlib
import logging
import random
import uuid
from collections import OrderedDict
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, select

from app.evaluators import graders
from app.experiments import runstate, targets
from app.experiments.slots import Limiter, LocalLimiter
from app.fairness import FairSlots
from app.models import DatasetItem, Experiment, ExperimentRun
from app.queue import Defer, job

log = logging.getLogger(__name__)

# arq: how long a job waits for a slot before going back to the queue, so a worker full of
# one experiment's waiting jobs lets other experiments' jobs in.
SLOT_WAIT_S = 10.0
REQUEUE_AFTER_S = 1.0
# arq: a run over its organization's share of the worker's job slots goes back to the queue
# at once (waiting would hold an arq slot another organization could use), later each time.
OVER_SHARE_MAX_DEFER_S = 5.0
_SNAPSHOTS: OrderedDict[uuid.UUID, dict] = OrderedDict()  # frozen at start, so cacheable
_SNAPSHOT_CACHE = 256


@dataclass
class RunRow:
    id: uuid.UUID
    experiment_id: uuid.UUID
    status: str
    attempts: int
    claimable: bool
    experiment_status: str
    item: dict
    organization_id: str = ""


def _read_statement() -> Any:
    r, i = ExperimentRun, DatasetItem
    return (
        select(r.experiment_id, r.status, r.attempts, r.lease_until, Experiment.status,
               i.id, i.input, i.expected_output, i.context, i.metadata_, i.tags, i.agent_args,
               i.rubric_vars, Experiment.organization_id)
        .join(Experiment, Experiment.id == r.experiment_id)
        .join(i, i.id == r.dataset_item_id)
        .where(r.id == bindparam("p_rid", type_=r.id.type))
    )


READ = _read_statement()
ITEM_KEYS = ("input", "expected_output", "context", "metadata", "tags", "agent_args", "rubric_vars")


async def _read(sessions: runstate.Sessions, run_id: uuid.UUID) -> RunRow | None:
    async with runstate.single_statements(sessions).connect() as conn:
        row = (await conn.execute(READ, {"p_rid": run_id})).first()
    if row is None:
        return None
    now = runstate.utcnow()
    lease_free = row[3] is None or row[3].replace(tzinfo=now.tzinfo) < now
    claimable = row[1] in ("pending", "running") and lease_free
    item = {"id": str(row[5]), **dict(zip(ITEM_KEYS, row[6:13], strict=True))}
    return RunRow(run_id, row[0], row[1], row[2], claimable, row[4], item, str(row[13]))


async def _snapshot(sessions: runstate.Sessions, experiment_id: uuid.UUID) -> dict:
    snapshot = _SNAPSHOTS.get(experiment_id)
    if snapshot is None:
        async with sessions() as db:
            snapshot = await db.scalar(
                select(Experiment.snapshot).where(Experiment.id == experiment_id)
            )
        snapshot = snapshot or {}
        _SNAPSHOTS[experiment_id] = snapshot
        while len(_SNAPSHOTS) > _SNAPSHOT_CACHE:
            _SNAPSHOTS.popitem(last=False)
    return snapshot


def _limiter(ctx: dict[str, Any]) -> Limiter:
    if "limiter" not in ctx:
        ctx["limiter"] = LocalLimiter()
    return ctx["limiter"]


@contextlib.asynccontextmanager
async def _renewing(
    ctx: dict[str, Any], run_id: uuid.UUID, slot: tuple[str, str]
) -> AsyncIterator[None]:
    """Extend the run's lease (and its Redis slot) while this job works on it."""
    lease_s = ctx["settings"].run_lease_s

    async def renew() -> None:
        while True:
            await asyncio.sleep(lease_s / 3)
            try:
                await runstate.renew(ctx["sessionmaker"], [run_id], lease_s)
                await _limiter(ctx).renew([slot], lease_s)
            except Exception:  # a missed renewal only risks a takeover, which is safe
                log.warning("lease renewal failed for run %s", run_id, exc_info=True)

    task = asyncio.create_task(renew())
    try:
        yield
    finally:
        task.cancel()


@job("experiments.execute_run", own_slot=True)
async def execute_run(ctx: dict[str, Any], run_id: str) -> None:
    """Run one item of a running experiment; safe to run twice or concurrently."""
    sessions, settings = ctx["sessionmaker"], ctx["settings"]
    run = await _read(sessions, uuid.UUID(run_id))
    if run is None or not run.claimable:
        return
    if run.experiment_status != "running":
        await runstate.cancel_orphan(sessions, run.id)
        return
    snapshot = await _snapshot(sessions, run.experiment_id)
    limit = int(snapshot.get("max_concurrency") or settings.max_concurrency)
    slot = (str(run.experiment_id), f"{run_id}:{uuid.uuid4().hex[:12]}")
    limiter = _limiter(ctx)
    held = None
    if not await limiter.acquire(
        *slot, limit, settings.run_lease_s, 0 if limiter.distributed else None
    ):
        held = await _wait_holding(ctx, run, slot, limit)
        if held is None:
            return
    try:
        async with _job_slot(ctx, run, held):
            await _execute(ctx, run, snapshot, slot, held)
    finally:
        await limiter.release(*slot)


@contextlib.asynccontextmanager
async def _job_slot(ctx: dict[str, Any], run: RunRow, held: int | None) -> AsyncIterator[None]:
    """One of the process's job slots, within the organization's share (app.fairness).

    In process, wait for it (waiters are served round robin between organizations). On arq,
    never wait: a job over its share would hold an arq slot; it goes back to the queue."""
    slots: FairSlots | None = ctx.get("job_slots")
    if slots is None:
        yield
        return
    org = run.organization_id
    if not await slots.acquire(org, 0 if _limiter(ctx).distributed else None):
        if held is not None:
            await runstate.release(ctx["sessionmaker"], run.id, held)
        tries = int(ctx.get("job_try") or 1)
        later = min(OVER_SHARE_MAX_DEFER_S, REQUEUE_AFTER_S * 2 ** min(tries, 8))
        raise Defer(later * random.uniform(0.5, 1.0))
    try:
        yield
    finally:
        slots.release(org)


async def _wait_holding(
    ctx: dict[str, Any], run: RunRow, slot: tuple[str, str], limit: int
) -> int | None:
    """Distributed wait: hold the run meanwhile so the reaper knows if this worker dies."""
    sessions, lease_s = ctx["sessionmaker"], ctx["settings"].run_lease_s
    held = await runstate.hold(sessions, run.id, run.attempts, lease_s)
    if held is None:
        return None
    try:
        async with _renewing(ctx, run.id, slot):
            got = await _limiter(ctx).acquire(*slot, limit, lease_s, SLOT_WAIT_S)
    except BaseException:  # shutdown: give the run back now rather than at lease expiry
        await asyncio.shield(runstate.release(sessions, run.id, held))
        raise
    if got:
        return held
    await runstate.release(sessions, run.id, held)
    raise Defer(REQUEUE_AFTER_S)


async def _execute(
    ctx: dict[str, Any], run: RunRow, snapshot: dict, slot: tuple[str, str], held: int | None
) -> None:
    sessions, settings = ctx["sessionmaker"], ctx["settings"]
    seen = run.attempts if held is None else held
    claim = runstate.claim(
        sessions, run.id, run.experiment_id, seen, settings.run_lease_s, held=held is not None
    )
    fence = await _to_the_end(claim, lambda fence: fence and runstate.release(sessions, run.id, fence))
    if fence is None:
        if held is not None:
            await runstate.release(sessions, run.id, held)
        return
    try:
        async with _renewing(ctx, run.id, slot):
            values, scores = await _outcome(sessions, run, snapshot)
        await _to_the_end(runstate.finish(sessions, run.id, fence, values, scores))
    except BaseException:
        # Shutdown or a database error: hand the run back so the next process, or the
        # reaper's next pass, starts it at once (a no-op if the outcome was recorded: the
        # release is guarded by the fence and the status).
        await asyncio.shield(runstate.release(sessions, run.id, fence))
        raise
    await runstate.finalize(sessions, run.experiment_id)


async def _to_the_end(write: Awaitable[Any], undo: Callable[[Any], Any] | None = None) -> Any:
    """Finish a database write even if the job is cancelled meanwhile, so whether it happened
    is known; on cancel, `undo(result)` (a coroutine or a falsy value) runs before the cancel
    goes on."""
    task = asyncio.ensure_future(write)
    try:
        return await asyncio.shield(task)
    except asyncio.CancelledError:
        pending = undo(await task) if undo else None
        if pending:
            await pending
        raise


async def _outcome(
    sessions: runstate.Sessions, run: RunRow, snapshot: dict
) -> tuple[dict, list[dict]]:
    """The run's recorded values and scores: target output, then every evaluator on it."""

    async def still_running() -> bool:
        async with sessions() as db:
            status = await db.scalar(
                select(Experiment.status).where(Experiment.id == run.experiment_id)
            )
        return status == "running"

    try:
        result = await targets.run_target(snapshot, run.item, still_running)
    except targets.RunCancelled:
        return {"status": "cancelled", "error": "experiment cancelled"}, []
    except Exception as exc:  # a bug in a target must fail the run, not leave it running
        log.exception("target failed for run %s", run.id)
        result = targets.TargetResult(error=f"internal error: {exc!r}")
    values = {
        "status": "completed" if result.ok else "failed",
        "output": result.output,
        "messages": result.messages,
        "error": result.error,
        "latency_ms": result.latency_ms,
        "tokens_in": result.tokens_in,
        "tokens_out": result.tokens_out,
        "cost": result.cost,
        "attempts": result.attempts,
    }
    evaluators = snapshot.get("evaluators") or []
    if not result.ok or not evaluators:
        return values, []
    if any(e.get("kind") == "llm_judge" for e in evaluators) and not await still_running():
        return {**values, "status": "cancelled", "error": "experiment cancelled"}, []
    graders.grading_org.set(run.organization_id)  # its share of the graders pool
    return values, await grade(evaluators, run.item, result.output, result.messages)


async def grade(
    evaluators: list[dict], item: dict, output: Any, messages: list[dict]
) -> list[dict]:
    """Every evaluator's scores as rows for the score table; a grader crash is a failed score."""
    outcomes = await asyncio.gather(
        *(graders.evaluate(e, item, output, messages) for e in evaluators), return_exceptions=True
    )
    rows = []
    for evaluator, outcome in zip(evaluators, outcomes, strict=True):
        if isinstance(outcome, BaseException):
            log.error("evaluator %s raised: %r", evaluator.get("name"), outcome)
            outcome = [_failed_score(evaluator, outcome)]
        rows.extend(_score_row(evaluator, score) for score in outcome)
    return rows


def _failed_score(evaluator: dict, exc: BaseException) -> dict:
    return {
        "name": evaluator.get("score_name") or evaluator.get("name"),
        "data_type": evaluator.get("data_type") or "numeric",
        "numeric_value": None,
        "string_value": None,
        "reason": f"evaluator error: {exc!r}",
        "details": {"failed": True, "error": repr(exc)},
    }


def _score_row(evaluator: dict, score: dict) -> dict:
    evaluator_id = score.get("evaluator_id") or evaluator.get("id")
    return {
        "id": uuid.uuid4(),
        "evaluator_id": uuid.UUID(str(evaluator_id)) if evaluator_id else None,
        "name": score.get("name") or evaluator.get("score_name") or evaluator.get("name") or "",
        "data_type": score.get("data_type") or "numeric",
        "numeric_value": score.get("numeric_value"),
        "string_value": score.get("string_value"),
        "reason": score.get("reason") or "",
        "source": score.get("source") or "evaluator",
        "details": score.get("details"),
        "created_at": runstate.utcnow(),
    }
