"""A dataset's pinned baseline experiment: what compare and verdicts measure against."""

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from app.datasets.service import get_dataset
from app.errors import Conflict, NotFound, field_error
from app.models import DatasetBaseline, Experiment
from app.models.base import utcnow


async def pinned(
    db: AsyncSession, organization_id: uuid.UUID, dataset_id: uuid.UUID
) -> uuid.UUID | None:
    return await db.scalar(
        select(DatasetBaseline.experiment_id).where(
            DatasetBaseline.dataset_id == dataset_id,
            DatasetBaseline.organization_id == organization_id,
        )
    )


def _read(row: DatasetBaseline) -> dict[str, Any]:
    return {
        "dataset_id": row.dataset_id,
        "experiment_id": row.experiment_id,
        "updated_at": row.updated_at,
    }


async def get(db: AsyncSession, organization_id: uuid.UUID, dataset_id: uuid.UUID) -> dict:
    """The pinned baseline; 404 when the dataset has none (or is another organization's)."""
    await get_dataset(db, organization_id, dataset_id)
    row = await db.get(DatasetBaseline, dataset_id)
    if row is None or row.organization_id != organization_id:
        raise NotFound("This dataset has no pinned baseline.")
    return _read(row)


async def pin(
    db: AsyncSession, organization_id: uuid.UUID, dataset_id: uuid.UUID, experiment_id: uuid.UUID
) -> dict:
    """Pin (or move) the baseline: an experiment of this organization on this dataset."""
    await get_dataset(db, organization_id, dataset_id)
    experiment = await db.scalar(
        select(Experiment).where(
            Experiment.id == experiment_id, Experiment.organization_id == organization_id
        )
    )
    if experiment is None:
        raise field_error("experiment_id", "Experiment not found.")
    if experiment.dataset_id != dataset_id:
        raise field_error("experiment_id", "The baseline must be an experiment on this dataset.")
    for _ in range(2):  # a concurrent first pin of the same dataset: the second one updates
        row = await db.get(DatasetBaseline, dataset_id)
        if row is None:
            row = DatasetBaseline(dataset_id=dataset_id, organization_id=organization_id)
            db.add(row)
        row.experiment_id, row.updated_at = experiment_id, utcnow()
        try:
            await db.commit()
            return _read(row)
        except IntegrityError:
            await db.rollback()
    raise Conflict("The baseline changed concurrently; try again.")
