"""Evaluators endpoints."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from app.auth.deps import PrincipalDep
from app.db import SessionDep
from app.evaluators import service
from app.evaluators.schemas import (
    EvaluatorCreate,
    EvaluatorRead,
    EvaluatorUpdate,
    EvaluatorVersionRead,
)
from app.pagination import Page, PageDep, build_page

router = APIRouter(prefix="/evaluators", tags=["evaluators"])


@router.post("/", status_code=201, response_model=EvaluatorRead)
async def create(body: EvaluatorCreate, principal: PrincipalDep, db: SessionDep) -> EvaluatorRead:
    """Create an evaluator (a grader kind with its config)."""
    evaluator = await service.create(db, principal.organization_id, body)
    return EvaluatorRead.model_validate(evaluator)


@router.get("/", response_model=Page[EvaluatorRead])
async def list_items(
    request: Request,
    principal: PrincipalDep,
    db: SessionDep,
    page: PageDep,
    search: Annotated[
        str | None, Query(description="Case-insensitive name/description match")
    ] = None,
    kind: Annotated[str | None, Query(description="Only these kinds (comma list)")] = None,
    sort: Annotated[
        str | None, Query(description="name, kind, created_at, updated_at; -field descends")
    ] = None,
) -> dict:
    """List evaluators."""
    kinds = [k.strip() for k in kind.split(",") if k.strip()] if kind else None
    count, rows = await service.list_page(
        db,
        principal.organization_id,
        offset=page.offset,
        limit=page.page_size,
        search=search,
        kinds=kinds,
        sort=sort,
    )
    return build_page(request, page, count, [EvaluatorRead.model_validate(r) for r in rows])


@router.get("/{evaluator_id}/", response_model=EvaluatorRead)
async def get(evaluator_id: uuid.UUID, principal: PrincipalDep, db: SessionDep) -> EvaluatorRead:
    """Evaluator detail."""
    return EvaluatorRead.model_validate(
        await service.get(db, principal.organization_id, evaluator_id)
    )


@router.get("/{evaluator_id}/versions/", response_model=list[EvaluatorVersionRead],
            operation_id="evaluators-versions")
async def versions(
    evaluator_id: uuid.UUID, principal: PrincipalDep, db: SessionDep
) -> list[EvaluatorVersionRead]:
    """Every version (content hash of kind and config) the evaluator has had, oldest first."""
    rows = await service.version_history(db, principal.organization_id, evaluator_id)
    return [EvaluatorVersionRead.model_validate(r) for r in rows]


@router.put("/{evaluator_id}/", response_model=EvaluatorRead)
async def update(
    evaluator_id: uuid.UUID, body: EvaluatorUpdate, principal: PrincipalDep, db: SessionDep
) -> EvaluatorRead:
    """Update an evaluator; the config is validated again."""
    evaluator = await service.update(db, principal.organization_id, evaluator_id, body)
    return EvaluatorRead.model_validate(evaluator)


@router.delete("/{evaluator_id}/", status_code=204)
async def delete(evaluator_id: uuid.UUID, principal: PrincipalDep, db: SessionDep) -> Response:
    """Delete an evaluator; scores it produced keep their values."""
    await service.delete(db, principal.organization_id, evaluator_id)
    return Response(status_code=204)
