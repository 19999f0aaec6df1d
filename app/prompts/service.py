"""Prompts: immutable numbered versions per name, and labels that point at one version."""

import uuid
from typing import Any

from sqlalchemy import Select, delete, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from app.errors import InvalidInput, NotFound, field_error
from app.models import Prompt, PromptLabel, PromptVersion
from app.models.base import utcnow
from app.prompts.schemas import LATEST, PromptCreate

SORTS = {
    "name": Prompt.name,
    "created_at": Prompt.created_at,
    "updated_at": Prompt.updated_at,
    "latest_version": Prompt.latest_version,
}


def _insert(db: AsyncSession, model: type) -> Any:
    """INSERT with ON CONFLICT support; both dialects spell it the same way."""
    dialect = db.get_bind().dialect.name
    return (postgresql if dialect == "postgresql" else sqlite).insert(model)


def _check_body(body: PromptCreate) -> None:
    if body.template is None and body.messages is None:
        raise field_error("template", "Give a text `template` or chat `messages`.")
    if body.template is not None and body.messages is not None:
        raise field_error("messages", "Give either `template` or `messages`, not both.")
    if len(set(body.labels)) != len(body.labels):
        raise field_error("labels", "Labels must be unique.")


async def _get_or_create_prompt(
    db: AsyncSession, organization_id: uuid.UUID, name: str
) -> uuid.UUID:
    # ON CONFLICT DO NOTHING: a concurrent creator of the same name waits for the other
    # transaction, then both use the one row instead of one failing on the unique key.
    now = utcnow()
    await db.execute(
        _insert(db, Prompt)
        .values(
            id=uuid.uuid4(),
            organization_id=organization_id,
            name=name,
            latest_version=0,
            created_at=now,
            updated_at=now,
        )
        .on_conflict_do_nothing(index_elements=["organization_id", "name"])
    )
    return await db.scalar(
        select(Prompt.id).where(Prompt.organization_id == organization_id, Prompt.name == name)
    )


async def _next_version(db: AsyncSession, prompt_id: uuid.UUID) -> int:
    # The increment is one conditional statement: the row lock (PostgreSQL) or the write lock
    # (SQLite) serialises concurrent creates, so no two get the same number.
    stmt = (
        update(Prompt)
        .where(Prompt.id == prompt_id)
        .values(latest_version=Prompt.latest_version + 1, updated_at=utcnow())
        .returning(Prompt.latest_version)
        .execution_options(synchronize_session=False)
    )
    return (await db.execute(stmt)).scalar_one()


async def _point_labels(
    db: AsyncSession, prompt_id: uuid.UUID, labels: list[str], version: int
) -> None:
    if not labels:
        return
    now = utcnow()
    stmt = _insert(db, PromptLabel).values(
        [
            {
                "id": uuid.uuid4(),
                "prompt_id": prompt_id,
                "label": label,
                "version": version,
                "created_at": now,
                "updated_at": now,
            }
            for label in labels
        ]
    )
    await db.execute(
        stmt.on_conflict_do_update(
            index_elements=["prompt_id", "label"],
            set_={"version": stmt.excluded.version, "updated_at": stmt.excluded.updated_at},
        )
    )


async def create_version(
    db: AsyncSession, organization_id: uuid.UUID, body: PromptCreate
) -> tuple[PromptVersion, list[str]]:
    """Version 1 of a new name, or the next version of an existing one; commits."""
    _check_body(body)
    prompt_id = await _get_or_create_prompt(db, organization_id, body.name)
    number = await _next_version(db, prompt_id)
    row = PromptVersion(
        id=uuid.uuid4(),
        prompt_id=prompt_id,
        version=number,
        template=body.template,
        messages=[m.model_dump() for m in body.messages] if body.messages else None,
        config=body.config.model_dump(exclude_none=True),
        commit_message=body.commit_message,
        created_at=utcnow(),
    )
    db.add(row)
    await db.flush()
    await _point_labels(db, prompt_id, body.labels, number)
    await db.commit()
    return row, sorted(body.labels)


async def get_prompt(db: AsyncSession, organization_id: uuid.UUID, name: str) -> Prompt:
    prompt = await db.scalar(
        select(Prompt).where(Prompt.organization_id == organization_id, Prompt.name == name)
    )
    if prompt is None or prompt.latest_version == 0:
        raise NotFound(f"Prompt {name!r} not found.")
    return prompt


async def _label_version(db: AsyncSession, prompt: Prompt, label: str) -> int:
    version = await db.scalar(
        select(PromptLabel.version).where(
            PromptLabel.prompt_id == prompt.id, PromptLabel.label == label
        )
    )
    if version is None:
        raise NotFound(f"Prompt {prompt.name!r} has no label {label!r}.")
    return version


async def resolve_version(
    db: AsyncSession,
    organization_id: uuid.UUID,
    name: str,
    *,
    version: int | None = None,
    label: str | None = None,
) -> PromptVersion:
    """The version asked for by number or label; the latest when neither (or label 'latest')."""
    if version is not None and label is not None:
        raise InvalidInput("Give a prompt version or a label, not both.")
    prompt = await get_prompt(db, organization_id, name)
    if label is not None and label != LATEST:
        version = await _label_version(db, prompt, label)
    number = prompt.latest_version if version is None else version
    row = await db.scalar(
        select(PromptVersion).where(
            PromptVersion.prompt_id == prompt.id, PromptVersion.version == number
        )
    )
    if row is None:
        raise NotFound(f"Prompt {name!r} has no version {number}.")
    return row


def snapshot(prompt_name: str, version: PromptVersion) -> dict[str, Any]:
    """The prompt as an experiment freezes it at start (plain JSON)."""
    return {
        "prompt_name": prompt_name,
        "version": version.version,
        "template": version.template,
        "messages": [dict(m) for m in version.messages] if version.messages is not None else None,
        "config": dict(version.config or {}),
    }


async def labels_by_version(
    db: AsyncSession, prompt_ids: list[uuid.UUID]
) -> dict[tuple, list[str]]:
    """{(prompt_id, version): sorted labels} for the given prompts, in one query."""
    rows = await db.execute(
        select(PromptLabel.prompt_id, PromptLabel.version, PromptLabel.label)
        .where(PromptLabel.prompt_id.in_(prompt_ids))
        .order_by(PromptLabel.label)
    )
    out: dict[tuple, list[str]] = {}
    for prompt_id, version, label in rows:
        out.setdefault((prompt_id, version), []).append(label)
    return out


async def list_versions(
    db: AsyncSession, organization_id: uuid.UUID, name: str, offset: int, limit: int
) -> tuple[Prompt, int, list[PromptVersion]]:
    """Versions of one prompt, newest first."""
    prompt = await get_prompt(db, organization_id, name)
    rows = await db.scalars(
        select(PromptVersion)
        .where(PromptVersion.prompt_id == prompt.id)
        .order_by(PromptVersion.version.desc())
        .offset(offset)
        .limit(limit)
    )
    return prompt, prompt.latest_version, list(rows)


def _filtered(organization_id: uuid.UUID, search: str | None) -> Select:
    stmt = select(Prompt).where(
        Prompt.organization_id == organization_id, Prompt.latest_version > 0
    )
    if search:
        escaped = search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        stmt = stmt.where(Prompt.name.ilike(f"%{escaped}%", escape="\\"))
    return stmt


async def list_prompts(
    db: AsyncSession,
    organization_id: uuid.UUID,
    *,
    search: str | None,
    sort: str,
    offset: int,
    limit: int,
) -> tuple[int, list[Prompt]]:
    """One row per name, filtered by a case-insensitive name search."""
    column = SORTS.get(sort.lstrip("-"))
    if column is None:
        raise field_error("sort", f"Sort by one of {', '.join(sorted(SORTS))}.", loc_root="query")
    stmt = _filtered(organization_id, search)
    count = await db.scalar(select(func.count()).select_from(stmt.subquery()))
    order = column.desc() if sort.startswith("-") else column.asc()
    rows = await db.scalars(stmt.order_by(order, Prompt.id).offset(offset).limit(limit))
    return count, list(rows)


async def set_label(
    db: AsyncSession, organization_id: uuid.UUID, name: str, label: str, version: int
) -> int | None:
    """Point `label` at `version` (promotion); returns where it pointed before. Commits."""
    prompt = await get_prompt(db, organization_id, name)
    exists = await db.scalar(
        select(PromptVersion.id).where(
            PromptVersion.prompt_id == prompt.id, PromptVersion.version == version
        )
    )
    if exists is None:
        raise field_error("version", f"Prompt {name!r} has no version {version}.")
    previous = await db.scalar(
        select(PromptLabel.version).where(
            PromptLabel.prompt_id == prompt.id, PromptLabel.label == label
        )
    )
    await _point_labels(db, prompt.id, [label], version)
    await db.commit()
    return previous


async def delete_label(db: AsyncSession, organization_id: uuid.UUID, name: str, label: str) -> None:
    """Remove a label; 404 when the prompt or the label does not exist. Commits."""
    prompt = await get_prompt(db, organization_id, name)
    result = await db.execute(
        delete(PromptLabel).where(PromptLabel.prompt_id == prompt.id, PromptLabel.label == label)
    )
    if result.rowcount == 0:
        raise NotFound(f"Prompt {name!r} has no label {label!r}.")
    await db.commit()
