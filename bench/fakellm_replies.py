"""What the fake model server answers: the default reply text, and the reply and error bodies
of the OpenAI chat-completions and Anthropic Messages protocols (bench/fakellm.py serves them).

A reply may call tools (issue 12): `tool_calls` [{name, arguments}] become OpenAI
`message.tool_calls` (arguments as a JSON text, finish_reason "tool_calls") or Anthropic
`tool_use` content blocks (arguments as an object, stop_reason "tool_use")."""

from __future__ import annotations

import json
import time
import uuid
from typing import Any

ANTHROPIC = "anthropic"
ERROR_TYPES = {400: "invalid_request_error", 401: "authentication_error",
               403: "permission_error", 404: "not_found_error", 429: "rate_limit_error"}
ANTHROPIC_ERROR_TYPES = {**ERROR_TYPES, 403: "permission_error", 413: "request_too_large",
                         500: "api_error", 529: "overloaded_error"}
JUDGE_MARKER = "[fakellm:judge]"
JUDGE_VERDICT = '{"pass": true, "score": 1.0, "reason": "ok"}'


def count_tokens(text: str) -> int:
    """Whitespace-separated words: deterministic, cheap, good enough for usage figures."""
    return len(text.split())


def _content_text(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):  # OpenAI content parts, Anthropic blocks (tool_result too)
        return " ".join(_content_text(p.get("content")) if p.get("type") == "tool_result"
                        else p.get("text", "") for p in content if isinstance(p, dict))
    return "" if content is None else str(content)


def tool_result(request: dict) -> str | None:
    """The text of the tool result(s) the request ends with, or None when it ends with
    anything else: OpenAI `tool` messages, or an Anthropic user turn of tool_result blocks."""
    messages = request.get("messages") or []
    if not messages:
        return None
    last = messages[-1]
    if last.get("role") == "tool":
        results = []
        for message in reversed(messages):
            if message.get("role") != "tool":
                break
            results.insert(0, _content_text(message.get("content")))
        return " ".join(results)
    content = last.get("content")
    if last.get("role") == "user" and isinstance(content, list) and any(
            isinstance(p, dict) and p.get("type") == "tool_result" for p in content):
        return _content_text([p for p in content if p.get("type") == "tool_result"])
    return None


def echo_last_user(request: dict) -> str:
    """The last user message, verbatim."""
    for message in reversed(request.get("messages") or []):
        if message.get("role") == "user":
            return _content_text(message.get("content"))
    return "ok"


def prompt_texts(request: dict) -> list[str]:
    """Every prompt text of a request: its messages and, for Anthropic, the system prompt."""
    texts = [_content_text(m.get("content")) for m in request.get("messages") or []]
    if "system" in request:
        texts.insert(0, _content_text(request["system"]))
    return texts


def echo_or_verdict(request: dict) -> str:
    """Default reply: JUDGE_VERDICT when the request carries JUDGE_MARKER, the tool result
    when it ends with one (the model "reads" it), else the echo."""
    if any(JUDGE_MARKER in text for text in prompt_texts(request)):
        return JUDGE_VERDICT
    result = tool_result(request)
    return echo_last_user(request) if result is None else result


def _call_id(prefix: str, index: int) -> str:
    return f"{prefix}{uuid.uuid4().hex[:16]}{index}"


def _openai_tool_calls(calls: list[dict]) -> list[dict]:
    return [{"id": call.get("id") or _call_id("call_", i), "type": "function",
             "function": {"name": call["name"],
                          "arguments": call["arguments"] if isinstance(call.get("arguments"), str)
                          else json.dumps(call.get("arguments") or {})}}
            for i, call in enumerate(calls)]


def chat_completion(request: dict, text: str, tool_calls: list[dict] | None = None) -> dict:
    prompt_tokens = sum(count_tokens(t) for t in prompt_texts(request))
    completion_tokens = count_tokens(text)
    message: dict[str, Any] = {"role": "assistant", "content": text}
    if tool_calls:
        message = {"role": "assistant", "content": text or None,
                   "tool_calls": _openai_tool_calls(tool_calls)}
    return {
        "id": f"chatcmpl-{uuid.uuid4().hex[:24]}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": request.get("model", "fake"),
        "choices": [{"index": 0, "finish_reason": "tool_calls" if tool_calls else "stop",
                     "message": message}],
        "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                  "total_tokens": prompt_tokens + completion_tokens},
    }


def anthropic_message(request: dict, text: str, tool_calls: list[dict] | None = None) -> dict:
    content: list[dict] = [{"type": "text", "text": text}] if text or not tool_calls else []
    for i, call in enumerate(tool_calls or []):
        arguments = call.get("arguments") or {}
        content.append({"type": "tool_use", "id": call.get("id") or _call_id("toolu_", i),
                        "name": call["name"],
                        "input": json.loads(arguments) if isinstance(arguments, str) else arguments})
    return {
        "id": f"msg_{uuid.uuid4().hex[:24]}",
        "type": "message",
        "role": "assistant",
        "content": content,
        "model": request.get("model", "fake"),
        "stop_reason": "tool_use" if tool_calls else "end_turn",
        "stop_sequence": None,
        "usage": {"input_tokens": sum(count_tokens(t) for t in prompt_texts(request)),
                  "output_tokens": count_tokens(text)},
    }


def error_body(protocol: str, status: int, message: str | None) -> dict:
    default = {429: "Rate limit exceeded", 500: "Internal server error"}.get(status, "Error")
    if protocol == ANTHROPIC:
        kind = ANTHROPIC_ERROR_TYPES.get(status, "api_error")
        return {"type": "error", "error": {"type": kind, "message": message or default}}
    return {"error": {"message": message or default,
                      "type": ERROR_TYPES.get(status, "server_error"), "code": str(status)}}
