"""Evaluator pages: the list (with each judge rubric's variables) and the create form."""

import json
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError

from app.db import SessionDep
from app.errors import AppError, field_error
from app.evaluators import service
from app.evaluators.graders import KINDS
from app.evaluators.graders.judge import placeholders
from app.evaluators.schemas import EvaluatorCreate
from app.ui.forms import PAGE_SIZE, messages, pager
from app.ui.session import ViewerDep, WriterDep
from app.ui.templating import render

router = APIRouter()


def _variables(evaluator: object) -> list[str]:
    rubric = (evaluator.config or {}).get("rubric")
    return list(dict.fromkeys(placeholders(rubric))) if isinstance(rubric, str) else []


async def _page(
    request: Request, viewer: ViewerDep, db: SessionDep, page: int, errors: list[str] | None = None,
    form: dict | None = None, status: int = 200,
) -> Response:
    count, rows = await service.list_page(
        db, viewer.org, offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE, sort="name"
    )
    return render(
        request, "evaluators.html", viewer, status_code=status, title="Evaluators", evaluators=rows,
        variables=_variables, kinds=KINDS, pages=pager(request, page, count), errors=errors or [],
        form=form or {},
    )


@router.get("/evaluators/")
async def evaluators(
    request: Request, viewer: ViewerDep, db: SessionDep,
    page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
) -> Response:
    """Evaluators with their kind, config and, for judges, the rubric's variables."""
    return await _page(request, viewer, db, page)


def _config(form: dict[str, str]) -> dict:
    raw = form.get("config", "").strip()
    try:
        config = json.loads(raw) if raw else {}
    except ValueError:
        raise field_error("config", "not valid JSON") from None
    if not isinstance(config, dict):
        raise field_error("config", "must be a JSON object")
    if form.get("rubric", "").strip():
        config["rubric"] = form["rubric"]
    return config


@router.post("/evaluators/")
async def create(request: Request, viewer: WriterDep, db: SessionDep) -> Response:
    """Create an evaluator."""
    form = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    try:
        body = EvaluatorCreate(
            name=form.get("name", ""), kind=form.get("kind", ""), config=_config(form),
            score_name=form.get("score_name") or None, description=form.get("description", ""),
        )
        await service.create(db, viewer.org, body)
    except (AppError, ValidationError) as exc:
        await db.rollback()
        return await _page(request, viewer, db, 1, messages(exc), form, 422)
    return RedirectResponse("/ui/evaluators/", status_code=303)
