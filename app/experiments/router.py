"""Experiments endpoints."""

import uuid
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import StreamingResponse
from pydantic_core import to_json

from app.auth.deps import PrincipalDep, ReaderDep
from app.db import SessionDep
from app.errors import InvalidInput
from app.experiments import compare as compare_service
from app.experiments import comparison_router, events_router, exports, reads, service, signals
from app.experiments import results as results_service
from app.experiments.schemas import (
    CompareIn,
    CompareRead,
    CompareVersionsIn,
    CompareVersionsRead,
    ExperimentCreate,
    ExperimentDetail,
    ExperimentRead,
    ResultsRead,
    RetryRead,
    ScoreCreate,
    ScoreCreated,
    StartRead,
    Status,
)
from app.experiments.snapshot import redact_headers
from app.models import Experiment
from app.pagination import Page, PageDep, build_page

router = APIRouter(tags=["experiments"])


def _read(experiment: Experiment, counts: dict[str, int]) -> dict[str, Any]:
    return {
        "id": experiment.id,
        "name": experiment.name,
        "dataset_id": experiment.dataset_id,
        "config": redact_headers(experiment.config),
        "evaluator_ids": experiment.evaluator_ids,
        "metadata": experiment.metadata_,
        "status": experiment.status,
        "group_id": experiment.group_id,
        "dataset_version": experiment.dataset_version,
        "error": experiment.error or "",
        "error_class": experiment.error_class or "",
        "error_detail": experiment.error_detail or "",
        "warnings": getattr(experiment, "preflight_warnings", None)
        or (experiment.snapshot or {}).get("warnings") or [],
        "created_at": experiment.created_at,
        "updated_at": experiment.updated_at,
        "started_at": experiment.started_at,
        "finished_at": experiment.finished_at,
        "cost_estimate": experiment.cost_estimate,
        "budget_exhausted": bool(experiment.budget_exhausted),
        "counts": counts,
    }


def _json(payload: dict[str, Any]) -> Response:
    """Large documents (results, comparisons) serialized straight by pydantic-core: built by
    the service in the documented shape, they skip a second validation pass over every row."""
    return Response(to_json(payload), media_type="application/json")


def _parse_ids(raw: list[str]) -> list[uuid.UUID]:
    """`?experiment_ids=a,b` (or the parameter repeated) as UUIDs; 422 naming the parameter."""
    try:
        return [
            uuid.UUID(part.strip()) for value in raw for part in value.split(",") if part.strip()
        ]
    except ValueError:
        raise InvalidInput(
            [
                {
                    "loc": ["query", "experiment_ids"],
                    "type": "uuid_parsing",
                    "msg": "experiment_ids must be comma-separated UUIDs.",
                }
            ]
        ) from None


# /experiments/compare/ is declared before /experiments/{experiment_id}/ so "compare" is
# never taken for an id.
@router.post(
    "/experiments/compare/", response_model=CompareRead, operation_id="experiments-compare"
)
async def compare(body: CompareIn, principal: ReaderDep, db: SessionDep) -> Any:
    """Compare experiments side by side, aligned by dataset item."""
    return _json(await compare_service.compare(db, principal.organization_id, body.experiment_ids))


@router.get(
    "/experiments/compare/", response_model=CompareRead, operation_id="experiments-compare-get"
)
async def compare_get(
    principal: PrincipalDep,
    db: SessionDep,
    experiment_ids: Annotated[list[str], Query(description="Comma-separated experiment ids")],
) -> Any:
    """Compare experiments side by side (ids in the query string)."""
    ids = _parse_ids(experiment_ids)
    return _json(
        await compare_service.compare(db, principal.organization_id, ids, loc_root="query")
    )


@router.post("/experiments/", status_code=201, response_model=ExperimentRead)
async def create(
    body: ExperimentCreate, request: Request, principal: PrincipalDep, db: SessionDep
) -> Any:
    """Create an experiment (pending until started)."""
    experiment = await service.create(
        db, principal.organization_id, body, request.app.state.settings
    )
    return _read(experiment, {"total": 0})


@router.get("/experiments/", response_model=Page[ExperimentRead])
async def list_items(
    request: Request,
    principal: PrincipalDep,
    db: SessionDep,
    page: PageDep,
    dataset_id: uuid.UUID | None = None,
    status: Status | None = None,
    search: str | None = None,
    sort: Annotated[
        str, Query(description="created_at, name or status; - for descending")
    ] = "-created_at",
) -> Any:
    """List experiments (filters dataset_id, status, search; sort; pagination)."""
    count, rows, counts = await reads.list_experiments(
        db,
        principal.organization_id,
        dataset_id=dataset_id,
        status=status,
        search=search,
        sort=sort,
        offset=page.offset,
        limit=page.page_size,
    )
    return build_page(request, page, count, [_read(e, counts[e.id]) for e in rows])


@router.get("/experiments/{experiment_id}/", response_model=ExperimentDetail)
async def get(experiment_id: uuid.UUID, principal: PrincipalDep, db: SessionDep) -> Any:
    """Experiment detail with all runs and counts by status."""
    experiment, runs, counts = await reads.detail(db, principal.organization_id, experiment_id)
    return {
        **_read(experiment, counts),
        "snapshot": redact_headers(experiment.snapshot),
        "runs": runs,
    }


@router.delete("/experiments/{experiment_id}/", status_code=204)
async def delete(experiment_id: uuid.UUID, principal: PrincipalDep, db: SessionDep) -> Response:
    """Delete an experiment, its runs and scores (a running one must be cancelled first)."""
    await service.delete_experiment(db, principal.organization_id, experiment_id)
    return Response(status_code=204)


@router.post("/experiments/{experiment_id}/start/", response_model=StartRead)
async def start(
    experiment_id: uuid.UUID,
    request: Request,
    principal: PrincipalDep,
    db: SessionDep,
) -> Any:
    """Start: freeze the config, create one run per item, queue the drivers."""
    state = request.app.state
    return await service.start(
        db, principal.organization_id, experiment_id, state.settings, state.queue
    )


@router.post("/experiments/{experiment_id}/cancel/", response_model=ExperimentRead)
async def cancel(
    experiment_id: uuid.UUID, request: Request, principal: PrincipalDep, db: SessionDep
) -> Any:
    """Cancel a pending or running experiment; its pending runs are cancelled too."""
    experiment = await service.cancel(db, principal.organization_id, experiment_id)
    state = request.app.state
    await signals.announce_cancel(state.queue, state.settings, experiment.id)
    counts = await reads.run_counts(db, [experiment.id])
    return _read(experiment, counts[experiment.id])


@router.post("/experiments/{experiment_id}/retry-failed/", response_model=RetryRead)
async def retry_failed(
    experiment_id: uuid.UUID, request: Request, principal: PrincipalDep, db: SessionDep
) -> Any:
    """Run a completed or failed experiment's failed and skipped runs again."""
    state = request.app.state
    return await service.retry_failed(
        db, principal.organization_id, experiment_id, state.settings, state.queue
    )


@router.get("/experiments/{experiment_id}/results/", response_model=ResultsRead)
async def results(
    experiment_id: uuid.UUID,
    request: Request,
    principal: PrincipalDep,
    db: SessionDep,
    format: Literal["json", "jsonl", "csv"] = "json",
) -> Any:
    """Full results with scores; ?format=jsonl|csv streams an export."""
    org = principal.organization_id
    if format == "json":
        return _json(await results_service.results(db, org, experiment_id))
    names = await results_service.score_names(db, org, experiment_id)  # also the 404 check
    sessionmaker = request.app.state.sessionmaker
    if format == "jsonl":
        body, media = (
            exports.export_jsonl(sessionmaker, experiment_id),
            "application/x-ndjson",
        )
    else:
        body, media = exports.export_csv(sessionmaker, experiment_id, names), "text/csv"
    disposition = f'attachment; filename="experiment-{experiment_id}.{format}"'
    return StreamingResponse(body, media_type=media, headers={"Content-Disposition": disposition})


@router.post(
    "/experiments/{experiment_id}/results/{result_id}/scores/",
    status_code=201,
    response_model=ScoreCreated,
)
async def add_score(
    experiment_id: uuid.UUID,
    result_id: uuid.UUID,
    body: ScoreCreate,
    principal: PrincipalDep,
    db: SessionDep,
) -> Any:
    """Add a human or API score to one result."""
    return await results_service.add_score(
        db, principal.organization_id, experiment_id, result_id, body
    )


@router.post(
    "/datasets/{dataset_id}/compare-prompt-versions/",
    status_code=201,
    response_model=CompareVersionsRead,
    operation_id="experiments-compare-prompt-versions",
)
async def compare_prompt_versions(
    dataset_id: uuid.UUID,
    body: CompareVersionsIn,
    request: Request,
    principal: PrincipalDep,
    db: SessionDep,
) -> Any:
    """Run two versions of a prompt on a dataset as two linked experiments, started at once."""
    state = request.app.state
    return await compare_service.compare_prompt_versions(
        db,
        principal.organization_id,
        dataset_id,
        body,
        state.settings,
        state.queue,
    )


# Statistics' endpoints (issue 10) live in their own module; included here, so one router.
router.include_router(comparison_router.router)
# Live progress (issue 11.5): server-sent events, in their own module too.
router.include_router(events_router.router)
