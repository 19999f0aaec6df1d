"""Dataset item pages: add, edit, delete, and the file import with its errors beside the lines."""

import uuid
from collections.abc import AsyncIterator
from pathlib import PurePosixPath
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError
from starlette.datastructures import UploadFile

from app import limits
from app.datasets import importers, items
from app.datasets.schemas import ItemCreate, ItemUpdate
from app.db import SessionDep
from app.errors import InvalidInput, TooLarge
from app.ui.forms import json_field, messages, tag_list
from app.ui.routes_datasets import detail_page
from app.ui.session import ViewerDep, WriterDep
from app.ui.templating import render

router = APIRouter()
SHOWN_ERRORS = 200


async def _item_fields(request: Request) -> dict[str, Any]:
    form = await request.form()
    return {
        "input": json_field(form.get("input"), "input"),
        "expected_output": json_field(form.get("expected_output"), "expected_output"),
        "context": json_field(form.get("context"), "context"),
        "tags": tag_list(form.get("tags")),
    }


def _max_item(request: Request) -> int:
    return request.app.state.settings.max_item_kb * 1024


@router.post("/datasets/{dataset_id}/items/")
async def add_item(request: Request, dataset_id: uuid.UUID, viewer: WriterDep, db: SessionDep) -> Response:
    """Add one item."""
    try:
        body = ItemCreate(**await _item_fields(request))
        await items.create_item(db, viewer.org, dataset_id, body, max_bytes=_max_item(request))
    except (InvalidInput, ValidationError) as exc:
        return await detail_page(request, viewer, db, dataset_id, status=422, errors=messages(exc))
    return RedirectResponse(f"/ui/datasets/{dataset_id}/#items", status_code=303)


@router.get("/datasets/{dataset_id}/items/{item_id}/")
async def edit_form(
    request: Request, dataset_id: uuid.UUID, item_id: uuid.UUID, viewer: ViewerDep, db: SessionDep,
) -> Response:
    """One item, with its edit form for roles that write."""
    item = await items.get_item(db, viewer.org, dataset_id, item_id)
    return render(request, "item.html", viewer, title="Item", item=item, dataset_id=dataset_id)


@router.post("/datasets/{dataset_id}/items/{item_id}/")
async def edit(
    request: Request, dataset_id: uuid.UUID, item_id: uuid.UUID, viewer: WriterDep, db: SessionDep,
) -> Response:
    """Save an item's fields."""
    try:
        body = ItemUpdate(**await _item_fields(request))
        await items.update_item(db, viewer.org, dataset_id, item_id, body, max_bytes=_max_item(request))
    except (InvalidInput, ValidationError) as exc:
        await db.rollback()
        item = await items.get_item(db, viewer.org, dataset_id, item_id)
        return render(
            request, "item.html", viewer, status_code=422, title="Item", item=item,
            dataset_id=dataset_id, errors=messages(exc),
        )
    return RedirectResponse(f"/ui/datasets/{dataset_id}/#items", status_code=303)


@router.post("/datasets/{dataset_id}/items/{item_id}/delete/")
async def delete(dataset_id: uuid.UUID, item_id: uuid.UUID, viewer: WriterDep, db: SessionDep) -> Response:
    """Delete an item."""
    await items.delete_item(db, viewer.org, dataset_id, item_id)
    return RedirectResponse(f"/ui/datasets/{dataset_id}/#items", status_code=303)


def allow_upload(request: Request) -> None:
    """An import may be larger than other bodies (EVALFORGE_MAX_UPLOAD_MB), still counted."""
    limits.allow_body(request, request.app.state.settings.max_upload_mb * 1024 * 1024 + 65536)


async def _one_chunk(data: bytes) -> AsyncIterator[bytes]:
    yield data


def _line_errors(detail: list[dict[str, Any]], data: bytes) -> list[dict[str, Any]]:
    """The first errors with the text of their line, so the page shows them side by side."""
    lines = data.decode("utf-8", errors="replace").splitlines()
    out = []
    for entry in detail[:SHOWN_ERRORS]:
        line = entry.get("line")
        text = lines[line - 1] if isinstance(line, int) and 0 < line <= len(lines) else ""
        out.append({**entry, "text": text[:2000]})
    return out


@router.post("/datasets/{dataset_id}/import/", dependencies=[Depends(allow_upload)])
async def import_file(request: Request, dataset_id: uuid.UUID, viewer: WriterDep, db: SessionDep) -> Response:
    """Import a .jsonl/.csv file, all or nothing; on errors the page lists each bad line."""
    upload = (await request.form()).get("file")
    name = upload.filename if isinstance(upload, UploadFile) else ""
    fmt = {"jsonl": "jsonl", "ndjson": "jsonl", "csv": "csv"}.get(
        PurePosixPath(name or "").suffix.lower().lstrip(".")
    )
    if fmt is None:
        return await detail_page(
            request, viewer, db, dataset_id, status=422,
            errors=["file: choose a .jsonl or .csv file"],
        )
    data = await upload.read()
    settings = request.app.state.settings
    if len(data) > settings.max_upload_mb * 1024 * 1024:
        raise TooLarge(f"The file is larger than the {settings.max_upload_mb} MB upload limit.")
    try:
        await importers.import_file(
            db, viewer.org, dataset_id, _one_chunk(data), fmt, settings.import_chunk_rows,
            _max_item(request),
        )
    except InvalidInput as exc:
        return await detail_page(
            request, viewer, db, dataset_id, status=422, errors=["The file was not imported."],
            import_errors=_line_errors(exc.detail, data),
        )
    return RedirectResponse(f"/ui/datasets/{dataset_id}/#items", status_code=303)
