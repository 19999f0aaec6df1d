"""Production runs endpoints: the runs that "from-run" turns into dataset items."""

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request

from app.auth.deps import PrincipalDep
from app.db import SessionDep
from app.pagination import Page, PageDep, build_page
from app.runs import service
from app.runs.schemas import RunCreate, RunRead

router = APIRouter(tags=["runs"])


@router.post("/runs/", status_code=201, response_model=RunRead)
async def create(body: RunCreate, principal: PrincipalDep, db: SessionDep) -> RunRead:
    """Record a production agent run; answers with its integer id."""
    run = await service.create_run(db, principal.organization_id, body)
    return RunRead.model_validate(run)


@router.get("/runs/", response_model=Page[RunRead], operation_id="runs-list")
async def list_runs(
    request: Request, principal: PrincipalDep, db: SessionDep, page: PageDep,
    agent_name: Annotated[str | None, Query(max_length=200)] = None,
    workflow: Annotated[str | None, Query(max_length=200)] = None,
    status: Annotated[str | None, Query(max_length=32)] = None,
) -> dict:
    """List production runs, newest first (filters: agent_name, workflow, status)."""
    count, rows = await service.list_runs(
        db, principal.organization_id, agent_name=agent_name, workflow=workflow, status=status,
        offset=page.offset, limit=page.page_size,
    )
    return build_page(request, page, count, [RunRead.model_validate(r) for r in rows])


@router.get("/runs/{run_id}/", response_model=RunRead)
async def get(
    # Any integer: one out of the column's range is a 404 like any other unknown number
    # (the service never sends it to the database), so the path stays unbounded.
    run_id: Annotated[int, Path(description="The run's number")],
    principal: PrincipalDep,
    db: SessionDep,
) -> RunRead:
    """One production run."""
    return RunRead.model_validate(await service.get_run(db, principal.organization_id, run_id))
