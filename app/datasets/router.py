"""Datasets endpoints: datasets, items, imports, exports and capture from production runs."""

import uuid
from pathlib import PurePosixPath
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import StreamingResponse
from pydantic import TypeAdapter, ValidationError

from app import limits
from app.auth.deps import PrincipalDep
from app.datasets import exporters, importers, items, service, upload, versions
from app.datasets.schemas import (
    DatasetCreate,
    DatasetDetail,
    DatasetRead,
    DatasetUpdate,
    DatasetVersionRead,
    FromRunIn,
    ImportErrors,
    ImportIn,
    ImportResult,
    ItemCreate,
    ItemRead,
    ItemUpdate,
)
from app.db import SessionDep
from app.errors import InvalidInput, field_error
from app.experiments import baseline
from app.experiments.comparison_schemas import BaselineIn, BaselineRead
from app.pagination import Page, PageDep, build_page

router = APIRouter(tags=["datasets"])

DatasetSort = Annotated[
    str, Query(pattern=r"^-?(name|created_at|updated_at|item_count)$", description="`-` = descending")
]
ItemSort = Annotated[str, Query(pattern=r"^-?(sort_order|created_at)$", description="`-` = descending")]
TagsQuery = Annotated[str | None, Query(description="Comma list; ALL must match")]
VersionQuery = Annotated[int | None, Query(
    ge=0, le=2**31 - 1,
    description="The items as they were at this dataset version (0 to the dataset's `version`; "
    "another is a 422): edited items with their content then, removed items that were present",
)]
ArchivedQuery = Annotated[bool, Query(
    description="true: list only the archived (removed) items instead of the current ones"
)]
FileFormat = Literal["jsonl", "csv"]
RAW_TYPES = {"text/csv": "csv", "application/jsonl": "jsonl", "application/x-ndjson": "jsonl"}
IMPORT_BODY = {"requestBody": {"required": True, "content": {
    "application/json": {"schema": ImportIn.model_json_schema(ref_template="#/components/schemas/{model}")},
    "multipart/form-data": {"schema": {"type": "object", "required": ["file"], "properties": {
        "file": {"type": "string", "format": "binary", "description": ".jsonl or .csv"}}}},
}}}
_import_adapter = TypeAdapter(ImportIn)
ItemPage = Page[ItemRead]
IMPORT_DOC = (
    "Answers **201 Created** with `{dataset_id, imported, total_items}` (total_items: items in the "
    "dataset after the import). All or nothing. JSON: a bad item is a 422 whose `loc` names its "
    "index and field. Files (multipart field `file`, .jsonl or .csv, or `?format=`; also a raw "
    "body with Content-Type text/csv or application/jsonl): 422 `{\"detail\": [{\"line\", "
    "\"field\", \"message\"}]}` listing every bad line (1-based; at most 1000 entries); larger "
    "than EVALFORGE_MAX_UPLOAD_MB: 413."
)


@router.get("/datasets/", response_model=Page[DatasetRead], operation_id="datasets-list")
async def list_datasets(
    request: Request, principal: PrincipalDep, db: SessionDep, page: PageDep,
    search: Annotated[str | None, Query(max_length=200)] = None, tags: TagsQuery = None,
    sort: DatasetSort = "-created_at",
) -> dict:
    """List datasets (search, tags, sort, pagination)."""
    count, rows = await service.list_datasets(
        db, principal.organization_id, search=search, tags=service.split_tags(tags), sort=sort,
        offset=page.offset, limit=page.page_size,
    )
    return build_page(request, page, count, [DatasetRead.model_validate(r) for r in rows])


@router.post("/datasets/", status_code=201, response_model=DatasetRead)
async def create(body: DatasetCreate, principal: PrincipalDep, db: SessionDep) -> DatasetRead:
    """Create a dataset (name unique in the organization)."""
    return DatasetRead.model_validate(await service.create_dataset(db, principal.organization_id, body))


@router.get("/datasets/{dataset_id}/", response_model=DatasetDetail)
async def get(dataset_id: uuid.UUID, principal: PrincipalDep, db: SessionDep) -> DatasetDetail:
    """Dataset detail with item_count and the 10 most recently added items."""
    dataset = await service.get_dataset(db, principal.organization_id, dataset_id)
    recent = [ItemRead.model_validate(i) for i in await service.recent_items(db, dataset.id)]
    return DatasetDetail(**DatasetRead.model_validate(dataset).model_dump(), recent_items=recent)


@router.put("/datasets/{dataset_id}/", response_model=DatasetRead)
async def update(
    dataset_id: uuid.UUID, body: DatasetUpdate, principal: PrincipalDep, db: SessionDep
) -> DatasetRead:
    """Update name, description, tags or metadata (only the fields sent)."""
    dataset = await service.update_dataset(db, principal.organization_id, dataset_id, body)
    return DatasetRead.model_validate(dataset)


@router.delete("/datasets/{dataset_id}/", status_code=204)
async def delete(dataset_id: uuid.UUID, principal: PrincipalDep, db: SessionDep) -> Response:
    """Delete a dataset and all its items."""
    await service.delete_dataset(db, principal.organization_id, dataset_id)
    return Response(status_code=204)


@router.get("/datasets/{dataset_id}/versions/", response_model=Page[DatasetVersionRead],
            operation_id="datasets-versions")
async def list_versions(
    dataset_id: uuid.UUID, request: Request, principal: PrincipalDep, db: SessionDep,
    page: PageDep,
) -> dict:
    """The dataset's versions, newest first, with what each change did to the items."""
    count, rows = await versions.list_versions(
        db, principal.organization_id, dataset_id, page.offset, page.page_size
    )
    return build_page(request, page, count, [DatasetVersionRead.model_validate(r) for r in rows])


@router.get("/datasets/{dataset_id}/items/", response_model=Page[ItemRead])
async def list_items(
    dataset_id: uuid.UUID, request: Request, principal: PrincipalDep, db: SessionDep,
    page: PageDep, sort: ItemSort = "sort_order", tags: TagsQuery = None,
    version: VersionQuery = None, archived: ArchivedQuery = False,
) -> Response:
    """List a dataset's items (sort, tags, pagination; an earlier version; archived ones)."""
    count, rows = await items.list_items(
        db, principal.organization_id, dataset_id, sort=sort, tags=service.split_tags(tags),
        offset=page.offset, limit=page.page_size, version=version, archived=archived,
    )
    body = build_page(request, page, count, [ItemRead.model_validate(r) for r in rows])
    # Already validated: serialize once instead of letting FastAPI validate the page again.
    return Response(ItemPage.model_construct(**body).model_dump_json(), media_type="application/json")


@router.post("/datasets/{dataset_id}/items/", status_code=201, response_model=ItemRead)
async def create_item(
    dataset_id: uuid.UUID, body: ItemCreate, request: Request, principal: PrincipalDep,
    db: SessionDep,
) -> ItemRead:
    """Add one item (sort_order is assigned in insertion order when omitted)."""
    item = await items.create_item(
        db, principal.organization_id, dataset_id, body, max_bytes=_max_item(request)
    )
    return ItemRead.model_validate(item)


@router.get("/datasets/{dataset_id}/items/{item_id}/", response_model=ItemRead)
async def get_item(
    dataset_id: uuid.UUID, item_id: uuid.UUID, principal: PrincipalDep, db: SessionDep
) -> ItemRead:
    """One item."""
    return ItemRead.model_validate(await items.get_item(db, principal.organization_id, dataset_id, item_id))


@router.put("/datasets/{dataset_id}/items/{item_id}/", response_model=ItemRead)
async def update_item(
    dataset_id: uuid.UUID, item_id: uuid.UUID, body: ItemUpdate, request: Request,
    principal: PrincipalDep, db: SessionDep,
) -> ItemRead:
    """Update an item (only the fields sent)."""
    item = await items.update_item(
        db, principal.organization_id, dataset_id, item_id, body, max_bytes=_max_item(request)
    )
    return ItemRead.model_validate(item)


@router.delete("/datasets/{dataset_id}/items/{item_id}/", status_code=204)
async def delete_item(
    dataset_id: uuid.UUID, item_id: uuid.UUID, principal: PrincipalDep, db: SessionDep
) -> Response:
    """Delete an item: always an archive (it leaves the current version and future runs, and
    stays readable for older versions and old results)."""
    await items.delete_item(db, principal.organization_id, dataset_id, item_id)
    return Response(status_code=204)


@router.post(
    "/datasets/{dataset_id}/import/", status_code=201, response_model=ImportResult,
    operation_id="datasets-import", openapi_extra=IMPORT_BODY, description=IMPORT_DOC,
    responses={422: {"model": ImportErrors, "description": "Every bad line, or bad fields"}},
)
async def import_(
    dataset_id: uuid.UUID, request: Request, principal: PrincipalDep, db: SessionDep,
    format: Annotated[FileFormat | None, Query(description="File format; else from the file name")] = None,
) -> ImportResult:
    """Bulk import, all or nothing: JSON {"items": [...]} or a .jsonl/.csv file upload."""
    org, settings = principal.organization_id, request.app.state.settings
    await service.get_dataset(db, org, dataset_id)  # 404 before reading any of the body
    max_bytes, max_item = settings.max_upload_mb * 1024 * 1024, _max_item(request)
    upload.check_content_length(request, max_bytes)
    # Files and JSON imports may be larger than other bodies (still counted as they stream).
    limits.allow_body(request, max_bytes + upload.ENVELOPE_BYTES)
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "multipart/form-data":
        part = upload.MultipartFile(request, max_bytes)
        await part.open()
        fmt = format or _format_of(part.filename)
        imported, total = await importers.import_file(
            db, org, dataset_id, part.chunks(), fmt, settings.import_chunk_rows, max_item
        )
    elif content_type in RAW_TYPES:
        imported, total = await importers.import_file(
            db, org, dataset_id, upload.raw_chunks(request, max_bytes),
            format or RAW_TYPES[content_type], settings.import_chunk_rows, max_item,
        )
    else:
        body = _parse_json_import(await request.body())
        imported, total = await items.import_items(
            db, org, dataset_id, body.items, settings.import_chunk_rows, max_item
        )
    return ImportResult(dataset_id=dataset_id, imported=imported, total_items=total)


def _max_item(request: Request) -> int:
    return request.app.state.settings.max_item_kb * 1024


def _format_of(filename: str | None) -> str:
    suffix = PurePosixPath(filename or "").suffix.lower().lstrip(".")
    if suffix in ("jsonl", "csv"):
        return suffix
    if suffix == "ndjson":
        return "jsonl"
    raise field_error("file", "Unknown file type: name it .jsonl or .csv, or pass ?format=jsonl|csv.")


def _parse_json_import(raw: bytes) -> ImportIn:
    try:
        return _import_adapter.validate_json(raw or b"null")
    except ValidationError as exc:
        raise InvalidInput([
            {"loc": ["body", *err["loc"]], "msg": err["msg"], "type": err["type"]}
            for err in exc.errors(include_url=False)
        ]) from exc


@router.get("/datasets/{dataset_id}/export/", operation_id="datasets-export",
            response_class=StreamingResponse)
async def export(
    dataset_id: uuid.UUID, request: Request, principal: PrincipalDep, db: SessionDep,
    format: FileFormat = "jsonl",
) -> StreamingResponse:
    """Export the items as a .jsonl or .csv file in the suite format, streamed."""
    dataset = await service.get_dataset(db, principal.organization_id, dataset_id)
    name = exporters.filename(dataset.name, format)
    return StreamingResponse(
        exporters.stream(request.app.state.sessionmaker, dataset.id, format),
        media_type=exporters.MEDIA_TYPES[format],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.post("/datasets/{dataset_id}/from-run/", status_code=201, response_model=ItemRead)
async def from_run(
    dataset_id: uuid.UUID, body: FromRunIn, request: Request, principal: PrincipalDep,
    db: SessionDep,
) -> ItemRead:
    """Capture a production run as an item: inputs -> input, result -> expected_output."""
    item = await items.create_from_run(
        db, principal.organization_id, dataset_id, body.run_id, _max_item(request)
    )
    return ItemRead.model_validate(item)


@router.put("/datasets/{dataset_id}/baseline/", response_model=BaselineRead,
            operation_id="datasets-set-baseline")
async def set_baseline(
    dataset_id: uuid.UUID, body: BaselineIn, principal: PrincipalDep, db: SessionDep
) -> dict:
    """Pin the experiment that comparisons and verdicts on this dataset measure against."""
    return await baseline.pin(db, principal.organization_id, dataset_id, body.experiment_id)


@router.get("/datasets/{dataset_id}/baseline/", response_model=BaselineRead,
            operation_id="datasets-get-baseline")
async def get_baseline(dataset_id: uuid.UUID, principal: PrincipalDep, db: SessionDep) -> dict:
    """The dataset's pinned baseline experiment (404 when none is pinned)."""
    return await baseline.get(db, principal.organization_id, dataset_id)
