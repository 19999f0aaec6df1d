"""One turn of a tool-using model target (issue 12): model -> tool -> model, until a reply
calls no tool.

Tools are offered through app.llm like any model parameter (litellm passes OpenAI function
schemas to every provider that supports them). Nothing real is ever called: each tool call
is answered from the scripted `tool_results` (per tool name; the item's
`agent_args.tool_results` wins over the experiment's), so a run is as reproducible as its
dataset. Every step stays in the transcript (assistant tool calls, `tool` results, the final
answer) and every call is recorded as {name, arguments, result} on the run.

A model that still calls tools at its `max_steps`-th call fails the run with an error saying
so: a loop that never ends costs at most max_steps model calls per turn, never a hang.
"""

from typing import Any

from app import llm
from app.experiments import targets
from app.llm import tool_calls

DEFAULT_STEPS = 5
UNSCRIPTED = "error: no result scripted for tool {name!r} (set tool_results)"


def spec(snapshot: dict) -> dict | None:
    """The run's tools: the snapshot's `tools` block, or tools given as model parameters
    (params.tools, from the experiment or its prompt version), which run the same loop."""
    if snapshot.get("tools"):
        return snapshot["tools"]
    params = snapshot.get("params") or {}
    if params.get("tools"):
        return {"tools": params["tools"], "tool_choice": params.get("tool_choice"),
                "tool_results": {}, "max_steps": DEFAULT_STEPS}
    return None


def _params(snapshot: dict, tools: dict) -> dict:
    params = {k: v for k, v in (snapshot.get("params") or {}).items()
              if k not in ("tools", "tool_choice")}
    params["tools"] = tools["tools"]
    if tools.get("tool_choice") is not None:
        params["tool_choice"] = tools["tool_choice"]
    return params


def scripted_results(tools: dict, item: dict) -> dict[str, Any]:
    own = (item.get("agent_args") or {}).get("tool_results") if isinstance(
        item.get("agent_args"), dict) else None
    return {**(tools.get("tool_results") or {}), **(own if isinstance(own, dict) else {})}


def _answer(call: dict, scripted: dict[str, Any]) -> tuple[dict, dict]:
    """(the tool message sent back, the call as recorded on the run)."""
    record = {"name": call["name"], "arguments": call["arguments"]}
    if call["name"] in scripted:
        record["result"] = scripted[call["name"]]
        return tool_calls.tool_message(call["id"], record["result"]), record
    # the model hears why, and may answer without it; the record says so too
    error = UNSCRIPTED.format(name=call["name"])
    record.update(result=None, error=error)
    return tool_calls.tool_message(call["id"], error), record


async def complete(snapshot: dict, item: dict, messages: list[dict],
                   result: "targets.TargetResult",
                   still_running: "targets.StillRunning") -> llm.Completion:
    """One turn's completion: the final reply, with usage summed over every step.

    `messages` grows in place (assistant tool calls, tool results) and the calls land on
    `result.tool_calls` as they happen, so a turn that fails keeps what it did; on failure
    the steps already paid for are charged to `result` before the LLMError goes up."""
    tools = spec(snapshot) or {}
    params = _params(snapshot, tools)
    scripted = scripted_results(tools, item)
    max_steps = int(tools.get("max_steps") or DEFAULT_STEPS)
    done: list[llm.Completion] = []
    result.tool_calls = result.tool_calls or []
    for step in range(max_steps):
        if step and not await still_running():
            raise targets.RunCancelled
        try:
            completion = await llm.complete(snapshot.get("model") or "", messages, params)
        except llm.LLMError as exc:
            exc.attempts = (exc.attempts or 1) + sum(c.attempts for c in done)
            _charge(result, done)
            raise
        done.append(completion)
        messages.append(completion.messages[-1])
        if not completion.tool_calls:
            return _merged(done, messages)
        for call in completion.tool_calls:
            message, record = _answer(call, scripted)
            messages.append(message)
            result.tool_calls.append(record)
    _charge(result, done)
    called = ", ".join(c["name"] for c in done[-1].tool_calls)
    raise llm.LLMError(
        f"The model still called tools ({called}) at its last allowed step "
        f"(max_steps={max_steps}): no final answer. Raise max_steps, or script tool_results "
        "that let it answer.",
        attempts=sum(c.attempts for c in done))


def _charge(result: "targets.TargetResult", done: list[llm.Completion]) -> None:
    result.tokens_in = (result.tokens_in or 0) + sum(c.tokens_in for c in done)
    result.tokens_out = (result.tokens_out or 0) + sum(c.tokens_out for c in done)
    result.cost = (result.cost or 0.0) + sum(c.cost or 0.0 for c in done)


def _merged(done: list[llm.Completion], messages: list[dict]) -> llm.Completion:
    last = done[-1]
    return llm.Completion(
        text=last.text,
        messages=list(messages),
        tokens_in=sum(c.tokens_in for c in done),
        tokens_out=sum(c.tokens_out for c in done),
        cost=sum(c.cost or 0.0 for c in done),
        cost_known=all(c.cost_known and c.cost is not None for c in done),
        latency_ms=sum(c.latency_ms for c in done),
        raw_finish_reason=last.raw_finish_reason,
        attempts=sum(c.attempts for c in done),
        tool_calls=[call for c in done for call in c.tool_calls],
    )
