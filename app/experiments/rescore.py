"""Score an existing experiment's outputs with more or changed evaluators, without calling
the target again: the old scores of those evaluators are replaced in one transaction."""

import asyncio
import uuid
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.errors import Conflict
from app.evaluators import graders
from app.evaluators import service as evaluators_service
from app.experiments import outcomes, service
from app.experiments.snapshot import ITEM_COLUMNS, item_dict
from app.models import DatasetItem, Experiment, ExperimentRun, Score

FINISHED = ("completed", "failed", "cancelled")
GRADING_CONCURRENCY = 8  # judge calls in flight for one rescore


async def _evaluators(
    db: AsyncSession, organization_id: uuid.UUID, ids: list[uuid.UUID]
) -> list[dict]:
    # get_many refuses pairwise judges (they grade two experiments, not one output).
    rows = await evaluators_service.get_many(db, organization_id, ids)
    return [evaluators_service.snapshot(row) for row in rows]


async def _runs(db: AsyncSession, experiment_id: uuid.UUID) -> list[Any]:
    return list(
        await db.execute(
            select(ExperimentRun.id, ExperimentRun.status, ExperimentRun.output,
                   ExperimentRun.messages, ExperimentRun.error, *ITEM_COLUMNS[1:],
                   DatasetItem.id.label("item_id"))
            .join(DatasetItem, DatasetItem.id == ExperimentRun.dataset_item_id)
            .where(ExperimentRun.experiment_id == experiment_id,
                   ExperimentRun.status.in_(("completed", "failed")))
            .order_by(ExperimentRun.sort_order, ExperimentRun.id)
        )
    )


class _Item:
    """A run row seen as the item row item_dict() reads."""

    def __init__(self, run: Any) -> None:
        self.id = run.item_id
        for column in ("input", "expected_output", "context", "metadata", "tags", "agent_args",
                       "rubric_vars"):
            setattr(self, column, getattr(run, column))


async def _grade_all(snapshots: list[dict], runs: list[Any], org: str) -> list[list[dict]]:
    gate = asyncio.Semaphore(GRADING_CONCURRENCY)

    async def one(run: Any) -> list[dict]:
        if run.status != "completed":
            return outcomes.target_error_scores(snapshots, run.error)
        async with gate:
            return await outcomes.grade(snapshots, item_dict(_Item(run)), run.output,
                                        run.messages or [])

    graders.grading_org.set(org)
    return await asyncio.gather(*(one(run) for run in runs))


def _merged_snapshot(experiment: Experiment, snapshots: list[dict]) -> dict:
    """The experiment's snapshot with these evaluators' configs replaced or added."""
    frozen = dict(experiment.snapshot or {})
    fresh = {s["id"]: s for s in snapshots}
    kept = [e for e in frozen.get("evaluators") or [] if e.get("id") not in fresh]
    frozen["evaluators"] = [*kept, *snapshots]
    return frozen


async def rescore(
    db: AsyncSession, organization_id: uuid.UUID, experiment_id: uuid.UUID,
    evaluator_ids: list[uuid.UUID],
) -> dict[str, Any]:
    """Grade every finished run again with these evaluators (their current version)."""
    experiment = await service.get(db, organization_id, experiment_id)
    if experiment.status not in FINISHED:
        raise Conflict(f"Experiment is {experiment.status}; rescore it once it has finished.")
    snapshots = await _evaluators(db, organization_id, evaluator_ids)
    runs = await _runs(db, experiment.id)
    graded = await _grade_all(snapshots, runs, str(organization_id))
    ids = [uuid.UUID(s["id"]) for s in snapshots]
    run_ids = [run.id for run in runs]
    replaced = 0
    for start in range(0, len(run_ids), 500):  # bounded IN lists
        result = await db.execute(
            delete(Score).where(Score.run_id.in_(run_ids[start : start + 500]),
                                Score.evaluator_id.in_(ids), Score.source == "evaluator")
        )
        replaced += result.rowcount or 0
    rows = [{**row, "run_id": run.id} for run, scores in zip(runs, graded, strict=True)
            for row in scores]
    for start in range(0, len(rows), 1000):
        await db.execute(insert(Score), rows[start : start + 1000])
    experiment.snapshot = _merged_snapshot(experiment, snapshots)
    experiment.evaluator_ids = list(
        dict.fromkeys([*experiment.evaluator_ids, *(s["id"] for s in snapshots)])
    )
    await db.commit()
    return {
        "experiment_id": experiment.id,
        "evaluators": [{"id": s["id"], "name": s["name"], "version": s["version"]}
                       for s in snapshots],
        "runs_scored": len(runs),
        "scores_written": len(rows),
        "scores_replaced": replaced,
    }
