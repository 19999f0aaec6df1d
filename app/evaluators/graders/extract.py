"""From item values and model outputs to comparable text, numbers, JSON and turns."""

import json
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

# Thousands separators only in well-formed groups ("1,000,000"), so "1,2" reads as 1.
# Linear on any text (model output): every optional part after the integer part may be empty,
# so the first start with a digit matches without backtracking, and a start without a digit
# fails after at most a sign and a dot.
_NUMBER = re.compile(r"[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][-+]?\d+)?|[-+]?\.\d+")
_BLANKS = re.compile(r"[ \t]*")  # one class, one greedy run: nothing to backtrack


@dataclass
class Grade:
    """One grading result before it becomes a score dict; value None means the grading failed."""

    value: float | None
    reason: str
    details: dict[str, Any] | None = None


def skipped() -> Grade:
    """Nothing to compare with: no value (a 0 would count as a failure in every mean); the
    score's status says `skipped`."""
    return Grade(None, "no expected output", {"skipped": "no_expected_output"})


def is_skipped(grade: Grade) -> bool:
    return grade.value is None and bool(grade.details and grade.details.get("skipped"))


def failed(reason: str, **details: Any) -> Grade:
    return Grade(None, reason, {"failed": True, **details})


def to_text(value: Any) -> str:
    """Strings as they are; anything else JSON-encoded (keys sorted so key order never matters)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def normalize(text: str, *, case_sensitive: bool = True, strip: bool = True) -> str:
    # NFC first: "é" typed as e + combining accent must equal the precomposed "é".
    text = unicodedata.normalize("NFC", text)
    if strip:
        text = text.strip()
    return text if case_sensitive else text.casefold()


def clip(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def lookup(value: Any, key: str) -> Any:
    """value[key], or a dotted path ("answer.city", "items.0"); None when absent."""
    if isinstance(value, dict) and key in value:
        return value[key]
    for part in key.split("."):
        if isinstance(value, dict) and part in value:
            value = value[part]
        elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        else:
            return None
    return value


def expected_value(expected: Any, key: str | None) -> Any:
    """What to compare against: the named field, else a string, else the only string value."""
    if key:
        return lookup(expected, key)
    if isinstance(expected, dict):
        strings = [v for v in expected.values() if isinstance(v, str)]
        if len(strings) == 1:
            return strings[0]
    return expected


def output_field(output: Any, key: str | None) -> Any:
    """An object output's own `expected_key` field when it has one (agents answer in objects);
    otherwise the output unchanged."""
    if key and isinstance(output, dict):
        found = lookup(output, key)
        if found is not None:
            return found
    return output


def first_number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    text = to_text(value).replace("\u2212", "-")  # the typographic minus sign
    match = _NUMBER.search(text)
    return float(match.group(0).replace(",", "")) if match else None


def parse_json(value: Any) -> tuple[bool, Any]:
    """(True, parsed) for structured output or a JSON text (also inside a ```json fence)."""
    if not isinstance(value, str):
        return value is not None, value
    text = value.strip()
    candidates = [text, *fenced_blocks(text)]
    for candidate in candidates:
        try:
            return True, json.loads(candidate, parse_constant=reject_constant)
        except (ValueError, RecursionError):
            continue
    return False, None


def fenced_blocks(text: str, limit: int = 50) -> list[str]:
    """The stripped contents of the first `limit` ``` fences (an optional json/JSON tag after
    the opening one); each is parsed as JSON after this, so a reply of 100,000 fences costs
    no more than one of fifty.

    A scan in one pass, as the regex ```[ \t]*(?:json|JSON)?[ \t]*\n?(.*?)``` found them, but
    linear: that regex took 0.1 s for "```" and 400 spaces, cubic in their number, on model
    output. The opening fence's tag and blanks hold no backtick, so the greedy reading is
    the only one that can reach a closing fence: no backtracking is ever needed."""
    blocks = []
    at = text.find("```")
    while at >= 0 and len(blocks) < limit:
        i = _skip_blanks(text, at + 3)
        if text.startswith(("json", "JSON"), i):
            i = _skip_blanks(text, i + 4)
        if text.startswith("\n", i):
            i += 1
        close = text.find("```", i)
        if close < 0:
            break  # no later opening fence can find a closing one either
        blocks.append(text[i:close].strip())
        at = text.find("```", close + 3)
    return blocks


def _skip_blanks(text: str, i: int) -> int:
    return _BLANKS.match(text, i).end()


def reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def message_text(message: dict) -> str:
    content = message.get("content")
    if isinstance(content, list):  # OpenAI content parts
        return "".join(p.get("text", "") for p in content if isinstance(p, dict))
    return to_text(content)


def is_reply(message: Any) -> bool:
    """An assistant reply: not a step that calls tools (issue 12), whose text, if any, only
    leads up to the calls; the reply is the message that answers after the results."""
    return (isinstance(message, dict) and message.get("role") == "assistant"
            and not message.get("tool_calls"))


def is_multi_turn(item: dict) -> bool:
    inp, expected = item.get("input"), item.get("expected_output")
    return isinstance(inp, list) and isinstance(expected, list) and 0 < len(inp) == len(expected)


def turn_replies(turns: int, output: Any, messages: list[dict] | None) -> list[Any]:
    """One reply per turn: the assistant messages in order (the last `turns` of them, since a
    chat prompt may carry few-shot assistant examples first); None where a turn got no reply."""
    replies: list[Any] = [message_text(m) for m in messages or [] if is_reply(m)]
    if not replies:
        # No transcript (e.g. an agent target): a list output is one reply per turn,
        # anything else is the reply to the last turn.
        if isinstance(output, list) and len(output) == turns:
            replies = list(output)
        else:
            replies = [None] * (turns - 1) + [output]
    replies = replies[-turns:]
    return replies + [None] * (turns - len(replies))


def tool_calls_in(messages: list[dict] | None) -> list[dict[str, Any]]:
    """[{name, arguments, result}] in call order, from a run's transcript: assistant messages'
    OpenAI-format `tool_calls` (arguments parsed when JSON) and the `tool` messages that
    answer them by tool_call_id (result: the message's content, parsed when JSON)."""
    results = {
        m.get("tool_call_id"): m.get("content")
        for m in messages or [] if isinstance(m, dict) and m.get("role") == "tool"
    }
    calls = []
    for message in messages or []:
        if not isinstance(message, dict) or message.get("role") != "assistant":
            continue
        for call in message.get("tool_calls") or []:
            function = call.get("function") if isinstance(call, dict) else None
            if not isinstance(function, dict) or not function.get("name"):
                continue
            calls.append({"name": str(function["name"]),
                          "arguments": _maybe_json(function.get("arguments")),
                          "result": _maybe_json(results.get(call.get("id")))})
    return calls


def _maybe_json(value: Any) -> Any:
    """A JSON text's value (tools send objects as JSON text); any other text as it is."""
    if isinstance(value, str):
        try:
            return json.loads(value, parse_constant=reject_constant)
        except (ValueError, RecursionError):
            return value
    return value
