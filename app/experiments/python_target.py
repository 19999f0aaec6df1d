"""The suite runner's `python` target: a factory `path/to/file.py:function` in this process.

Only `evalforge run` reaches it. The REST API has no way to name it (ExperimentConfig refuses
unknown keys: an API client naming a Python file would be remote code execution). The
embedded runner loads the factory, registers it here under an unguessable model name, and
creates its experiment with that name; `targets.run_target` asks `claim()` first. A server
process never registers anything, so there the name is just an unknown model.

The factory receives the sample (`sample.input`, `sample.agent_args`, ...) and returns the
agent: a function or coroutine function called with each user turn, or an object whose
`respond` method is. A reply is text, or an object whose "output" is the reply (and may carry
`tokens_in`, `tokens_out`, `cost`). Sync code runs on a worker thread, never on the loop.
"""

import asyncio
import importlib.util
import inspect
import secrets
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PREFIX = "python-factory:"
_registered: dict[str, Callable[..., Any]] = {}


class FactoryError(Exception):
    """The factory reference cannot be loaded (message names the file and function)."""


@dataclass
class Sample:
    """What a factory receives (the letta-evals Sample's fields)."""

    id: str
    input: Any
    ground_truth: Any = None
    agent_args: dict = field(default_factory=dict)
    rubric_vars: dict = field(default_factory=dict)
    metadata: dict = field(default_factory=dict)
    tags: list = field(default_factory=list)


def load_factory(reference: str, base: Path) -> Callable[..., Any]:
    """`file.py:function`, the file relative to `base`; FactoryError naming what is missing."""
    path_text, sep, name = reference.rpartition(":")
    if not sep or not path_text.endswith(".py") or not name.isidentifier():
        raise FactoryError(f"{reference!r}: expected path/to/file.py:function")
    path = (base / path_text).resolve()
    if not path.is_file():
        raise FactoryError(f"{reference!r}: file {path_text} not found")
    module_name = f"evalforge_suite_{path.stem}_{secrets.token_hex(4)}"
    spec = importlib.util.spec_from_file_location(module_name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module  # dataclasses and pickling look modules up here
    try:
        spec.loader.exec_module(module)
    except Exception as exc:
        raise FactoryError(f"{reference!r}: importing {path_text} failed: {exc!r}") from exc
    factory = getattr(module, name, None)
    if not callable(factory):
        raise FactoryError(f"{reference!r}: {path_text} has no function {name}")
    return factory


def register(factory: Callable[..., Any]) -> str:
    """The model name under which this process's engine runs `factory`."""
    key = PREFIX + secrets.token_urlsafe(18)
    _registered[key] = factory
    return key


def unregister(key: str) -> None:
    _registered.pop(key, None)


def claim(snapshot: dict) -> Callable[..., Any] | None:
    """The registered factory this snapshot's model names, if this process registered one."""
    model = snapshot.get("model")
    return _registered.get(model) if isinstance(model, str) else None


async def _call(function: Callable[..., Any], *args: Any) -> Any:
    if inspect.iscoroutinefunction(function):
        return await function(*args)
    value = await asyncio.to_thread(function, *args)
    return await value if inspect.isawaitable(value) else value


def sample_of(item: dict) -> Sample:
    return Sample(
        id=str(item.get("id")),
        input=item.get("input"),
        ground_truth=item.get("expected_output"),
        agent_args=item.get("agent_args") or {},
        rubric_vars=item.get("rubric_vars") or {},
        metadata=item.get("metadata") or {},
        tags=item.get("tags") or [],
    )


async def converse(factory: Callable[..., Any], item: dict) -> dict[str, Any]:
    """{output, messages, tokens_in, tokens_out, cost}; exceptions are the caller's to record."""
    agent = await _call(factory, sample_of(item))
    respond = getattr(agent, "respond", agent)
    if not callable(respond):
        raise FactoryError("the factory must return a function or an object with respond()")
    turns = item.get("input") if isinstance(item.get("input"), list) else [item.get("input")]
    messages: list[dict] = []
    usage: dict[str, Any] = {"tokens_in": None, "tokens_out": None, "cost": None}
    output: Any = None
    for turn in turns:
        messages.append({"role": "user", "content": turn if isinstance(turn, str) else str(turn)})
        reply = await _call(respond, turn)
        if isinstance(reply, dict):
            usage.update({k: reply[k] for k in usage if isinstance(reply.get(k), int | float)})
            reply = reply.get("output", reply)
        output = reply
        messages.append({"role": "assistant", "content": reply if isinstance(reply, str) else str(reply)})
    return {"output": output, "messages": messages, **usage}


async def run(factory: Callable[..., Any], item: dict) -> Any:
    """The run's TargetResult; the suite's own code failing is this run's error."""
    from app.experiments.targets import TargetResult  # targets imports this module

    try:
        done = await converse(factory, item)
    except Exception as exc:  # noqa: BLE001 - user code may raise anything; recorded below
        return TargetResult(error=f"python target failed: {exc!r}", error_class="target_error")
    return TargetResult(**done)
