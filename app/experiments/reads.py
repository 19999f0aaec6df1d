"""Reading experiments: the filtered, sorted listing with run counts (one grouped query per
page), and one experiment's detail with every run as plain rows."""

import uuid
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.errors import field_error
from app.experiments.schemas import RUN_STATUSES
from app.experiments.service import get
from app.models import Experiment, ExperimentRun

SORTS = {"created_at": Experiment.created_at, "name": Experiment.name, "status": Experiment.status}


def _filtered(
    organization_id: uuid.UUID, dataset_id: uuid.UUID | None, status: str | None, search: str | None
) -> Select:
    stmt = select(Experiment).where(Experiment.organization_id == organization_id)
    if dataset_id is not None:
        stmt = stmt.where(Experiment.dataset_id == dataset_id)
    if status is not None:
        stmt = stmt.where(Experiment.status == status)
    if search:
        escaped = search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        stmt = stmt.where(Experiment.name.ilike(f"%{escaped}%", escape="\\"))
    return stmt


async def list_experiments(
    db: AsyncSession,
    organization_id: uuid.UUID,
    *,
    dataset_id: uuid.UUID | None,
    status: str | None,
    search: str | None,
    sort: str,
    offset: int,
    limit: int,
) -> tuple[int, list[Experiment], dict[uuid.UUID, dict[str, int]]]:
    """A page of experiments and their run counts (one grouped query for the whole page)."""
    column = SORTS.get(sort.removeprefix("-"))
    if column is None:
        raise field_error(
            "sort", f"Sort by one of {', '.join(SORTS)} (prefix - for descending).", "query"
        )
    stmt = _filtered(organization_id, dataset_id, status, search)
    count = await db.scalar(select(func.count()).select_from(stmt.subquery()))
    order = column.desc() if sort.startswith("-") else column.asc()
    rows = list(await db.scalars(stmt.order_by(order, Experiment.id).offset(offset).limit(limit)))
    return count, rows, await run_counts(db, [row.id for row in rows])


async def run_counts(
    db: AsyncSession, experiment_ids: list[uuid.UUID]
) -> dict[uuid.UUID, dict[str, int]]:
    """{experiment_id: {total, pending, running, completed, failed, cancelled, skipped}}."""
    out = {i: dict.fromkeys(("total", *RUN_STATUSES), 0) for i in experiment_ids}
    if not experiment_ids:
        return out
    rows = await db.execute(
        select(ExperimentRun.experiment_id, ExperimentRun.status, func.count())
        .where(ExperimentRun.experiment_id.in_(experiment_ids))
        .group_by(ExperimentRun.experiment_id, ExperimentRun.status)
    )
    for experiment_id, status, n in rows:
        out[experiment_id][status] = out[experiment_id].get(status, 0) + n
        out[experiment_id]["total"] += n
    return out


RUN_COLUMNS = (
    ExperimentRun.id,
    ExperimentRun.dataset_item_id,
    ExperimentRun.sort_order,
    ExperimentRun.status,
    ExperimentRun.output,
    ExperimentRun.error,
    ExperimentRun.error_class,
    ExperimentRun.error_detail,
    ExperimentRun.latency_ms,
    ExperimentRun.tokens_in,
    ExperimentRun.tokens_out,
    ExperimentRun.cost,
    ExperimentRun.attempts,
    ExperimentRun.started_at,
    ExperimentRun.finished_at,
    ExperimentRun.repetition,
    ExperimentRun.attempt_history,
    ExperimentRun.tool_calls,
)


async def detail(
    db: AsyncSession, organization_id: uuid.UUID, experiment_id: uuid.UUID
) -> tuple[Experiment, list[dict[str, Any]], dict[str, int]]:
    """The experiment, every run (plain rows: no ORM objects, no message logs) and counts."""
    experiment = await get(db, organization_id, experiment_id)
    rows = await db.execute(
        select(*RUN_COLUMNS)
        .where(ExperimentRun.experiment_id == experiment.id)
        .order_by(ExperimentRun.sort_order, ExperimentRun.repetition, ExperimentRun.id)
    )
    runs = [dict(row._mapping) for row in rows]
    counts = (await run_counts(db, [experiment.id]))[experiment.id]
    return experiment, runs, counts
