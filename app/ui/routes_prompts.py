"""Prompt pages: the list, one prompt's versions side by side with a diff, labels, Promote."""

from typing import Annotated

from fastapi import APIRouter, Form, Path, Query, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import TypeAdapter, ValidationError

from app.db import SessionDep
from app.errors import AppError
from app.prompts import service
from app.prompts.schemas import LabelName
from app.ui.forms import PAGE_SIZE, messages, pager
from app.ui.session import ViewerDep, WriterDep
from app.ui.templating import render

router = APIRouter()
NamePath = Annotated[str, Path(max_length=200)]
MAX_VERSIONS = 200
_label = TypeAdapter(LabelName)


@router.get("/prompts/")
async def prompts(
    request: Request, viewer: ViewerDep, db: SessionDep,
    search: Annotated[str | None, Query(max_length=200)] = None,
    page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
) -> Response:
    """Prompts, one row per name, with their labels."""
    count, rows = await service.list_prompts(
        db, viewer.org, search=search, sort="name", offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE
    )
    labels = await service.labels_by_version(db, [p.id for p in rows])
    pointing: dict = {}
    for (prompt_id, version), names in labels.items():
        for name in names:
            pointing.setdefault(prompt_id, []).append((name, version))
    return render(
        request, "prompts.html", viewer, title="Prompts", prompts=rows, pointing=pointing,
        search=search or "", pages=pager(request, page, count),
    )


def _text(version: object) -> object:
    return version.template if version.template is not None else version.messages


async def prompt_page(
    request: Request, viewer: ViewerDep, db: SessionDep, name: str, a: int | None, b: int | None,
    errors: list[str] | None = None, status: int = 200,
) -> Response:
    prompt, _count, versions = await service.list_versions(db, viewer.org, name, 0, MAX_VERSIONS)
    labels = await service.labels_by_version(db, [prompt.id])
    by_number = {v.version: v for v in versions}
    latest = versions[0].version if versions else None
    b = b if b in by_number else latest
    a = a if a in by_number else (b - 1 if b and b - 1 in by_number else b)
    return render(
        request, "prompt.html", viewer, status_code=status, title=prompt.name, prompt=prompt,
        versions=versions, labels=labels, left=by_number.get(a), right=by_number.get(b),
        text=_text, errors=errors or [],
    )


@router.get("/prompts/{name}/")
async def prompt(
    request: Request, name: NamePath, viewer: ViewerDep, db: SessionDep,
    a: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
    b: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
) -> Response:
    """A prompt's versions; ?a=&b= pick the two shown side by side (default: the last two)."""
    return await prompt_page(request, viewer, db, name, a, b)


@router.post("/prompts/{name}/promote/")
async def promote(
    request: Request, name: NamePath, viewer: WriterDep, db: SessionDep,
    label: str = Form(""), version: int = Form(0),
) -> Response:
    """Move a label (production, staging, ...) to a version."""
    try:
        await service.set_label(db, viewer.org, name, _label.validate_python(label), version)
    except (AppError, ValidationError) as exc:
        await db.rollback()
        return await prompt_page(request, viewer, db, name, None, version or None, messages(exc), 422)
    return RedirectResponse(f"/ui/prompts/{name}/", status_code=303)
