"""A completion's tool calls, one shape for both transports (issue 12).

litellm translates every provider's tool use (Anthropic `tool_use` blocks, Gemini function
calls, ...) into OpenAI's `message.tool_calls`, as objects; the OpenAI lane reads the same
shape as plain JSON. Both become [{id, name, arguments}] here, `arguments` parsed from its
JSON text when it is JSON (a model may send broken JSON: the text is kept, not dropped), and
the assistant message stored in the transcript carries them in OpenAI's format, which
litellm sends back to every provider on the next step.
"""

import json
from typing import Any


def _get(value: Any, key: str) -> Any:
    return value.get(key) if isinstance(value, dict) else getattr(value, key, None)


def parse(raw: Any) -> list[dict[str, Any]]:
    """[{id, name, arguments}] from OpenAI-format tool calls (dicts or litellm objects)."""
    calls = []
    for call in raw or []:
        function = _get(call, "function")
        name = _get(function, "name")
        if not name:
            continue
        calls.append({"id": _get(call, "id") or f"call_{len(calls)}", "name": str(name),
                      "arguments": arguments_of(_get(function, "arguments"))})
    return calls


def arguments_of(value: Any) -> Any:
    """Arguments as an object when they are a JSON text (OpenAI sends them so); a text that is
    not JSON is kept as the model wrote it, nothing is an empty object."""
    if value is None:
        return {}
    if isinstance(value, str):
        try:
            return json.loads(value) if value.strip() else {}
        except ValueError:
            return value
    return value


def assistant_message(text: str, calls: list[dict[str, Any]]) -> dict[str, Any]:
    """The transcript's assistant message; with tool calls, in OpenAI's format (content None
    when empty: Anthropic refuses an empty text block)."""
    if not calls:
        return {"role": "assistant", "content": text}
    return {
        "role": "assistant",
        "content": text or None,
        "tool_calls": [
            {"id": call["id"], "type": "function",
             "function": {"name": call["name"], "arguments": _json_text(call["arguments"])}}
            for call in calls
        ],
    }


def tool_message(call_id: str, result: Any) -> dict[str, Any]:
    """The `tool` message answering a call: a text result as it is, anything else as JSON."""
    content = result if isinstance(result, str) else json.dumps(result, ensure_ascii=False,
                                                                default=str)
    return {"role": "tool", "tool_call_id": call_id, "content": content}


def _json_text(arguments: Any) -> str:
    return arguments if isinstance(arguments, str) else json.dumps(arguments, ensure_ascii=False)
