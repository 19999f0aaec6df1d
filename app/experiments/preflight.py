"""Preflight: what would fail every run is a 422 at create and at start, not N failed runs.

A model (the target's, and every LLM judge's) must have its credential in the server's
environment: litellm lists what its provider needs, a registered model (EVALFORGE_MODELS)
names its own key variable. A model litellm cannot route, or one without a price, is a
warning on the experiment: the call may still work (a gateway, a local server), and the
circuit breaker stops the experiment at once if it does not.
"""

import asyncio
from typing import Any

from app import llm
from app.errors import InvalidInput

WHERE = "Set it there and restart them"


def _missing(field: list[str], model: str, missing: list[str]) -> dict[str, Any]:
    names = " or ".join(missing)
    verb = "is" if len(missing) == 1 else "are"
    return {"loc": ["body", *field],
            "msg": f"{names} {verb} not set in the server's environment (and the workers'): "
                   f"model {model!r} needs it. {WHERE}; a key never goes in a request.",
            "type": "missing_credentials", "ctx": {"variables": ", ".join(missing)}}


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
        warnings += _warnings(found, who)
    if errors:
        raise InvalidInput(errors)
    return list(dict.fromkeys(warnings))
