"""Dataset pages: the list (search, tags, pages), create, and the detail page."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError

from app.datasets import items as items_service
from app.datasets import service
from app.datasets.schemas import DatasetCreate
from app.db import SessionDep
from app.errors import AppError
from app.evaluators import service as evaluators_service
from app.experiments import reads as experiment_reads
from app.ui.forms import PAGE_SIZE, messages, pager, tag_list
from app.ui.session import ViewerDep, WriterDep
from app.ui.templating import render

router = APIRouter()
Page = Annotated[int, Query(ge=1, le=1_000_000)]


async def _list_page(
    request: Request, viewer: ViewerDep, db: SessionDep, search: str | None, tags: str | None,
    page: int, errors: list[str] | None = None, status: int = 200,
) -> Response:
    count, rows = await service.list_datasets(
        db, viewer.org, search=search, tags=tag_list(tags), sort="-created_at",
        offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE,
    )
    return render(
        request, "datasets.html", viewer, status_code=status, title="Datasets", datasets=rows,
        pages=pager(request, page, count), search=search or "", tags=tags or "",
        errors=errors or [],
    )


@router.get("/datasets/")
async def datasets(
    request: Request, viewer: ViewerDep, db: SessionDep,
    search: Annotated[str | None, Query(max_length=200)] = None,
    tags: Annotated[str | None, Query(max_length=2000)] = None, page: Page = 1,
) -> Response:
    """Datasets with search, tags and pages."""
    return await _list_page(request, viewer, db, search, tags, page)


@router.post("/datasets/")
async def create_dataset(
    request: Request, viewer: WriterDep, db: SessionDep, name: str = Form(""),
    description: str = Form(""), tags: str = Form(""),
) -> Response:
    """Create a dataset, then open it."""
    try:
        body = DatasetCreate(name=name, description=description, tags=tag_list(tags))
        dataset = await service.create_dataset(db, viewer.org, body)
    except (AppError, ValidationError) as exc:
        return await _list_page(request, viewer, db, None, None, 1, messages(exc), 422)
    return RedirectResponse(f"/ui/datasets/{dataset.id}/", status_code=303)


async def detail_page(
    request: Request, viewer: ViewerDep, db: SessionDep, dataset_id: uuid.UUID, page: int = 1,
    status: int = 200, archived: bool = False, **extra: object,
) -> Response:
    """The dataset page: items (the current ones, or the archived ones), experiments, the
    write forms (for roles that write)."""
    dataset = await service.get_dataset(db, viewer.org, dataset_id)
    count, rows = await items_service.list_items(
        db, viewer.org, dataset.id, sort="sort_order", tags=[], offset=(page - 1) * PAGE_SIZE,
        limit=PAGE_SIZE, archived=archived,
    )
    _n, experiments, counts = await experiment_reads.list_experiments(
        db, viewer.org, dataset_id=dataset.id, status=None, search=None, sort="-created_at",
        offset=0, limit=20,
    )
    evaluators = []
    if viewer.can_write:
        _m, evaluators = await evaluators_service.list_page(db, viewer.org, offset=0, limit=200)
    extra.setdefault("errors", [])
    extra.setdefault("form", {})
    extra.setdefault("import_errors", [])
    return render(
        request, "dataset.html", viewer, status_code=status, title=dataset.name, dataset=dataset,
        items=rows, pages=pager(request, page, count), experiments=experiments, counts=counts,
        evaluators=evaluators, archived=archived, **extra,
    )


@router.get("/datasets/{dataset_id}/")
async def dataset(
    request: Request, dataset_id: uuid.UUID, viewer: ViewerDep, db: SessionDep, page: Page = 1,
    archived: bool = False,
) -> Response:
    """Dataset detail (?archived=true: the archived items instead of the current ones)."""
    return await detail_page(request, viewer, db, dataset_id, page, archived=archived)
