"""What an experiment runs for one item: a model (prompt + model through app.llm) or an agent.

Both return a TargetResult; failures become `error` text on the result, never exceptions,
except RunCancelled, raised when the experiment stops between turns.
"""

import json
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from app import llm
from app.experiments import agent_http, output_limit, python_target, tool_loop
from app.llm.errors import classify
from app.prompts.rendering import MissingVariables, as_text, build_conversation

StillRunning = Callable[[], Awaitable[bool]]
AGENT_TIMEOUT_S = 60.0


class RunCancelled(Exception):
    """The experiment left `running` before the next model call."""


@dataclass
class TargetResult:
    output: Any = None
    messages: list[dict] = field(default_factory=list)
    error: str = ""
    error_class: str = ""  # app/llm's class of the error ("" when ok)
    error_detail: str = ""  # the provider's own message, when `error` says it shorter
    retryable: bool = False
    latency_ms: int = 0
    tokens_in: int | None = None
    tokens_out: int | None = None
    cost: float | None = None
    attempts: int = 1
    tool_calls: list[dict] | None = None  # [{name, arguments, result}] (issue 12)
    cache_hits: int = 0  # replies served from the response cache (issue 11)
    output_truncated: bool = False  # the output was cut to the server's maximum (issue 13)

    @property
    def ok(self) -> bool:
        return not self.error


async def close_http_client() -> None:
    await agent_http.close_client()


async def run_target(snapshot: dict, item: dict, still_running: StillRunning) -> TargetResult:
    started = time.perf_counter()
    factory = python_target.claim(snapshot)  # registered only by `evalforge run`, in-process
    if factory is not None:
        result = await python_target.run(factory, item)
    elif snapshot.get("target") == "agent":
        result = await run_agent(snapshot.get("agent") or {}, item)
    else:
        result = await run_model(snapshot, item, still_running)
    result.latency_ms = int((time.perf_counter() - started) * 1000)
    result.output, result.messages, result.output_truncated = output_limit.clip(
        result.output, result.messages)
    return result


async def run_model(snapshot: dict, item: dict, still_running: StillRunning) -> TargetResult:
    """Send the conversation turn by turn, keeping every reply; the output is the last reply."""
    try:
        conversation = build_conversation(snapshot.get("prompt"), item["input"])
    except MissingVariables as exc:
        return TargetResult(error=str(exc), attempts=0)
    messages = list(conversation.messages)
    turns: list[str | None] = list(conversation.turns) or [None]
    result = TargetResult(tokens_in=0, tokens_out=0, cost=0.0, attempts=0)
    cost_known = True
    for index, turn in enumerate(turns):
        # The first call follows the claim, which checked the experiment; later turns re-check.
        if index and not await still_running():
            raise RunCancelled
        if turn is not None:
            messages.append({"role": "user", "content": turn})
        try:
            if tool_loop.spec(snapshot):  # model -> tool -> model until a plain answer
                completion = await tool_loop.complete(snapshot, item, messages, result,
                                                      still_running)
            else:
                completion = await llm.complete(
                    snapshot.get("model") or "", messages, snapshot.get("params") or {}
                )
        except llm.LLMError as exc:
            result.attempts += exc.attempts or 1
            result.messages = messages
            result.error, result.retryable = exc.summary or str(exc), exc.retryable
            result.error_class = exc.error_class
            result.error_detail = exc.message if exc.message != result.error else ""
            break
        messages = completion.messages
        result.output = completion.text
        result.attempts += completion.attempts
        result.tokens_in += completion.tokens_in
        result.tokens_out += completion.tokens_out
        cost_known = cost_known and completion.cost_known and completion.cost is not None
        result.cost += completion.cost or 0.0
    result.messages = messages
    result.attempts = max(result.attempts, 1)
    if not cost_known:
        result.cost = None
    return result


def _agent_messages(item_input: Any) -> list[dict]:
    if isinstance(item_input, list) and item_input:
        return [{"role": "user", "content": as_text(turn)} for turn in item_input]
    return [{"role": "user", "content": as_text(item_input)}]


async def run_agent(agent: dict, item: dict) -> TargetResult:
    """POST the item to the agent endpoint; its JSON "output" (or the whole reply) is the output."""
    # Snapshots frozen before the maximum existed may ask for more: the maximum wins.
    timeout = min(float(agent.get("timeout_s") or AGENT_TIMEOUT_S), agent_http.max_timeout_s())
    sent = _agent_messages(item.get("input"))
    body = {
        "input": item.get("input"),
        "context": item.get("context"),
        "agent_args": item.get("agent_args"),
        "messages": sent,
    }
    try:
        response = await agent_http.post(
            agent.get("url") or "", body, agent.get("headers") or {}, timeout
        )
    except agent_http.AgentFailure as exc:
        return TargetResult(messages=sent, error=exc.message, retryable=exc.retryable,
                            error_class=_agent_error_class(exc))
    try:
        reply = json.loads(response.body)
    except ValueError:
        reply = response.text()
    output = reply.get("output", reply) if isinstance(reply, dict) else reply
    calls = agent_http.tool_calls(reply)  # kept the way a model run keeps its own (issue 12)
    result = TargetResult(
        output=output, tool_calls=calls,
        messages=[*sent, *agent_http.transcript(calls or []),
                  {"role": "assistant", "content": as_text(output)}],
    )
    if isinstance(reply, dict):  # agents may report their own usage
        result.tokens_in, result.tokens_out = (
            _int(reply.get("tokens_in")),
            _int(reply.get("tokens_out")),
        )
        result.cost = reply.get("cost") if isinstance(reply.get("cost"), int | float) else None
    return result


_AGENT_STATUS = re.compile(r"^agent returned HTTP (\d{3})")


def _agent_error_class(exc: agent_http.AgentFailure) -> str:
    """The app/llm class of an agent failure (its text already says what happened)."""
    status = _AGENT_STATUS.match(exc.message)
    kind = ("timeout" if "timed out" in exc.message
            else "connection" if exc.message == agent_http.UNREACHABLE else None)
    return classify(int(status.group(1)) if status else None, exc.message, kind).name


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None
