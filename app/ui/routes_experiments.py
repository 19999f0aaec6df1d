"""Experiment pages: New Experiment, Compare Versions with its waiting page, the detail page
with live progress, cancel."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError

from app.db import SessionDep
from app.errors import AppError, field_error
from app.experiments import compare as compare_service
from app.experiments import reads, service, signals
from app.experiments.schemas import CompareVersionsIn, ExperimentCreate
from app.ui import experiment_view
from app.ui.forms import messages, pager
from app.ui.routes_datasets import detail_page
from app.ui.session import ViewerDep, WriterDep
from app.ui.templating import render

router = APIRouter()
FINISHED = ("completed", "failed", "cancelled")


def _target(form: dict[str, str]) -> dict[str, object]:
    """The experiment config from the form: an agent URL, or prompt (+ label or version) and model."""
    if form.get("agent_url"):
        return {"agent": {"url": form["agent_url"]}}
    config: dict[str, object] = {}
    ref = form.get("prompt_ref", "").strip()
    if form.get("prompt_name"):
        config["prompt_name"] = form["prompt_name"].strip()
        if ref.isdigit():
            config["prompt_version"] = int(ref)
        elif ref:
            config["prompt_label"] = ref
    elif ref:
        raise field_error("prompt_name", "give the prompt name for a label or version")
    for key in ("model", "temperature"):
        if form.get(key, "").strip():
            config[key] = form[key].strip()
    return config


@router.post("/datasets/{dataset_id}/experiments/")
async def new_experiment(request: Request, dataset_id: uuid.UUID, viewer: WriterDep, db: SessionDep) -> Response:
    """Create and start an experiment, then watch it."""
    raw = await request.form()
    form = {k: v for k, v in raw.items() if isinstance(v, str)}
    settings = request.app.state.settings
    try:
        body = ExperimentCreate(
            name=form.get("name", ""), dataset_id=dataset_id, config=_target(form),
            evaluator_ids=raw.getlist("evaluator_ids"),
        )
        experiment = await service.create(db, viewer.org, body, settings)
        await service.start(db, viewer.org, experiment.id, settings, request.app.state.queue)
    except (AppError, ValidationError) as exc:
        await db.rollback()
        return await detail_page(request, viewer, db, dataset_id, status=422, errors=messages(exc), form=form)
    return RedirectResponse(f"/ui/experiments/{experiment.id}/", status_code=303)


@router.post("/datasets/{dataset_id}/compare-versions/")
async def compare_versions(request: Request, dataset_id: uuid.UUID, viewer: WriterDep, db: SessionDep) -> Response:
    """Run two prompt versions as linked experiments; the waiting page follows them."""
    raw = await request.form()
    form = {k: v for k, v in raw.items() if isinstance(v, str)}
    state = request.app.state
    try:
        body = CompareVersionsIn(
            prompt_name=form.get("prompt_name", ""), version_a=form.get("version_a") or 0,
            version_b=form.get("version_b") or 0, model=form.get("model") or None,
            evaluator_ids=raw.getlist("evaluator_ids"),
        )
        pair = await compare_service.compare_prompt_versions(
            db, viewer.org, dataset_id, body, state.settings, state.queue
        )
    except (AppError, ValidationError) as exc:
        await db.rollback()
        form["cv_prompt_name"] = form.get("prompt_name", "")
        return await detail_page(request, viewer, db, dataset_id, status=422, errors=messages(exc), form=form)
    ids = f"{pair['experiment_a']['id']},{pair['experiment_b']['id']}"
    return RedirectResponse(f"/ui/wait/?experiment_ids={ids}", status_code=303)


@router.get("/wait/")
async def wait(
    request: Request, viewer: ViewerDep, db: SessionDep,
    experiment_ids: Annotated[str, Query(max_length=2000)],
) -> Response:
    """Follows experiments until all finish, then goes to their comparison (no JS needed)."""
    ids = experiment_view.parse_ids(experiment_ids)
    experiments = [await service.get(db, viewer.org, i) for i in ids]
    counts = await reads.run_counts(db, ids)
    target = f"/ui/compare/?experiment_ids={','.join(str(i) for i in ids)}"
    if all(e.status in FINISHED for e in experiments):
        return RedirectResponse(target, status_code=303)
    return render(
        request, "wait.html", viewer, title="Running", experiments=experiments, counts=counts,
        target=target,
    )


@router.get("/experiments/{experiment_id}/")
async def experiment(
    request: Request, experiment_id: uuid.UUID, viewer: ViewerDep, db: SessionDep,
    page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
) -> Response:
    """Status, summary and a page of results with every score."""
    view = await experiment_view.load(db, viewer.org, experiment_id, page)
    return render(
        request, "experiment.html", viewer, title=view["experiment"].name,
        pages=pager(request, page, view["summary"]["total"]), **view,
    )


@router.get("/experiments/{experiment_id}/progress/")
async def progress(request: Request, experiment_id: uuid.UUID, viewer: ViewerDep, db: SessionDep) -> Response:
    """The live progress box (polled by htmx); a finished experiment reloads the whole page."""
    view = await experiment_view.progress(db, viewer.org, experiment_id)
    response = render(request, "_progress.html", viewer, **view)
    if view["experiment"].status in FINISHED:
        response.headers["HX-Refresh"] = "true"
    return response


@router.post("/experiments/{experiment_id}/retry-failed/")
async def retry_failed(request: Request, experiment_id: uuid.UUID, viewer: WriterDep, db: SessionDep) -> Response:
    """Run a finished experiment's failed and skipped runs again."""
    state = request.app.state
    await service.retry_failed(db, viewer.org, experiment_id, state.settings, state.queue)
    return RedirectResponse(f"/ui/experiments/{experiment_id}/", status_code=303)


@router.post("/experiments/{experiment_id}/cancel/")
async def cancel(request: Request, experiment_id: uuid.UUID, viewer: WriterDep, db: SessionDep) -> Response:
    """Cancel a pending or running experiment."""
    experiment = await service.cancel(db, viewer.org, experiment_id)
    state = request.app.state
    await signals.announce_cancel(state.queue, state.settings, experiment.id)
    return RedirectResponse(f"/ui/experiments/{experiment_id}/", status_code=303)
