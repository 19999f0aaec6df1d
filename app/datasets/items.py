"""Dataset items: single-item CRUD, listing and JSON bulk import."""

import uuid
from collections.abc import Mapping
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.datasets import bulk, versions
from app.datasets.schemas import ItemCreate, ItemUpdate
from app.datasets.service import (
    current_item,
    get_dataset,
    has_all_tags,
    order_by,
    reserve_sort_orders,
)
from app.errors import Conflict, InvalidInput, NotFound, field_error
from app.models import Dataset, DatasetItem
from app.models.base import utcnow
from app.runs import service as runs_service

ITEM_SORTS = {"sort_order": DatasetItem.sort_order, "created_at": DatasetItem.created_at}
_ATTR = {"metadata": "metadata_"}


async def get_item(
    db: AsyncSession, organization_id: uuid.UUID, dataset_id: uuid.UUID, item_id: uuid.UUID
) -> DatasetItem:
    await get_dataset(db, organization_id, dataset_id)
    item = await db.scalar(
        select(DatasetItem).where(DatasetItem.id == item_id, DatasetItem.dataset_id == dataset_id)
    )
    if item is None:
        raise NotFound("Dataset item not found.")
    return item


async def _current_item(
    db: AsyncSession, organization_id: uuid.UUID, dataset_id: uuid.UUID, item_id: uuid.UUID
) -> DatasetItem:
    """The item, when it is part of the current version: an archived one is read-only."""
    item = await get_item(db, organization_id, dataset_id, item_id)
    if item.version_removed is not None:
        raise Conflict(
            f"The item was removed in version {item.version_removed} of the dataset; it is "
            "archived and read-only (it stays readable for older versions and old results)."
        )
    return item


async def list_items(
    db: AsyncSession, organization_id: uuid.UUID, dataset_id: uuid.UUID, *, sort: str,
    tags: list[str], offset: int, limit: int, version: int | None = None, archived: bool = False,
) -> tuple[int, list[Mapping[str, Any]]]:
    """The current items; with `version` the items as they were then (versions.py); with
    `archived` the removed (archived) ones."""
    if version is not None and archived:
        raise field_error("archived", "Pass either version or archived=true, not both.", "query")
    if version is not None:
        return await versions.items_at(
            db, organization_id, dataset_id, version, sort=sort, tags=tags, offset=offset,
            limit=limit,
        )
    # sort_order ties only when a caller chose one explicitly; created_at ties within an import.
    tiebreak = DatasetItem.id if sort.lstrip("-") == "sort_order" else DatasetItem.sort_order
    ordering = order_by(sort, ITEM_SORTS, tiebreak)
    # Plain rows, not ORM objects: a listing only reads, so no identity map or instance state.
    columns = DatasetItem.__table__.c
    if tags or archived:
        dataset = await get_dataset(db, organization_id, dataset_id)
        where = [
            DatasetItem.dataset_id == dataset.id,
            DatasetItem.version_removed.is_not(None) if archived else current_item(),
        ]
        if tags:
            where.append(has_all_tags(db, DatasetItem.tags, tags))
        count = await db.scalar(select(func.count()).select_from(DatasetItem).where(*where)) or 0
        result = await db.execute(
            select(*columns).where(*where).order_by(*ordering).offset(offset).limit(limit)
        )
        return count, [row._mapping for row in result]
    # The common case in one round trip: the page with the dataset's maintained counter (no
    # COUNT(*) over a million rows); the join also scopes the items to the organization.
    # The OFFSET walks the (dataset_id, sort_order, id) index alone; only the page's own rows
    # are read from the table (a deep page would otherwise fetch every skipped row).
    page_ids = (
        select(DatasetItem.id).where(DatasetItem.dataset_id == dataset_id, current_item())
        .order_by(*ordering).offset(offset).limit(limit).subquery()
    )
    result = await db.execute(
        select(*columns, Dataset.item_count.label("_dataset_item_count"))
        .join(page_ids, page_ids.c.id == DatasetItem.id)
        .join(Dataset, Dataset.id == DatasetItem.dataset_id)
        .where(Dataset.id == dataset_id, Dataset.organization_id == organization_id)
        .order_by(*ordering)
    )
    rows = [row._mapping for row in result]
    if rows:
        return rows[0]["_dataset_item_count"], rows
    dataset = await get_dataset(db, organization_id, dataset_id)  # an empty page, or a 404
    return dataset.item_count, []


def _check_size(values: ItemCreate | DatasetItem, max_bytes: int, loc: list) -> None:
    row = bulk.encode_row(
        values.input, values.expected_output, values.context,
        values.metadata if isinstance(values, ItemCreate) else values.metadata_, values.tags,
        values.agent_args, values.rubric_vars, values.external_id,
    )
    if message := bulk.oversize(row, max_bytes):
        raise InvalidInput([{"loc": loc, "msg": message, "type": "item_too_large"}])


async def create_item(
    db: AsyncSession, organization_id: uuid.UUID, dataset_id: uuid.UUID, body: ItemCreate,
    *, max_bytes: int, source_run_id: int | None = None, loc: list | None = None,
) -> DatasetItem:
    _check_size(body, max_bytes, loc or ["body"])
    start, _, version = await reserve_sort_orders(
        db, organization_id, dataset_id, 1, at_least=body.sort_order
    )
    now = utcnow()
    item = DatasetItem(
        id=uuid.uuid4(), dataset_id=dataset_id, input=body.input,
        expected_output=body.expected_output, context=body.context, metadata_=body.metadata,
        tags=body.tags, agent_args=body.agent_args, rubric_vars=body.rubric_vars,
        external_id=body.external_id, sort_order=start, source_run_id=source_run_id,
        created_at=now, updated_at=now, version_added=version,
    )
    db.add(item)
    await versions.record(db, dataset_id, version, added=1)
    await db.commit()
    return item


async def update_item(
    db: AsyncSession, organization_id: uuid.UUID, dataset_id: uuid.UUID, item_id: uuid.UUID,
    body: ItemUpdate, *, max_bytes: int,
) -> DatasetItem:
    # The version first: its UPDATE locks the dataset row, so the item read next is the one a
    # concurrent edit committed, and the revision below keeps that content, not a stale copy.
    version = await versions.bump(db, organization_id, dataset_id)
    item = await _current_item(db, organization_id, dataset_id, item_id)
    changes: dict[str, Any] = {
        _ATTR.get(field, field): getattr(body, field) for field in body.model_fields_set
    }
    if changes.get("sort_order") is None:
        changes.pop("sort_order", None)  # null means "keep"; the order is never unset
    else:
        await reserve_sort_orders(
            db, organization_id, dataset_id, 0, at_least=changes["sort_order"], new_version=False
        )
    await versions.keep_revision(db, item, version)
    await versions.record(db, dataset_id, version, updated=1)
    for attr, value in changes.items():
        setattr(item, attr, value)
    _check_size(item, max_bytes, ["body"])  # the item as it would be stored; a refusal rolls back
    item.updated_at = utcnow()
    await db.commit()
    return item


async def delete_item(
    db: AsyncSession, organization_id: uuid.UUID, dataset_id: uuid.UUID, item_id: uuid.UUID
) -> None:
    """Archive the item: it leaves the current version (and future runs) but stays readable
    for older versions and in the results of experiments that ran it. Always soft."""
    # Bumped first (the dataset row's lock): of two concurrent deletes the second then finds
    # the item archived (409) instead of counting it out twice.
    version = await versions.bump(db, organization_id, dataset_id, removed=1)
    item = await _current_item(db, organization_id, dataset_id, item_id)
    await db.execute(
        update(DatasetItem).where(DatasetItem.id == item.id)
        .values(version_removed=version, archived_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    await versions.record(db, dataset_id, version, removed=1)
    await db.commit()


async def import_items(
    db: AsyncSession, organization_id: uuid.UUID, dataset_id: uuid.UUID, items: list[ItemCreate],
    chunk_rows: int, max_bytes: int,
) -> tuple[int, int]:
    """Insert validated items in chunks in one transaction; returns (imported, total_items).

    All or nothing: after an oversized item nothing more is inserted, but the check goes on
    so the 422 lists every one."""
    await get_dataset(db, organization_id, dataset_id)
    total, version = 0, None
    errors: list[dict[str, Any]] = []
    for start in range(0, len(items), chunk_rows):
        rows = [bulk.encode_row(
            i.input, i.expected_output, i.context, i.metadata, i.tags, i.agent_args,
            i.rubric_vars, i.external_id,
        ) for i in items[start:start + chunk_rows]]
        errors += [
            {"loc": ["body", "items", start + n], "msg": message, "type": "item_too_large"}
            for n, row in enumerate(rows) if (message := bulk.oversize(row, max_bytes))
        ]
        if not errors:
            total, version = await bulk.insert_rows(db, organization_id, dataset_id, rows, version)
    if errors:
        await db.rollback()
        raise InvalidInput(errors)
    if version is not None:
        await versions.record(db, dataset_id, version, added=len(items))
    await db.commit()
    if not items:
        total = (await get_dataset(db, organization_id, dataset_id)).item_count
    return len(items), total


async def create_from_run(
    db: AsyncSession, organization_id: uuid.UUID, dataset_id: uuid.UUID, run_id: int,
    max_bytes: int,
) -> DatasetItem:
    """A production run as a test case: inputs -> input, result -> expected_output."""
    await get_dataset(db, organization_id, dataset_id)
    run = await runs_service.get_run(db, organization_id, run_id)
    if run.inputs is None:
        raise field_error("run_id", f"Run {run.number} has no inputs to use as the item's input.")
    # The organization's own run number, as the API shows it (the row id is internal).
    context = {"agent_name": run.agent_name, "workflow": run.workflow, "run_id": str(run.number)}
    body = ItemCreate(input=run.inputs, expected_output=run.result, context=context)
    return await create_item(
        db, organization_id, dataset_id, body, max_bytes=max_bytes, source_run_id=run.number,
        loc=["body", "run_id"],
    )
