"""Side-by-side comparison aligned by dataset item, and linked prompt-version experiments."""

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.config import Settings
from app.datasets import versions as dataset_versions
from app.errors import InvalidInput, NotFound
from app.executors import run_in
from app.experiments import baseline, runs, service, significance, stats
from app.experiments.results import score_with_status, scores_by_run
from app.experiments.schemas import CompareVersionsIn, ExperimentConfig, ExperimentCreate
from app.experiments.snapshot import redact_headers
from app.models import Dataset, DatasetItem, Experiment, ExperimentRun
from app.queue import JobQueue

API_PREFIX = "/api/v1"
MAX_COMPARED = 20


def distinct_ids(ids: list[uuid.UUID], loc_root: str) -> list[uuid.UUID]:
    distinct = list(dict.fromkeys(ids))
    message = None
    if len(distinct) < 2:
        message = "At least 2 distinct experiment ids are required for comparison."
    elif len(distinct) > MAX_COMPARED:
        message = f"At most {MAX_COMPARED} experiments can be compared at once."
    if message:
        raise InvalidInput(
            [{"loc": [loc_root, "experiment_ids"], "type": "value_error", "msg": message}]
        )
    return distinct


async def org_experiments(
    db: AsyncSession, organization_id: uuid.UUID, ids: list[uuid.UUID]
) -> list[Experiment]:
    rows = {
        e.id: e
        for e in await db.scalars(
            select(Experiment).where(
                Experiment.id.in_(ids), Experiment.organization_id == organization_id
            )
        )
    }
    missing = [str(i) for i in ids if i not in rows]
    if missing:
        raise NotFound(f"Experiment not found: {', '.join(missing)}.")
    return [rows[i] for i in ids]


async def _runs(db: AsyncSession, ids: list[uuid.UUID]) -> list[Any]:
    """Every run of the experiments, every repetition (the statistics cluster by item)."""
    return list(
        await db.execute(
            select(
                ExperimentRun.id,
                ExperimentRun.experiment_id,
                ExperimentRun.dataset_item_id,
                ExperimentRun.repetition,
                ExperimentRun.status,
                ExperimentRun.output,
                ExperimentRun.latency_ms,
                ExperimentRun.cost,
                ExperimentRun.tool_calls,
                DatasetItem.dataset_id,
                DatasetItem.sort_order,
                DatasetItem.input,
                DatasetItem.expected_output,
            )
            .join(DatasetItem, DatasetItem.id == ExperimentRun.dataset_item_id)
            .where(ExperimentRun.experiment_id.in_(ids))
        )
    )


async def _with_pinned_baseline(
    db: AsyncSession, organization_id: uuid.UUID, ids: list[uuid.UUID]
) -> list[uuid.UUID]:
    """The first experiment's dataset's pinned baseline goes first when the list lacks it."""
    if not ids:
        return ids
    dataset_id = await db.scalar(
        select(Experiment.dataset_id).where(
            Experiment.id == ids[0], Experiment.organization_id == organization_id
        )
    )
    pinned = await baseline.pinned(db, organization_id, dataset_id) if dataset_id else None
    return ids if pinned is None or pinned in ids else [pinned, *ids]


def _cell(run: Any, run_scores: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "run_id": run.id,
        "status": run.status,
        "output": run.output,
        "latency_ms": run.latency_ms,
        "cost": run.cost,
        "scores": run_scores,
        "tool_calls": run.tool_calls,
    }


async def compare(
    db: AsyncSession, organization_id: uuid.UUID, ids: list[uuid.UUID], loc_root: str = "body",
    *, use_pinned: bool = True, alpha: float = stats.ALPHA,
) -> dict[str, Any]:
    """The seed's comparison plus statistics against the baseline: the first experiment, or
    the dataset's pinned baseline when the list does not name it."""
    ids = list(dict.fromkeys(ids))
    if use_pinned:
        ids = await _with_pinned_baseline(db, organization_id, ids)
    ids = distinct_ids(ids, loc_root)
    experiments = await org_experiments(db, organization_id, ids)
    keys = [str(i) for i in ids]
    dataset_rank: dict[uuid.UUID, int] = {}
    for e in experiments:  # items of the first experiment's dataset first, then the next
        dataset_rank.setdefault(e.dataset_id, len(dataset_rank))
    scores = await scores_by_run(db, ExperimentRun.experiment_id.in_(ids), score_with_status)
    items: dict[uuid.UUID, dict[str, Any]] = {}
    order: dict[uuid.UUID, tuple] = {}
    per_experiment: dict[str, list[dict[str, Any]]] = {k: [] for k in keys}
    for run in await _runs(db, ids):
        run_scores = scores.get(run.id, [])
        per_experiment[str(run.experiment_id)].append({
            "item": run.dataset_item_id, "status": run.status, "latency_ms": run.latency_ms,
            "cost": run.cost, "scores": run_scores,
        })
        if run.repetition != 0:  # the side-by-side rows show the first repetition
            continue
        entry = items.get(run.dataset_item_id)
        if entry is None:
            entry = items[run.dataset_item_id] = {
                "dataset_item": {
                    "id": run.dataset_item_id,
                    "input": run.input,
                    "expected_output": run.expected_output,
                },
                "results": dict.fromkeys(keys),
            }
            order[run.dataset_item_id] = (
                dataset_rank.get(run.dataset_id, 0), run.sort_order, str(run.dataset_item_id)
            )
        entry["results"][str(run.experiment_id)] = _cell(run, run_scores)
    versions_block, version_warnings = await dataset_versions.compared(db, experiments)
    return {
        "experiments": {
            str(e.id): {"name": e.name, "config": redact_headers(e.config), "status": e.status}
            for e in experiments
        },
        "comparisons": [items[i] for i in sorted(items, key=order.__getitem__)],
        # Bootstraps are CPU work: off the event loop, on a pool of their own.
        "summary": await run_in(
            "statistics", significance.summarize, keys, per_experiment, alpha
        ),
        "dataset_versions": versions_block,
        "warnings": version_warnings,
    }


def _side_body(
    body: CompareVersionsIn, dataset_id: uuid.UUID, version: int, side: str
) -> ExperimentCreate:
    shared = body.config.model_dump(exclude_unset=True, exclude_none=True) if body.config else {}
    for key in ("prompt_label", "prompt_version", "prompt_name"):
        shared.pop(key, None)
    config = {**shared, "prompt_name": body.prompt_name, "prompt_version": version}
    if body.model:
        config["model"] = body.model
    name = f"{body.prompt_name}-v{body.version_a}-vs-v{body.version_b}-{side}"
    return ExperimentCreate(
        name=name,
        dataset_id=dataset_id,
        config=ExperimentConfig.model_validate(config),
        evaluator_ids=body.evaluator_ids,
        metadata={**body.metadata, "compare_side": side},
    )


def _as_version_error(exc: InvalidInput, field: str) -> InvalidInput:
    """A prompt_version error on one side names that side's field (version_a / version_b)."""
    for entry in exc.detail:
        if entry.get("loc") == ["body", "config", "prompt_version"]:
            entry["loc"] = ["body", field]
        elif (
            entry.get("loc") == ["body", "config", "prompt_name"] and "variable" not in entry["msg"]
        ):
            entry["loc"] = ["body", "prompt_name"]
    return exc


async def compare_prompt_versions(
    db: AsyncSession,
    organization_id: uuid.UUID,
    dataset_id: uuid.UUID,
    body: CompareVersionsIn,
    settings: Settings,
    queue: JobQueue,
) -> dict[str, Any]:
    """Two linked experiments (one group_id), created and started in one transaction."""
    found = await db.scalar(
        select(Dataset.id).where(
            Dataset.id == dataset_id, Dataset.organization_id == organization_id
        )
    )
    if found is None:
        raise NotFound("Dataset not found.")
    group_id = uuid.uuid4()
    sides = []
    for side, version, field in (
        ("a", body.version_a, "version_a"),
        ("b", body.version_b, "version_b"),
    ):
        try:
            experiment = await service.create_in_tx(
                db,
                organization_id,
                _side_body(body, dataset_id, version, side),
                settings,
                group_id=group_id,
            )
        except InvalidInput as exc:
            raise _as_version_error(exc, field) from None
        sides.append((experiment, version))
    snapshots = [(await service.start_in_tx(db, experiment, settings))[1] for experiment, _ in sides]
    await db.commit()
    for (experiment, _), snapshot in zip(sides, snapshots, strict=True):
        await runs.queue_runs(queue, settings, experiment.id, snapshot)
    (a, version_a), (b, version_b) = sides
    return {
        "experiment_a": {"id": a.id, "name": a.name, "version": version_a},
        "experiment_b": {"id": b.id, "name": b.name, "version": version_b},
        "group_id": group_id,
        "compare_url": f"{API_PREFIX}/experiments/compare/?experiment_ids={a.id},{b.id}",
    }
