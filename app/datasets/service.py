"""Datasets: queries, rules and transactions. Items live in items.py."""

import json
import uuid
from typing import Any

from sqlalchemy import ColumnElement, and_, cast, delete, exists, func, literal, or_, select, update
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from app.datasets.schemas import DatasetCreate, DatasetUpdate
from app.errors import Conflict, NotFound
from app.models import Dataset, DatasetItem, DatasetItemRevision, DatasetVersion
from app.models.base import utcnow

DATASET_SORTS = {
    "name": Dataset.name,
    "created_at": Dataset.created_at,
    "updated_at": Dataset.updated_at,
    "item_count": Dataset.item_count,
}


def dialect_name(db: AsyncSession) -> str:
    return db.get_bind().dialect.name


def split_tags(tags: str | None) -> list[str]:
    return [t.strip() for t in (tags or "").split(",") if t.strip()]


def has_all_tags(db: AsyncSession, column: Any, tags: list[str]) -> ColumnElement[bool]:
    """True when the JSON list in `column` holds every tag (tags are matched exactly)."""
    if dialect_name(db) == "postgresql":
        # The column is portable JSON; jsonb containment does the ALL-match in one operator.
        return cast(column, JSONB).op("@>")(cast(literal(json.dumps(tags)), JSONB))
    clauses = []
    for tag in tags:
        each = func.json_each(column).table_valued("value")
        clauses.append(exists(select(literal(1)).select_from(each).where(each.c.value == tag)))
    return and_(*clauses)


def order_by(sort: str, columns: dict[str, Any], tiebreak: Any) -> list[Any]:
    """`name` or `-name` -> ORDER BY clauses; an unknown field is refused by the router."""
    column = columns[sort.lstrip("-")]
    if sort.startswith("-"):
        return [column.desc(), tiebreak.desc()]
    return [column.asc(), tiebreak.asc()]


def current_item() -> ColumnElement[bool]:
    """Items of the dataset's current version: every removal is soft (versions stay readable)."""
    return DatasetItem.version_removed.is_(None)


async def get_dataset(db: AsyncSession, organization_id: uuid.UUID, dataset_id: uuid.UUID) -> Dataset:
    dataset = await db.scalar(
        select(Dataset).where(Dataset.id == dataset_id, Dataset.organization_id == organization_id)
    )
    if dataset is None:
        raise NotFound("Dataset not found.")
    return dataset


async def _name_taken(
    db: AsyncSession, organization_id: uuid.UUID, name: str, exclude: uuid.UUID | None = None
) -> bool:
    query = select(Dataset.id).where(Dataset.organization_id == organization_id, Dataset.name == name)
    if exclude is not None:
        query = query.where(Dataset.id != exclude)
    return await db.scalar(query) is not None


def _name_conflict(name: str) -> Conflict:
    return Conflict(f"A dataset named {name!r} already exists in this organization.")


async def _commit_unique(db: AsyncSession, name: str) -> None:
    # The pre-check gives the friendly answer; the unique constraint settles a race.
    try:
        await db.commit()
    except IntegrityError as exc:
        await db.rollback()
        raise _name_conflict(name) from exc


async def create_dataset(db: AsyncSession, organization_id: uuid.UUID, body: DatasetCreate) -> Dataset:
    if await _name_taken(db, organization_id, body.name):
        raise _name_conflict(body.name)
    dataset = Dataset(
        organization_id=organization_id, name=body.name, description=body.description,
        tags=body.tags, metadata_=body.metadata, item_count=0, next_sort_order=0,
    )
    db.add(dataset)
    await _commit_unique(db, body.name)
    return dataset


async def update_dataset(
    db: AsyncSession, organization_id: uuid.UUID, dataset_id: uuid.UUID, body: DatasetUpdate
) -> Dataset:
    dataset = await get_dataset(db, organization_id, dataset_id)
    changes = body.model_dump(exclude_unset=True)
    if "name" in changes and await _name_taken(db, organization_id, changes["name"], dataset.id):
        raise _name_conflict(changes["name"])
    for field, value in changes.items():
        setattr(dataset, "metadata_" if field == "metadata" else field, value)
    dataset.updated_at = utcnow()
    await _commit_unique(db, dataset.name)
    return dataset


async def delete_dataset(db: AsyncSession, organization_id: uuid.UUID, dataset_id: uuid.UUID) -> None:
    dataset = await get_dataset(db, organization_id, dataset_id)
    # Explicit, so the items go even where a database was created without cascading keys.
    for table in (DatasetItemRevision, DatasetVersion, DatasetItem):
        await db.execute(delete(table).where(table.dataset_id == dataset.id))
    await db.execute(delete(Dataset).where(Dataset.id == dataset.id))
    await db.commit()


async def list_datasets(
    db: AsyncSession, organization_id: uuid.UUID, *, search: str | None, tags: list[str],
    sort: str, offset: int, limit: int,
) -> tuple[int, list[Dataset]]:
    where = [Dataset.organization_id == organization_id]
    if search:
        term = search.lower()
        where.append(or_(
            func.lower(Dataset.name).contains(term, autoescape=True),
            func.lower(Dataset.description).contains(term, autoescape=True),
        ))
    if tags:
        where.append(has_all_tags(db, Dataset.tags, tags))
    count = await db.scalar(select(func.count()).select_from(Dataset).where(*where))
    rows = await db.scalars(
        select(Dataset).where(*where).order_by(*order_by(sort, DATASET_SORTS, Dataset.id))
        .offset(offset).limit(limit)
    )
    return count or 0, list(rows)


async def recent_items(db: AsyncSession, dataset_id: uuid.UUID, limit: int = 10) -> list[DatasetItem]:
    rows = await db.scalars(
        select(DatasetItem).where(DatasetItem.dataset_id == dataset_id, current_item())
        .order_by(DatasetItem.created_at.desc(), DatasetItem.sort_order.desc()).limit(limit)
    )
    return list(rows)


async def reserve_sort_orders(
    db: AsyncSession, organization_id: uuid.UUID, dataset_id: uuid.UUID, n: int,
    *, at_least: int | None = None, new_version: bool = True,
) -> tuple[int, int, int]:
    """Count `n` new items; returns (the first sort_order handed to them, the new item count,
    the dataset version they belong to).

    One conditional UPDATE ... RETURNING: concurrent inserts serialize on the dataset row, so
    two imports never share a sort_order or a version and the counter never needs a COUNT(*).
    `at_least` moves the counter past an explicit sort_order chosen by the caller;
    `new_version` opens the change's version (the later chunks of one import join it).
    """
    new_next = Dataset.next_sort_order + n
    if at_least is not None:
        new_next = func.max(new_next, at_least + 1) if dialect_name(db) == "sqlite" else func.greatest(
            new_next, at_least + 1
        )
    result = await db.execute(
        update(Dataset)
        .where(Dataset.id == dataset_id, Dataset.organization_id == organization_id)
        .values(next_sort_order=new_next, item_count=Dataset.item_count + n, updated_at=utcnow(),
                version=Dataset.version + int(new_version))
        .returning(Dataset.next_sort_order, Dataset.item_count, Dataset.version)
        .execution_options(synchronize_session=False)
    )
    row = result.one_or_none()
    if row is None:
        raise NotFound("Dataset not found.")
    return (row[0] - n if at_least is None else at_least), row[1], row[2]


async def item_total(db: AsyncSession, dataset_id: uuid.UUID) -> int:
    return await db.scalar(select(Dataset.item_count).where(Dataset.id == dataset_id)) or 0
