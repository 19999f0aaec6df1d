"""Results of an experiment: summary (SQL aggregates), rows with scores, human and API scores."""

import math
import uuid
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.errors import NotFound, field_error
from app.experiments import repetitions, significance
from app.experiments.schemas import ScoreCreate
from app.experiments.service import get as get_experiment
from app.models import Dataset, DatasetItem, Experiment, ExperimentRun, Score
from app.models.base import utcnow

BASE_COLUMNS = (
    "id",
    "dataset_item_id",
    "status",
    "output",
    "error",
    "error_class",
    "error_detail",
    "latency_ms",
    "tokens_in",
    "tokens_out",
    "cost",
    "cache_hits",
    "output_truncated",
    "item_input",
    "item_expected_output",
    "repetition",
    "attempt_history",
    "tool_calls",
)
ROW_COLUMNS = (
    ExperimentRun.id,
    ExperimentRun.dataset_item_id,
    ExperimentRun.status,
    ExperimentRun.output,
    ExperimentRun.error,
    ExperimentRun.error_class,
    ExperimentRun.error_detail,
    ExperimentRun.latency_ms,
    ExperimentRun.tokens_in,
    ExperimentRun.tokens_out,
    ExperimentRun.cost,
    ExperimentRun.cache_hits,
    ExperimentRun.output_truncated,
    DatasetItem.input.label("item_input"),
    DatasetItem.expected_output.label("item_expected_output"),
    ExperimentRun.repetition,
    ExperimentRun.attempt_history,
    ExperimentRun.tool_calls,
    ExperimentRun.sort_order,
)


SCORE_KEYS = ("name", "data_type", "numeric_value", "string_value", "source", "reason")
STATUS_KEYS = ("status", "evaluator_version")


def score_dict(score: Any) -> dict[str, Any]:
    return {
        "name": score.name,
        "data_type": score.data_type,
        "numeric_value": score.numeric_value,
        "string_value": score.string_value,
        "source": score.source,
        "reason": score.reason or "",
    }


def score_with_status(score: Any) -> dict[str, Any]:
    """A score as compare shows it: the seed's fields, why it has no value, which version."""
    return {
        **score_dict(score),
        "status": score.status or "ok",
        "evaluator_version": score.evaluator_version,
    }


async def summary(db: AsyncSession, experiment_id: uuid.UUID) -> dict[str, Any]:
    """Counts by status, mean latency and cost of completed runs, total cost: one query."""
    status, completed = ExperimentRun.status, ExperimentRun.status == "completed"

    def n(*statuses: str) -> Any:
        return func.coalesce(func.sum(case((status.in_(statuses), 1), else_=0)), 0)

    row = (
        await db.execute(
            select(
                func.count(),
                n("completed"),
                n("failed"),
                n("pending", "running"),
                n("cancelled"),
                n("skipped"),
                func.avg(case((completed, ExperimentRun.latency_ms))),
                func.coalesce(func.sum(ExperimentRun.cost), 0.0),
                func.avg(case((completed, ExperimentRun.cost))),
                func.coalesce(func.sum(ExperimentRun.cache_hits), 0),
            ).where(ExperimentRun.experiment_id == experiment_id)
        )
    ).one()
    total, done, failed, pending, cancelled, skipped, latency, cost, avg_cost, hits = row
    return {
        "total": total,
        "completed": int(done),
        "failed": int(failed),
        "pending": int(pending),
        "cancelled": int(cancelled),
        "skipped": int(skipped),
        "avg_latency_ms": None if latency is None else round(float(latency)),
        "total_cost": round(float(cost), 6),
        "avg_cost": None if avg_cost is None else round(float(avg_cost), 6),
        "cache_hits": int(hits),
    }


async def scores_by_run(
    db: AsyncSession, condition: Any, shape: Any = score_dict
) -> dict[uuid.UUID, list[dict[str, Any]]]:
    rows = await db.execute(
        select(
            Score.run_id,
            Score.name,
            Score.data_type,
            Score.numeric_value,
            Score.string_value,
            Score.source,
            Score.reason,
            Score.status,
            Score.evaluator_version,
        )
        .join(ExperimentRun, ExperimentRun.id == Score.run_id)
        .where(condition)
        .order_by(Score.created_at, Score.id)
    )
    out: dict[uuid.UUID, list[dict[str, Any]]] = {}
    for row in rows:
        out.setdefault(row.run_id, []).append(shape(row))
    return out


def to_row(run: Any, scores: dict[uuid.UUID, list[dict[str, Any]]]) -> dict[str, Any]:
    out = {key: getattr(run, key) for key in BASE_COLUMNS}
    out["error"] = run.error or ""
    # The seed's score fields, plus why a score has no value and which evaluator version
    # made it, when the scores were read with them (score_with_status).
    out["scores"] = [{k: s[k] for k in (*SCORE_KEYS, *STATUS_KEYS) if k in s}
                     for s in scores.get(run.id, [])]
    return out


def evaluator_summary(runs: list[Any], scores: dict[uuid.UUID, list[dict]]) -> dict[str, Any]:
    """Per score name: n scored, n errored (and why not scored), coverage, mean over scored."""
    names = sorted({s["name"] for run_scores in scores.values() for s in run_scores})
    side = significance.collect(
        [
            {"item": r.dataset_item_id, "status": r.status, "latency_ms": r.latency_ms,
             "cost": r.cost, "scores": scores.get(r.id, [])}
            for r in runs
        ],
        names,
    )
    return {name: significance.score_summary(side, name) for name in names}


def rows_stmt(experiment_id: uuid.UUID) -> Any:
    return (
        select(*ROW_COLUMNS)
        .join(DatasetItem, DatasetItem.id == ExperimentRun.dataset_item_id)
        .where(ExperimentRun.experiment_id == experiment_id)
        .order_by(ExperimentRun.sort_order, ExperimentRun.id)
    )


async def results(
    db: AsyncSession, organization_id: uuid.UUID, experiment_id: uuid.UUID
) -> dict[str, Any]:
    """The seed's results document: one row per item in dataset order, scores in one query."""
    experiment = await get_experiment(db, organization_id, experiment_id)
    dataset_name = await db.scalar(select(Dataset.name).where(Dataset.id == experiment.dataset_id))
    runs = list(await db.execute(rows_stmt(experiment.id)))
    scores = await scores_by_run(
        db, ExperimentRun.experiment_id == experiment.id, score_with_status
    )
    repeated, items = repetitions.for_results(
        runs, scores, (experiment.snapshot or {}).get("repetitions") or 1
    )
    return {
        "experiment_id": experiment.id,
        "experiment_name": experiment.name,
        "dataset_name": dataset_name,
        "status": experiment.status,
        "summary": {**await summary(db, experiment.id),
                    "budget_exhausted": experiment.budget_exhausted, **repeated},
        "evaluators": evaluator_summary(runs, scores),
        "items": items,
        "results": [to_row(run, scores) for run in runs],
    }


async def score_names(
    db: AsyncSession, organization_id: uuid.UUID, experiment_id: uuid.UUID
) -> list[str]:
    """The experiment's score names (the CSV's score columns); 404 for a foreign id."""
    experiment = await get_experiment(db, organization_id, experiment_id)
    rows = await db.scalars(
        select(Score.name)
        .distinct()
        .join(ExperimentRun, ExperimentRun.id == Score.run_id)
        .where(ExperimentRun.experiment_id == experiment.id)
        .order_by(Score.name)
    )
    return list(rows)


def _normalized(body: ScoreCreate) -> tuple[float | None, str | None]:
    numeric, string = body.numeric_value, body.string_value
    if body.data_type == "numeric":
        if numeric is None:
            raise field_error("numeric_value", "numeric_value is required for a numeric score.")
        return numeric, string
    if body.data_type == "categorical":
        if not string:
            raise field_error("string_value", "string_value is required for a categorical score.")
        return numeric, string
    # boolean: 0/1 or "true"/"false"; both forms are stored so either reader finds it.
    if numeric is not None and numeric not in (0, 1):
        raise field_error("numeric_value", "A boolean score's numeric_value must be 0 or 1.")
    if string is not None and string.strip().lower() not in ("true", "false"):
        raise field_error("string_value", "A boolean score's string_value must be true or false.")
    from_string = None if string is None else float(string.strip().lower() == "true")
    if numeric is None and from_string is None:
        raise field_error(
            "numeric_value", "A boolean score needs numeric_value 0/1 or string_value true/false."
        )
    if numeric is not None and from_string is not None and numeric != from_string:
        raise field_error("string_value", "numeric_value and string_value disagree.")
    value = numeric if numeric is not None else from_string
    return float(value), "true" if value == 1 else "false"


async def add_score(
    db: AsyncSession,
    organization_id: uuid.UUID,
    experiment_id: uuid.UUID,
    run_id: uuid.UUID,
    body: ScoreCreate,
) -> Score:
    """A human or API score on one result; 404 unless the result is this org's experiment's."""
    found = await db.scalar(
        select(ExperimentRun.id)
        .join(Experiment, Experiment.id == ExperimentRun.experiment_id)
        .where(
            ExperimentRun.id == run_id,
            ExperimentRun.experiment_id == experiment_id,
            Experiment.organization_id == organization_id,
        )
    )
    if found is None:
        raise NotFound("Result not found.")
    numeric, string = _normalized(body)
    if numeric is not None and not math.isfinite(numeric):
        raise field_error("numeric_value", "numeric_value must be a finite number.")
    score = Score(
        id=uuid.uuid4(),
        run_id=run_id,
        evaluator_id=None,
        name=body.name,
        data_type=body.data_type,
        numeric_value=numeric,
        string_value=string,
        reason=body.reason,
        source=body.source,
        created_at=utcnow(),
    )
    db.add(score)
    await db.commit()
    return score
