"""An experiment's config resolved: checked at create, frozen into the snapshot at start.

The snapshot is plain JSON stored on the experiment, so later edits of the prompt, its
labels or the evaluators never change what a started experiment runs.
"""

import uuid
from collections.abc import AsyncIterator
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from app import netguard
from app.config import Settings
from app.errors import InvalidInput, NotFound
from app.evaluators import service as evaluators_service
from app.evaluators.graders import missing_rubric_variables
from app.experiments.model_params import merged_params
from app.models import DatasetItem, Prompt
from app.prompts import service as prompts_service
from app.prompts.rendering import missing_variables

ITEM_PAGE = 1000
MAX_ITEM_ERRORS = 10


def config_error(field: str, message: str, **ctx: Any) -> InvalidInput:
    entry: dict[str, Any] = {
        "loc": ["body", "config", field],
        "msg": message,
        "type": "value_error",
    }
    if ctx:
        entry["ctx"] = ctx
    return InvalidInput([entry])


def redact_headers(config: dict[str, Any] | None) -> dict[str, Any] | None:
    """A config or snapshot for display: agent header values (tokens, keys) and any
    credentials in the agent URL (experiments older than the rule refusing them) hidden."""
    agent = (config or {}).get("agent")
    if not agent:
        return config
    shown = {**agent, "url": netguard.without_userinfo(agent.get("url") or "")}
    if agent.get("headers"):
        shown["headers"] = {name: "***" for name in agent["headers"]}
    return {**config, "agent": shown}


async def resolve_prompt(
    db: AsyncSession, organization_id: uuid.UUID, config: dict[str, Any]
) -> dict[str, Any] | None:
    """The prompt snapshot the config points at, or None; 422 naming the field otherwise."""
    name, label = config.get("prompt_name"), config.get("prompt_label")
    version = config.get("prompt_version")
    if name is None:
        if label is not None or version is not None:
            field = "prompt_label" if label is not None else "prompt_version"
            raise config_error("prompt_name", f"prompt_name is required with {field}.")
        return None
    if label is not None and version is not None:
        raise config_error("prompt_version", "Give prompt_label or prompt_version, not both.")
    exists = await db.scalar(
        select(Prompt.id).where(Prompt.organization_id == organization_id, Prompt.name == name)
    )
    try:
        if exists is None:
            raise NotFound(f"Prompt {name!r} not found.")
        row = await prompts_service.resolve_version(
            db, organization_id, name, version=version, label=label
        )
    except NotFound as exc:
        field = "prompt_name" if exists is None else "prompt_version" if version else "prompt_label"
        raise config_error(field, str(exc.detail)) from None
    return prompts_service.snapshot(name, row)


async def evaluator_snapshots(
    db: AsyncSession, organization_id: uuid.UUID, ids: list[uuid.UUID]
) -> list[dict[str, Any]]:
    """Snapshots in the order asked for; get_many answers 422 naming unknown ids."""
    if not ids:
        return []
    rows = await evaluators_service.get_many(db, organization_id, ids)
    by_id = {row.id: row for row in rows}
    return [evaluators_service.snapshot(by_id[i]) for i in ids if i in by_id]


def build_snapshot(
    config: dict[str, Any],
    prompt: dict[str, Any] | None,
    evaluators: list[dict[str, Any]],
    settings: Settings,
) -> dict[str, Any]:
    """The engine's whole instruction set for one experiment; 422 when no model is known or
    a parameter (of the experiment or of its prompt version) is not a model parameter."""
    prompt_config = (prompt or {}).get("config") or {}
    # Prompt-version settings are defaults; the experiment's own config wins.
    params = merged_params(config, prompt)
    agent = config.get("agent")
    model = None
    if agent is None:
        model = config.get("model") or prompt_config.get("model")
        if not model:
            raise config_error(
                "model", "model is required (in config or in the prompt version's config)."
            )
    return {
        "target": "agent" if agent else "model",
        "model": model,
        "params": params,
        "prompt": prompt,
        "agent": {
            "url": agent["url"],
            "headers": dict(agent.get("headers") or {}),
            # Experiments created before the maximum existed are clamped, not refused.
            "timeout_s": min(
                agent.get("timeout_s") or settings.llm_timeout_s, settings.agent_max_timeout_s
            ),
        }
        if agent
        else None,
        "evaluators": evaluators,
        "max_concurrency": config.get("max_concurrency") or settings.max_concurrency,
        # Issue 11: execution options.
        "repetitions": config.get("repetitions") or 1,
        "cache": bool(config.get("cache")),
        "max_cost": config.get("max_cost"),
        # Issue 12: tools offered to a model target; None when it has none.
        "tools": {
            "tools": config["tools"],
            "tool_choice": config.get("tool_choice"),
            "tool_results": config.get("tool_results") or {},
            "max_steps": config.get("max_steps") or 5,
        }
        if config.get("tools")
        else None,
    }


ITEM_COLUMNS = (
    DatasetItem.id,
    DatasetItem.sort_order,
    DatasetItem.input,
    DatasetItem.expected_output,
    DatasetItem.context,
    DatasetItem.metadata_.label("metadata"),
    DatasetItem.tags,
    DatasetItem.agent_args,
    DatasetItem.rubric_vars,
)


async def _item_pages(
    db: AsyncSession, dataset_id: uuid.UUID, columns: tuple
) -> AsyncIterator[list[Any]]:
    """Every current item of a dataset (archived ones left out) in dataset order, a page at a
    time (keyset, never all at once)."""
    last: tuple[int, uuid.UUID] | None = None
    while True:
        stmt = (
            select(*columns)
            .where(DatasetItem.dataset_id == dataset_id, DatasetItem.version_removed.is_(None))
            .order_by(DatasetItem.sort_order, DatasetItem.id)
            .limit(ITEM_PAGE)
        )
        if last is not None:
            stmt = stmt.where(
                or_(
                    DatasetItem.sort_order > last[0],
                    and_(DatasetItem.sort_order == last[0], DatasetItem.id > last[1]),
                )
            )
        # Plain rows, not ORM objects: nothing piles up in the session's identity map.
        page = list(await db.execute(stmt))
        if not page:
            return
        yield page
        last = (page[-1].sort_order, page[-1].id)


def item_dict(item: Any) -> dict[str, Any]:
    """The item (a row of ITEM_COLUMNS) as graders receive it."""
    return {
        "id": str(item.id),
        "input": item.input,
        "expected_output": item.expected_output,
        "context": item.context,
        "metadata": item.metadata,
        "tags": item.tags,
        "agent_args": item.agent_args,
        "rubric_vars": item.rubric_vars,
    }


class _PromptCheck:
    """prompts.rendering.missing_variables, once per input shape: an object input's answer
    depends only on its keys, any other input's on nothing, so a million items with the
    same keys cost one check."""

    def __init__(self, prompt: dict[str, Any] | None) -> None:
        self.prompt = prompt
        self.cache: dict[Any, list[str]] = {}

    def __call__(self, item_input: Any) -> list[str]:
        if not self.prompt:
            return []
        shape = frozenset(item_input) if isinstance(item_input, dict) else None
        if shape not in self.cache:
            self.cache[shape] = missing_variables(self.prompt, item_input)
        return self.cache[shape]


def _item_errors(
    item: Any, prompt_check: _PromptCheck, judges: list[tuple[int, dict[str, Any]]]
) -> list[dict[str, Any]]:
    errors = []
    where = f"dataset item {item.id} (sort_order {item.sort_order})"
    names = prompt_check(item.input)
    if names:
        errors.append(
            {
                "loc": ["body", "config", "prompt_name"],
                "msg": f"Prompt variable(s) {', '.join(names)} missing for {where}.",
                "type": "value_error",
                "ctx": {"variables": names, "dataset_item_id": str(item.id)},
            }
        )
    for index, judge in judges:
        names = missing_rubric_variables(judge, item_dict(item))
        if names:
            errors.append(
                {
                    "loc": ["body", "evaluator_ids", index],
                    "msg": f"Rubric variable(s) {', '.join(names)} of evaluator "
                    f"{judge['name']!r} missing for {where}.",
                    "type": "value_error",
                    "ctx": {"variables": names, "dataset_item_id": str(item.id)},
                }
            )
    return errors


async def check_items(
    db: AsyncSession,
    dataset_id: uuid.UUID,
    prompt: dict[str, Any] | None,
    evaluators: list[dict[str, Any]],
) -> None:
    """422 naming the variable and the item when any item cannot fill the prompt or a rubric."""
    judges = [(i, ev) for i, ev in enumerate(evaluators) if ev.get("kind") == "llm_judge"]
    if prompt is None and not judges:
        return
    # Without judges only the input matters: leave the other JSON columns undecoded.
    columns = ITEM_COLUMNS if judges else ITEM_COLUMNS[:3]
    prompt_check = _PromptCheck(prompt)
    errors: list[dict[str, Any]] = []
    async for page in _item_pages(db, dataset_id, columns):
        for item in page:
            errors.extend(_item_errors(item, prompt_check, judges))
        if errors:  # one page of evidence is enough; do not scan a million items for more
            raise InvalidInput(errors[:MAX_ITEM_ERRORS])
