"""What the fake model server answers: the default reply text, and the reply and error bodies
of the OpenAI chat-completions and Anthropic Messages protocols (bench/fakellm.py serves them)."""

from __future__ import annotations

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
    if isinstance(content, list):  # OpenAI content parts
        return " ".join(p.get("text", "") for p in content if isinstance(p, dict))
    return "" if content is None else str(content)


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
    """Default reply: JUDGE_VERDICT when the request carries JUDGE_MARKER, else the echo."""
    if any(JUDGE_MARKER in text for text in prompt_texts(request)):
        return JUDGE_VERDICT
    return echo_last_user(request)


def chat_completion(request: dict, text: str) -> dict:
    prompt_tokens = sum(count_tokens(t) for t in prompt_texts(request))
    completion_tokens = count_tokens(text)
    return {
        "id": f"chatcmpl-{uuid.uuid4().hex[:24]}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": request.get("model", "fake"),
        "choices": [{"index": 0, "finish_reason": "stop",
                     "message": {"role": "assistant", "content": text}}],
        "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                  "total_tokens": prompt_tokens + completion_tokens},
    }


def anthropic_message(request: dict, text: str) -> dict:
    return {
        "id": f"msg_{uuid.uuid4().hex[:24]}",
        "type": "message",
        "role": "assistant",
        "content": [{"type": "text", "text": text}],
        "model": request.get("model", "fake"),
        "stop_reason": "end_turn",
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
