"""Prompts endpoints: versions by name, labels, promotion."""

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response

from app.auth.deps import PrincipalDep
from app.db import SessionDep
from app.errors import field_error
from app.models import PromptVersion
from app.pagination import Page, PageDep, build_page
from app.prompts import service
from app.prompts.schemas import (
    LABEL_PATTERN,
    LATEST,
    LabelRead,
    LabelSet,
    PromptCreate,
    PromptRead,
    PromptVersionRead,
)

router = APIRouter(tags=["prompts"])

NamePath = Annotated[str, Path(max_length=200, description="Prompt name")]
LabelPath = Annotated[str, Path(pattern=LABEL_PATTERN, description="Label name")]


def _settable(label: str) -> str:
    if label == LATEST:
        raise field_error(
            "label", "'latest' is implicit (the newest version) and cannot be set.", "path"
        )
    return label


def _read(name: str, row: PromptVersion, labels: list[str]) -> PromptVersionRead:
    return PromptVersionRead(
        id=row.id,
        prompt_id=row.prompt_id,
        name=name,
        version=row.version,
        template=row.template,
        messages=row.messages,
        config=row.config or {},
        labels=labels,
        commit_message=row.commit_message or "",
        created_at=row.created_at,
    )


@router.post("/prompts/", status_code=201, response_model=PromptVersionRead)
async def create(body: PromptCreate, principal: PrincipalDep, db: SessionDep) -> PromptVersionRead:
    """Create a prompt (version 1) or the next version of an existing name."""
    row, labels = await service.create_version(db, principal.organization_id, body)
    return _read(body.name, row, labels)


@router.get("/prompts/", response_model=Page[PromptRead])
async def list_items(
    request: Request,
    principal: PrincipalDep,
    db: SessionDep,
    page: PageDep,
    search: Annotated[
        str | None, Query(max_length=200, description="Name contains (any case)")
    ] = None,
    sort: Annotated[
        str, Query(description="name, created_at, updated_at, latest_version; - for descending")
    ] = "name",
) -> dict:
    """List prompts: one row per name with its latest version and labels."""
    count, prompts = await service.list_prompts(
        db,
        principal.organization_id,
        search=search,
        sort=sort,
        offset=page.offset,
        limit=page.page_size,
    )
    labels = await service.labels_by_version(db, [p.id for p in prompts])
    pointing: dict = {}
    for (prompt_id, version), names in labels.items():
        pointing.setdefault(prompt_id, {}).update(dict.fromkeys(names, version))
    results = [
        PromptRead(
            id=p.id,
            name=p.name,
            latest_version=p.latest_version,
            labels=labels.get((p.id, p.latest_version), []),
            label_versions=dict(sorted(pointing.get(p.id, {}).items())),
            created_at=p.created_at,
            updated_at=p.updated_at,
        )
        for p in prompts
    ]
    return build_page(request, page, count, results)


@router.get("/prompts/{name}/", response_model=PromptVersionRead)
async def get(
    name: NamePath,
    principal: PrincipalDep,
    db: SessionDep,
    version: Annotated[
        int | None, Query(ge=1, le=2**31 - 1, description="A version number")
    ] = None,
    label: Annotated[
        str | None, Query(max_length=100, description="A label; 'latest' is the newest")
    ] = None,
) -> PromptVersionRead:
    """Get a prompt version: the latest, or by ?version=N or ?label=L."""
    if version is not None and label is not None:
        raise field_error("label", "Give ?version or ?label, not both.", "query")
    row = await service.resolve_version(
        db, principal.organization_id, name, version=version, label=label
    )
    labels = await service.labels_by_version(db, [row.prompt_id])
    return _read(name, row, labels.get((row.prompt_id, row.version), []))


@router.get("/prompts/{name}/versions/", response_model=Page[PromptVersionRead])
async def list_versions(
    request: Request, name: NamePath, principal: PrincipalDep, db: SessionDep, page: PageDep
) -> dict:
    """List every version of a prompt, newest first, each with its labels."""
    prompt, count, rows = await service.list_versions(
        db, principal.organization_id, name, page.offset, page.page_size
    )
    labels = await service.labels_by_version(db, [prompt.id])
    results = [_read(prompt.name, r, labels.get((prompt.id, r.version), [])) for r in rows]
    return build_page(request, page, count, results)


@router.put("/prompts/{name}/labels/{label}/", response_model=LabelRead)
async def set_label(
    name: NamePath, label: LabelPath, body: LabelSet, principal: PrincipalDep, db: SessionDep
) -> LabelRead:
    """Point a label at a version (promotion); creates the label if needed."""
    previous = await service.set_label(
        db, principal.organization_id, name, _settable(label), body.version
    )
    return LabelRead(name=name, label=label, version=body.version, previous_version=previous)


@router.delete("/prompts/{name}/labels/{label}/", status_code=204)
async def delete_label(
    name: NamePath, label: LabelPath, principal: PrincipalDep, db: SessionDep
) -> Response:
    """Remove a label from a prompt."""
    await service.delete_label(db, principal.organization_id, name, _settable(label))
    return Response(status_code=204)
