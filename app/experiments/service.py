"""Experiments: create, read, delete and the state machine (start, cancel).

pending -> running -> completed | failed; pending | running -> cancelled; completed | failed
-> running again when its failed runs are retried. Every move is one
conditional UPDATE (... WHERE status IN <allowed>), so concurrent requests cannot both win:
the loser sees rowcount 0 and gets a 409 naming the status it lost to.
"""

import uuid
from typing import Any

from sqlalchemy import and_, bindparam, delete, exists, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.config import Settings
from app.errors import Conflict, NotFound, field_error
from app.experiments import agent_http, preflight
from app.experiments import runs as runs_sql
from app.experiments.notify import notify
from app.experiments.schemas import ExperimentCreate, iso_z
from app.experiments.snapshot import (
    build_snapshot,
    check_items,
    evaluator_snapshots,
    resolve_prompt,
)
from app.models import Dataset, Experiment, ExperimentRun, Score
from app.models.base import utcnow
from app.queue import JobQueue


async def get(db: AsyncSession, organization_id: uuid.UUID, experiment_id: uuid.UUID) -> Experiment:
    experiment = await db.scalar(
        select(Experiment)
        .where(Experiment.id == experiment_id, Experiment.organization_id == organization_id)
        # Status moves by bulk UPDATE; never answer from a stale identity-map copy.
        .execution_options(populate_existing=True)
    )
    if experiment is None:
        raise NotFound("Experiment not found.")
    return experiment


async def _current_status(
    db: AsyncSession, organization_id: uuid.UUID, experiment_id: uuid.UUID
) -> str:
    status = await db.scalar(
        select(Experiment.status).where(
            Experiment.id == experiment_id, Experiment.organization_id == organization_id
        )
    )
    if status is None:
        raise NotFound("Experiment not found.")
    return status


def illegal(status: str, verb: str) -> Conflict:
    return Conflict(f"Experiment is {status}; cannot {verb}.")


async def create_in_tx(
    db: AsyncSession,
    organization_id: uuid.UUID,
    body: ExperimentCreate,
    settings: Settings,
    *,
    group_id: uuid.UUID | None = None,
) -> Experiment:
    """Validate everything the experiment names, then add it (flushed, not committed)."""
    dataset_id = await db.scalar(
        select(Dataset.id).where(
            Dataset.id == body.dataset_id, Dataset.organization_id == organization_id
        )
    )
    if dataset_id is None:
        raise field_error("dataset_id", f"Dataset {body.dataset_id} not found.")
    config = body.config.model_dump(mode="json", exclude_unset=True, exclude_none=True)
    evaluator_ids = list(dict.fromkeys(body.evaluator_ids))
    evaluators = await evaluator_snapshots(db, organization_id, evaluator_ids)
    prompt = await resolve_prompt(db, organization_id, config)
    agent_http.check_config(config.get("agent"), settings)
    # 422 now rather than at start, and rather than one failed run per item.
    warnings = await preflight.check(build_snapshot(config, prompt, evaluators, settings))
    await check_items(db, dataset_id, prompt, evaluators)
    now = utcnow()
    experiment = Experiment(
        id=uuid.uuid4(),
        organization_id=organization_id,
        dataset_id=dataset_id,
        name=body.name,
        config=config,
        evaluator_ids=[str(i) for i in evaluator_ids],
        metadata_=body.metadata,
        status="pending",
        group_id=group_id,
        error="",
        created_at=now,
        updated_at=now,
    )
    db.add(experiment)
    await db.flush()
    # Shown in the create response; the start checks again and keeps them in the snapshot.
    experiment.preflight_warnings = warnings
    return experiment


async def create(
    db: AsyncSession, organization_id: uuid.UUID, body: ExperimentCreate, settings: Settings
) -> Experiment:
    experiment = await create_in_tx(db, organization_id, body, settings)
    await db.commit()
    return experiment


async def delete_experiment(
    db: AsyncSession, organization_id: uuid.UUID, experiment_id: uuid.UUID
) -> None:
    """Delete with its runs and scores; a running experiment must be cancelled first (409)."""
    result = await db.execute(
        delete(Experiment).where(
            Experiment.id == experiment_id,
            Experiment.organization_id == organization_id,
            Experiment.status != "running",
        )
    )
    if result.rowcount == 0:
        status = await _current_status(db, organization_id, experiment_id)
        raise Conflict(f"Experiment is {status}; cannot delete. Cancel it first.")
    await db.commit()


async def start_in_tx(
    db: AsyncSession, experiment: Experiment, settings: Settings
) -> tuple[dict[str, Any], dict[str, Any]]:
    """pending -> running, the snapshot and one run per item and repetition, in the caller's
    transaction; (the start response, the snapshot)."""
    org = experiment.organization_id
    prompt = await resolve_prompt(db, org, experiment.config)
    ids = [uuid.UUID(i) for i in experiment.evaluator_ids]
    evaluators = await evaluator_snapshots(db, org, ids)
    snapshot = build_snapshot(experiment.config, prompt, evaluators, settings)
    # Again at start: the server's environment may have changed since the create.
    if warnings := await preflight.check(snapshot):
        snapshot["warnings"] = warnings
    now = utcnow()
    result = await db.execute(
        update(Experiment)
        .where(
            Experiment.id == experiment.id,
            Experiment.organization_id == org,
            Experiment.status == "pending",
        )
        .values(status="running", snapshot=snapshot, started_at=now, updated_at=now,
                dataset_version=select(Dataset.version)  # the version it runs on (issue 11.6)
                .where(Dataset.id == experiment.dataset_id).scalar_subquery())
        .execution_options(synchronize_session=False)
    )
    if result.rowcount == 0:
        raise illegal(await _current_status(db, org, experiment.id), "start")
    created = await runs_sql.create_runs(
        db, experiment.id, experiment.dataset_id, now, snapshot.get("repetitions") or 1
    )
    status = "running"
    # The cost estimate (issue 11.4): stored, and in the start response.
    estimate = await preflight.estimate(db, experiment.id, snapshot)
    if created == 0:  # nothing to run: the experiment is already complete
        status = "completed"
    await db.execute(
        update(Experiment)
        .where(Experiment.id == experiment.id)
        .values(cost_estimate=estimate,
                **({"status": status, "finished_at": now} if created == 0 else {}))
        .execution_options(synchronize_session=False)
    )
    return {
        "id": experiment.id,
        "name": experiment.name,
        "status": status,
        "runs_created": created,
        "started_at": now,
        "cost_estimate": estimate,
    }, snapshot


async def start(
    db: AsyncSession,
    organization_id: uuid.UUID,
    experiment_id: uuid.UUID,
    settings: Settings,
    queue: JobQueue,
) -> dict[str, Any]:
    """Start in one transaction, then queue the experiment's drivers."""
    experiment = await get(db, organization_id, experiment_id)
    if experiment.status != "pending":
        raise illegal(experiment.status, "start")
    started, snapshot = await start_in_tx(db, experiment, settings)
    await db.commit()
    notify([experiment.id])  # live progress streams: the status event
    if started["status"] == "running":
        await runs_sql.queue_runs(queue, settings, experiment.id, snapshot)
    return started


async def cancel(
    db: AsyncSession, organization_id: uuid.UUID, experiment_id: uuid.UUID
) -> Experiment:
    """pending|running -> cancelled; its pending runs are cancelled in the same transaction."""
    now = utcnow()
    result = await db.execute(
        update(Experiment)
        .where(
            Experiment.id == experiment_id,
            Experiment.organization_id == organization_id,
            Experiment.status.in_(("pending", "running")),
        )
        .values(status="cancelled", finished_at=now, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount == 0:
        raise illegal(await _current_status(db, organization_id, experiment_id), "cancel")
    await db.execute(
        update(ExperimentRun)
        .where(ExperimentRun.experiment_id == experiment_id, ExperimentRun.status == "pending")
        .values(status="cancelled", finished_at=now, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    await db.commit()
    notify([experiment_id])
    return await get(db, organization_id, experiment_id)


RETRIED = ("failed", "skipped")  # skipped by the breaker: failures of the configuration too
RETRYABLE = ("completed", "failed")

# A retried run starts over: what its last attempt wrote is in attempt_history now.
_FRESH = {
    "status": "pending", "lease_until": None, "output": None, "messages": None, "error": "",
    "error_class": "", "error_detail": "", "latency_ms": None, "tokens_in": None,
    "tokens_out": None, "cost": None, "started_at": None, "finished_at": None,
    "tool_calls": None, "cache_hits": 0, "output_truncated": False,
}

_LAST_ATTEMPT_COLUMNS = [ExperimentRun.__table__.c[c] for c in (
    "id", "status", "error", "error_class", "latency_ms", "attempts", "cost", "finished_at",
    "updated_at", "attempt_history")]


def _last_attempt(run: Any) -> dict[str, Any]:
    """What attempt_history keeps of a run's outcome before it is run again."""
    at = run.finished_at or run.updated_at
    return {
        "at": iso_z(at) if at is not None else None,
        "status": run.status,
        "error": run.error or "",
        "error_class": run.error_class or "",
        "latency_ms": run.latency_ms,
        "attempts": run.attempts,
        "cost": run.cost,
    }


async def retry_failed(
    db: AsyncSession,
    organization_id: uuid.UUID,
    experiment_id: uuid.UUID,
    settings: Settings,
    queue: JobQueue,
) -> dict[str, Any]:
    """completed|failed -> running, its failed and skipped runs pending again (each keeps
    its last attempt in attempt_history, its scores deleted), in one transaction; then the
    drivers are queued and the experiment finalizes again. Nothing to retry: a no-op."""
    runs = ExperimentRun.__table__.c
    to_retry = and_(runs.experiment_id == experiment_id, runs.status.in_(RETRIED))
    now = utcnow()
    # The conditional UPDATE is also the lock: a second retry waits, then sees `running`.
    moved = await db.execute(
        update(Experiment)
        .where(Experiment.id == experiment_id, Experiment.organization_id == organization_id,
               Experiment.status.in_(RETRYABLE), exists().where(to_retry))
        # budget_exhausted describes this execution: the drivers set it again if reached.
        .values(status="running", error="", error_class="", error_detail="",
                budget_exhausted=False, finished_at=None, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    if moved.rowcount == 0:
        status = await _current_status(db, organization_id, experiment_id)
        if status not in RETRYABLE:
            raise illegal(status, "retry its failed runs")
        return {"id": experiment_id, "status": status, "retried": 0}
    rows = list(await db.execute(select(*_LAST_ATTEMPT_COLUMNS).where(to_retry)))
    await db.execute(delete(Score).where(Score.run_id.in_(select(runs.id).where(to_retry))))
    if rows:  # one executemany: each run's history grows by its own last attempt
        await db.execute(
            update(ExperimentRun.__table__)
            .where(runs.id == bindparam("p_id", type_=runs.id.type))
            .values(attempt_history=bindparam("p_history", type_=runs.attempt_history.type),
                    **_FRESH, updated_at=now),
            [{"p_id": row.id, "p_history": [*(row.attempt_history or []), _last_attempt(row)]}
             for row in rows],
        )
    snapshot = await db.scalar(select(Experiment.snapshot).where(Experiment.id == experiment_id))
    await db.commit()
    await runs_sql.queue_runs(queue, settings, experiment_id, snapshot or {})
    return {"id": experiment_id, "status": "running", "retried": len(rows)}

