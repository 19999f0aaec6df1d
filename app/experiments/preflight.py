"""Preflight: what would fail every run is a 422 at create and at start, not N failed runs.

A model (the target's, and every LLM judge's) must have its credential in the server's
environment: litellm lists what its provider needs, a registered model (EVALFORGE_MODELS)
names its own key variable. A model litellm cannot route, or one without a price, is a
warning on the experiment: the call may still work (a gateway, a local server), and the
circuit breaker stops the experiment at once if it does not. With a budget (max_cost), a
model without a price is a 422 instead: an unknown cost cannot be counted against it.

The start also estimates the cost (estimate()): what the start response and the experiment
report, and what a budget can be compared with before anything is spent.
"""

import asyncio
import json
import uuid
from typing import Any

from sqlalchemy import Text, cast, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app import llm
from app.errors import InvalidInput
from app.evaluators.graders.judge import SYSTEM_PROMPT
from app.llm.client import price_of
from app.models import DatasetItem, ExperimentRun

WHERE = "Set it there and restart them"


def _missing(field: list[str], model: str, missing: list[str]) -> dict[str, Any]:
    names = " or ".join(missing)
    verb = "is" if len(missing) == 1 else "are"
    return {"loc": ["body", *field],
            "msg": f"{names} {verb} not set in the server's environment (and the workers'): "
                   f"model {model!r} needs it. {WHERE}; a key never goes in a request.",
            "type": "missing_credentials", "ctx": {"variables": ", ".join(missing)}}


def _unpriced(field: list[str], model: str) -> dict[str, Any]:
    return {"loc": ["body", "config", "max_cost"],
            "msg": f"model {model!r} ({'.'.join(field[1:]) or field[0]}) has no known price, "
                   "so a budget (max_cost) cannot count its cost: set its price in "
                   "EVALFORGE_MODEL_PRICES (USD per token) or remove max_cost.",
            "type": "unpriced_model", "ctx": {"model": model}}


def _warnings(found: llm.Requirements, who: str) -> list[str]:
    if not found.routable:
        return [(f"{who}: litellm cannot tell the provider of model {found.name!r}; runs will "
                f"fail unless the name is right (e.g. openai/{found.model})")]
    if not found.priced:
        return [(f"{who}: model {found.name!r} has no known price; its cost is reported as "
                "unknown (set EVALFORGE_MODEL_PRICES to price it)")]
    return []


def _models(snapshot: dict[str, Any]) -> list[tuple[list[str], str, str]]:
    """(error location, model, who) of every model the experiment will call."""
    found = []
    if snapshot.get("target") == "model" and snapshot.get("model"):
        found.append((["config", "model"], snapshot["model"], "model"))
    for evaluator in snapshot.get("evaluators") or []:
        model = (evaluator.get("config") or {}).get("model")
        if evaluator.get("kind") == "llm_judge" and model:
            who = f"judge {evaluator.get('name')!r}"
            found.append((["evaluator_ids"], model, who))
    return found


async def check(snapshot: dict[str, Any]) -> list[str]:
    """Raise a 422 naming every missing credential; return the warnings. `snapshot` is what
    the engine would run (snapshot.build_snapshot)."""
    # An agent URL is checked at create (agent_http.check_config) and by the egress guard on
    # every call; not again at start, so an experiment stored before the guard existed still
    # starts and is refused run by run, its URL masked (docs/security.md).
    errors, warnings = [], []
    for field, model, who in _models(snapshot):
        # The first call imports litellm (seconds of CPU): off the event loop.
        found = await asyncio.to_thread(llm.check_model, model)
        if found.missing:
            errors.append(_missing(field, model, found.missing))
        if snapshot.get("max_cost") and not found.priced:
            errors.append(_unpriced(field, model))
        warnings += _warnings(found, who)
    if errors:
        raise InvalidInput(errors)
    return list(dict.fromkeys(warnings))


CHARS_PER_TOKEN = 4  # the usual rule of thumb for English text; no tokenizer at start
OUTPUT_TOKENS = 256  # an output allowance per call when the config sets no max_tokens


def _call_cost(model: str, chars_in: float, tokens_out: float) -> float | None:
    rates = price_of(model)
    if rates is None:
        return None
    return chars_in / CHARS_PER_TOKEN * rates[0] + tokens_out * rates[1]


def _estimate(snapshot: dict[str, Any], runs: int, input_chars: int, expected_chars: int
              ) -> float | None:
    """USD for `runs` runs of a model target whose items hold `input_chars` /
    `expected_chars` in all."""
    target_out = (snapshot.get("params") or {}).get("max_tokens") or OUTPUT_TOKENS
    prompt = snapshot.get("prompt") or {}
    template = len(json.dumps(prompt.get("messages") or prompt.get("template") or ""))
    total = _call_cost(snapshot["model"], runs * template + input_chars, runs * target_out)
    if total is None:
        return None
    for evaluator in snapshot.get("evaluators") or []:
        config = evaluator.get("config") or {}
        if evaluator.get("kind") != "llm_judge" or not config.get("model"):
            continue
        # Each graded run: system prompt, rubric, the item and an output of the allowance.
        fixed = len(SYSTEM_PROMPT) + len(config.get("rubric") or "") + target_out * CHARS_PER_TOKEN
        cost = _call_cost(config["model"], runs * fixed + input_chars + expected_chars,
                          runs * (config.get("max_tokens") or OUTPUT_TOKENS))
        if cost is None:
            return None
        total += cost
    return round(total, 6)


async def estimate(db: AsyncSession, experiment_id: uuid.UUID, snapshot: dict[str, Any]
                   ) -> float | None:
    """The experiment's cost in USD before it runs, over its created runs (items x
    repetitions): prompt tokens (template + item input, 4 characters a token) x input price,
    plus an output allowance (max_tokens, else OUTPUT_TOKENS) x output price, plus every LLM
    judge's share (its rubric, the item, the allowance). None when a price is unknown, and
    for an agent target (its cost is what it reports once it ran). A multi-turn item counts
    as one call. One aggregate query."""
    if snapshot.get("target") != "model":
        return None
    runs, input_chars, expected_chars = (await db.execute(
        select(func.count(), func.coalesce(func.sum(func.length(cast(DatasetItem.input, Text))), 0),
               func.coalesce(func.sum(func.length(cast(DatasetItem.expected_output, Text))), 0))
        .select_from(ExperimentRun)
        .join(DatasetItem, DatasetItem.id == ExperimentRun.dataset_item_id)
        .where(ExperimentRun.experiment_id == experiment_id))).one()
    # Price look-ups may search litellm's map (milliseconds each): off the event loop.
    return await asyncio.to_thread(_estimate, snapshot, int(runs), int(input_chars),
                                   int(expected_chars))
