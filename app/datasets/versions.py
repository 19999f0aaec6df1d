"""Dataset versions (issue 11.6): one version per change of the items, recorded cheaply.

An item belongs to versions [version_added, version_removed); an edit keeps the earlier
content as a revision row valid for [valid_from, valid_to); a removal only sets
version_removed (and archived_at). Nothing unchanged is ever copied, so a version costs one
small row however large the dataset, and version N is read back from these ranges.
Version 0 is the dataset before its first change (empty for a dataset created since).
"""

import uuid
from collections.abc import Mapping
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.datasets.service import get_dataset, has_all_tags, order_by
from app.errors import NotFound, field_error
from app.models import Dataset, DatasetItem, DatasetItemRevision, DatasetVersion
from app.models.base import utcnow

# The item columns an edit may change, kept by a revision (ORM attribute names).
CONTENT = ("input", "expected_output", "context", "metadata_", "tags", "agent_args", "rubric_vars")


async def bump(
    db: AsyncSession, organization_id: uuid.UUID, dataset_id: uuid.UUID, *, removed: int = 0
) -> int:
    """Open the next version of a change that adds nothing (an edit, a removal); returns it.

    The UPDATE serializes concurrent changes on the dataset row, as reserve_sort_orders does."""
    result = await db.execute(
        update(Dataset)
        .where(Dataset.id == dataset_id, Dataset.organization_id == organization_id)
        .values(version=Dataset.version + 1, item_count=Dataset.item_count - removed,
                updated_at=utcnow())
        .returning(Dataset.version)
        .execution_options(synchronize_session=False)
    )
    version = result.scalar_one_or_none()
    if version is None:
        raise NotFound("Dataset not found.")
    return version


async def record(
    db: AsyncSession, dataset_id: uuid.UUID, number: int, *, added: int = 0, updated: int = 0,
    removed: int = 0,
) -> None:
    """The version's row: its number, when, and what it changed."""
    await db.execute(insert(DatasetVersion).values(
        id=uuid.uuid4(), dataset_id=dataset_id, number=number, items_added=added,
        items_updated=updated, items_removed=removed, created_at=utcnow(),
    ))


async def keep_revision(db: AsyncSession, item: DatasetItem, version: int) -> None:
    """Store the item's content as it was before the edit that makes `version`.

    It was valid from the item's previous edit (or its addition) up to this version."""
    since = await db.scalar(
        select(func.max(DatasetItemRevision.valid_to)).where(DatasetItemRevision.item_id == item.id)
    )
    await db.execute(insert(DatasetItemRevision).values(
        id=uuid.uuid4(), item_id=item.id, dataset_id=item.dataset_id,
        valid_from=item.version_added if since is None else since, valid_to=version,
        created_at=utcnow(), **{name: getattr(item, name) for name in CONTENT},
    ))


def present_at(version: int) -> ColumnElement[bool]:
    """The item belongs to dataset version `version`."""
    return and_(
        DatasetItem.version_added <= version,
        or_(DatasetItem.version_removed.is_(None), DatasetItem.version_removed > version),
    )


async def list_versions(
    db: AsyncSession, organization_id: uuid.UUID, dataset_id: uuid.UUID, offset: int, limit: int
) -> tuple[int, list[DatasetVersion]]:
    """The dataset's versions, newest first."""
    dataset = await get_dataset(db, organization_id, dataset_id)
    where = DatasetVersion.dataset_id == dataset.id
    count = await db.scalar(select(func.count()).select_from(DatasetVersion).where(where))
    rows = await db.scalars(
        select(DatasetVersion).where(where).order_by(DatasetVersion.number.desc())
        .offset(offset).limit(limit)
    )
    return count or 0, list(rows)


async def items_at(
    db: AsyncSession, organization_id: uuid.UUID, dataset_id: uuid.UUID, version: int, *,
    sort: str, tags: list[str], offset: int, limit: int,
) -> tuple[int, list[Mapping[str, Any]]]:
    """The items as they were at `version`: an item edited since shows its revision's content
    (the one revision whose range holds the version), a removed item shows while present."""
    dataset = await get_dataset(db, organization_id, dataset_id)
    if version > dataset.version:
        raise field_error("version", f"Version {version} does not exist: this dataset's "
                          f"versions are 0 to {dataset.version}.", "query")
    rev = DatasetItemRevision
    joined = DatasetItem.__table__.outerjoin(rev, and_(
        rev.item_id == DatasetItem.id, rev.valid_from <= version, rev.valid_to > version,
    ))
    content = {
        name: case((rev.id.is_not(None), getattr(rev, name)), else_=getattr(DatasetItem, name))
        .label(name) for name in CONTENT
    }
    where = [DatasetItem.dataset_id == dataset.id, present_at(version)]
    if tags:
        where.append(has_all_tags(db, content["tags"], tags))
        count = await db.scalar(select(func.count()).select_from(joined).where(*where))
    else:  # from the versions' own counts: no scan of a large dataset's items
        count = dataset.item_count - (await db.scalar(
            select(func.sum(DatasetVersion.items_added - DatasetVersion.items_removed))
            .where(DatasetVersion.dataset_id == dataset.id, DatasetVersion.number > version)
        ) or 0)
    columns = [c for c in DatasetItem.__table__.c if c.key not in {"metadata", *CONTENT}]
    tiebreak = DatasetItem.id if sort.lstrip("-") == "sort_order" else DatasetItem.sort_order
    sorts = {"sort_order": DatasetItem.sort_order, "created_at": DatasetItem.created_at}
    result = await db.execute(
        select(*columns, *content.values()).select_from(joined).where(*where)
        .order_by(*order_by(sort, sorts, tiebreak)).offset(offset).limit(limit)
    )
    return count or 0, [row._mapping for row in result]


async def diff(db: AsyncSession, dataset_id: uuid.UUID, a: int, b: int) -> tuple[int, int]:
    """(items added, items removed) going from version `a` to version `b` of a dataset."""
    at_a, at_b = present_at(a), present_at(b)
    row = (await db.execute(
        select(
            func.count().filter(and_(at_b, ~at_a)),
            func.count().filter(and_(at_a, ~at_b)),
        ).where(DatasetItem.dataset_id == dataset_id, or_(at_a, at_b))
    )).one()
    return row[0], row[1]


async def compared(db: AsyncSession, experiments: list[Any]) -> tuple[dict[str, Any], list[str]]:
    """A comparison's `dataset_versions` block and its warnings: each experiment's dataset
    version and, against the first (the baseline) on the same dataset, the items added and
    removed between the two versions."""
    base, block, warnings = experiments[0], {}, []
    diffs: dict[int, tuple[int, int]] = {}
    for e in experiments:
        added = removed = 0
        if (e.dataset_id == base.dataset_id and None not in (e.dataset_version, base.dataset_version)
                and e.dataset_version != base.dataset_version):
            if e.dataset_version not in diffs:
                diffs[e.dataset_version] = await diff(
                    db, e.dataset_id, base.dataset_version, e.dataset_version
                )
            added, removed = diffs[e.dataset_version]
            warnings.append(
                f"{e.name!r} ran on version {e.dataset_version} of the dataset and the baseline "
                f"{base.name!r} on version {base.dataset_version}: {added} item(s) added and "
                f"{removed} removed between them, so the experiments did not see the same items."
            )
        block[str(e.id)] = {"dataset_id": e.dataset_id, "version": e.dataset_version,
                            "items_added": added, "items_removed": removed}
    return block, warnings
