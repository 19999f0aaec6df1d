"""Evaluator rules and queries; every query is scoped to the caller's organization."""

import uuid
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from app.errors import Conflict, InvalidInput, NotFound, field_error
from app.evaluators import versions
from app.evaluators.graders import check_kind, data_type_for, validate_config
from app.evaluators.schemas import EvaluatorCreate, EvaluatorUpdate
from app.models import Evaluator

PAIRWISE_KINDS = ("pairwise_judge",)
SORTABLE = {"name", "kind", "created_at", "updated_at"}
DEFAULT_SORT = "-created_at"


async def get(db: AsyncSession, organization_id: uuid.UUID, evaluator_id: uuid.UUID) -> Evaluator:
    evaluator = await db.scalar(
        select(Evaluator).where(
            Evaluator.id == evaluator_id, Evaluator.organization_id == organization_id
        )
    )
    if evaluator is None:
        raise NotFound("Evaluator not found.")
    return evaluator


async def get_many(
    db: AsyncSession, organization_id: uuid.UUID, ids: list[uuid.UUID]
) -> list[Evaluator]:
    """The evaluators in the order asked (duplicates dropped); 422 naming any unknown id."""
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return []
    rows = await db.scalars(
        select(Evaluator).where(
            Evaluator.organization_id == organization_id, Evaluator.id.in_(wanted)
        )
    )
    found = {row.id: row for row in rows}
    unknown = [str(i) for i in wanted if i not in found]
    if unknown:
        raise field_error("evaluator_ids", f"unknown evaluator ids: {', '.join(unknown)}")
    pairwise = [found[i].name for i in wanted if found[i].kind in PAIRWISE_KINDS]
    if pairwise:  # it judges two experiments side by side, not one output
        raise field_error(
            "evaluator_ids",
            f"pairwise judges grade two experiments, not one: {', '.join(pairwise)}; "
            "use POST /experiments/compare/pairwise/",
        )
    return [found[i] for i in wanted]


def snapshot(evaluator: Evaluator) -> dict:
    return {
        "id": str(evaluator.id),
        "name": evaluator.name,
        "kind": evaluator.kind,
        "config": dict(evaluator.config),
        "score_name": evaluator.score_name,
        "data_type": evaluator.data_type,
        # Every score written from this snapshot records it (score.evaluator_version).
        "version": versions.content_hash(evaluator.kind, evaluator.config),
    }


async def list_page(
    db: AsyncSession,
    organization_id: uuid.UUID,
    *,
    offset: int,
    limit: int,
    search: str | None = None,
    kinds: list[str] | None = None,
    sort: str | None = None,
) -> tuple[int, list[Evaluator]]:
    query = select(Evaluator).where(Evaluator.organization_id == organization_id)
    if search:
        term = search.lower()
        query = query.where(
            or_(
                func.lower(Evaluator.name).contains(term, autoescape=True),
                func.lower(Evaluator.description).contains(term, autoescape=True),
            )
        )
    if kinds:
        for kind in kinds:
            _check_kind_param(kind)
        query = query.where(Evaluator.kind.in_(kinds))
    count = await db.scalar(select(func.count()).select_from(query.subquery()))
    rows = await db.scalars(
        query.order_by(*_order(sort or DEFAULT_SORT)).offset(offset).limit(limit)
    )
    return count or 0, list(rows)


def _check_kind_param(kind: str) -> None:
    try:
        check_kind(kind)
    except InvalidInput as exc:
        raise InvalidInput([{**exc.detail[0], "loc": ["query", "kind"]}]) from None


def _order(sort: str) -> list[Any]:
    field = sort.removeprefix("-")
    if field not in SORTABLE:
        raise field_error(
            "sort", f"cannot sort by {field!r}; use one of {', '.join(sorted(SORTABLE))}", "query"
        )
    column = getattr(Evaluator, field)
    # id breaks ties so pages never overlap or skip rows.
    return (
        [column.desc(), Evaluator.id.desc()]
        if sort.startswith("-")
        else [column.asc(), Evaluator.id.asc()]
    )


async def _ensure_name_free(
    db: AsyncSession, organization_id: uuid.UUID, name: str, exclude: uuid.UUID | None = None
) -> None:
    query = select(Evaluator.id).where(
        Evaluator.organization_id == organization_id, Evaluator.name == name
    )
    if exclude is not None:
        query = query.where(Evaluator.id != exclude)
    if await db.scalar(query) is not None:
        raise Conflict(f"An evaluator named {name!r} already exists.")


async def _commit(db: AsyncSession, name: str) -> None:
    try:
        await db.commit()
    except IntegrityError:  # two concurrent creates with one name: the unique key decides
        await db.rollback()
        raise Conflict(f"An evaluator named {name!r} already exists.") from None


async def create(db: AsyncSession, organization_id: uuid.UUID, data: EvaluatorCreate) -> Evaluator:
    config = validate_config(data.kind, data.config)
    await _ensure_name_free(db, organization_id, data.name)
    evaluator = Evaluator(
        organization_id=organization_id,
        name=data.name,
        kind=data.kind,
        config=config,
        score_name=data.score_name or data.name,
        data_type=data_type_for(data.kind, config),
        description=data.description,
    )
    db.add(evaluator)
    await db.flush()  # the id, for its first version
    await versions.record(db, evaluator)
    await _commit(db, data.name)
    return evaluator


async def update(
    db: AsyncSession, organization_id: uuid.UUID, evaluator_id: uuid.UUID, data: EvaluatorUpdate
) -> Evaluator:
    evaluator = await get(db, organization_id, evaluator_id)
    kind = data.kind or evaluator.kind
    config = validate_config(kind, data.config if data.config is not None else evaluator.config)
    if data.name is not None and data.name != evaluator.name:
        await _ensure_name_free(db, organization_id, data.name, exclude=evaluator.id)
        evaluator.name = data.name
    if data.score_name is not None:
        evaluator.score_name = data.score_name
    if data.description is not None:
        evaluator.description = data.description
    evaluator.kind, evaluator.config = kind, config
    evaluator.data_type = data_type_for(kind, config)
    await versions.record(db, evaluator)
    await _commit(db, evaluator.name)
    return evaluator


async def version_history(
    db: AsyncSession, organization_id: uuid.UUID, evaluator_id: uuid.UUID
) -> list:
    """Every version the evaluator has had, oldest first (the current one recorded if new)."""
    evaluator = await get(db, organization_id, evaluator_id)
    await versions.record(db, evaluator)  # an evaluator from before versions were kept
    await db.commit()
    return await versions.list_versions(db, evaluator.id)


async def delete(db: AsyncSession, organization_id: uuid.UUID, evaluator_id: uuid.UUID) -> None:
    evaluator = await get(db, organization_id, evaluator_id)
    await db.delete(evaluator)
    await db.commit()
