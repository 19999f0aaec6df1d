"""LLM judge: rubric placeholders, one judge call per grading, and a forgiving reply parser."""

import json
import math
import re
from dataclasses import dataclass
from typing import Any

from app.evaluators.graders.extract import Grade, clip, failed, lookup, to_text
from app.llm import Completion, LLMError, complete

# {name} (the rubric syntax) and {{name}} (the prompt syntax, accepted so a copied prompt works).
# Anything else in braces, such as a JSON example, stays literal: substitution, never format().
_PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}")
_FENCED = re.compile(r"```[ \t]*(?:json|JSON)?[ \t]*\n?(.*?)```", re.DOTALL)
_SCORE_LINE = re.compile(
    r"\b(?:score|rating|grade)\b\**\s*(?:[:=]|is)?\s*\**\s*([-+]?\d+(?:\.\d+)?)\s*"
    r"(?:(?:/|out of)\s*(\d+(?:\.\d+)?)|(%))?",
    re.IGNORECASE,
)
_REASON_LINE = re.compile(
    r"^\W*(?:reason|explanation|rationale)\W*[:=]\s*(.+)$", re.IGNORECASE | re.MULTILINE
)
_REASON_KEYS = ("reason", "explanation", "rationale", "justification")
_MAX_OBJECT_STARTS = 50

SYSTEM_PROMPT = (
    "You are a strict, impartial evaluator. Grade the response described by the user against "
    "the rubric. Answer only with a JSON object of the form "
    '{"score": <number from 0 to 1>, "reason": "<one or two sentences>"} and nothing else.'
)


def placeholders(rubric: str) -> list[str]:
    names = (m.group(1) or m.group(2) for m in _PLACEHOLDER.finditer(rubric))
    return list(dict.fromkeys(names))


def rubric_values(config: dict, item: dict, turn_input: Any, output: Any, expected: Any) -> dict:
    """Everything a rubric may name; expected_output/ground_truth only when the item has one."""
    extra = item.get("rubric_vars")
    values: dict[str, Any] = dict(extra) if isinstance(extra, dict) else {}
    # The built-ins win over rubric_vars of the same name: {output} is always what is graded.
    values.update(input=turn_input, output=output)
    key = config.get("expected_key")
    want = lookup(expected, key) if key else expected
    if want is not None:
        values.update(expected_output=want, ground_truth=want)
    return values


def missing_variables(config: dict, item: dict) -> list[str]:
    known = rubric_values(config, item, item.get("input"), "", item.get("expected_output"))
    return [name for name in placeholders(config["rubric"]) if name not in known]


def render(rubric: str, values: dict) -> str:
    def fill(match: re.Match) -> str:
        name = match.group(1) or match.group(2)
        return to_text(values[name]) if name in values else match.group(0)

    return _PLACEHOLDER.sub(fill, rubric)


def judge_messages(rubric: str, values: dict) -> list[dict]:
    text = render(rubric, values)
    used = set(placeholders(rubric))
    # A rubric that never shows the judge the response would be graded blind.
    for name, title in (("input", "Input"), ("output", "Response to grade")):
        if name not in used:
            text += f"\n\n{title}:\n{to_text(values[name])}"
    return [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": text}]


def _usage(model: str, completion: Completion) -> dict[str, Any]:
    return {
        "model": model,
        "tokens_in": completion.tokens_in,
        "tokens_out": completion.tokens_out,
        "cost": completion.cost,
        "cost_known": completion.cost_known,
        "latency_ms": completion.latency_ms,
        "attempts": completion.attempts,
    }


async def judge(config: dict, values: dict) -> Grade:
    """One judge call; failures (call or parse) become a failed grade, never a silent 0."""
    params: dict[str, Any] = {"temperature": config.get("temperature", 0.0)}
    if config.get("max_tokens"):
        params["max_tokens"] = config["max_tokens"]
    try:
        completion = await complete(
            config["model"],
            judge_messages(config["rubric"], values),
            params,
            response_format={"type": "json_object"},
        )
    except LLMError as exc:
        return failed(
            f"judge call failed: {exc.message}",
            error=exc.message,
            status_code=exc.status_code,
            attempts=exc.attempts,
        )
    usage = _usage(config["model"], completion)
    parsed = parse_reply(completion.text)
    if parsed is None:
        return failed("could not parse judge reply", raw=completion.text, **usage)
    score, reason, note = parsed
    details = {**usage, "note": note} if note else usage
    return Grade(score, f"{reason} [{note}]" if note else reason, details)


@dataclass
class _Raw:
    value: float
    scale: float | None = None  # 10 for "8/10", 100 for "80%"
    reason: str = ""


def parse_reply(text: str | None) -> tuple[float, str, str | None] | None:
    """(score in [0, 1], reason, note) from a judge reply, or None when no score is found."""
    text = (text or "").strip()
    raw = _from_json(text) or _from_lines(text)
    if raw is None or not math.isfinite(raw.value):
        return None
    reason = raw.reason.strip() or "no reason given"
    if raw.scale is not None:
        if raw.scale <= 0:
            return None
        value, note = raw.value / raw.scale, f"normalised {raw.value:g}/{raw.scale:g}"
    else:
        value, note = raw.value, None
    if not 0.0 <= value <= 1.0:
        clamped = min(1.0, max(0.0, value))
        note = f"score {value:g} outside [0, 1], clamped to {clamped:g}"
        value = clamped
    return value, reason, note


def _json_candidates(text: str) -> list[Any]:
    found = []
    texts = [text] + [m.group(1).strip() for m in _FENCED.finditer(text)]
    for candidate in texts:
        try:
            found.append(json.loads(candidate))
        except (ValueError, RecursionError):
            continue
    decoder = json.JSONDecoder()
    starts = [m.start() for m in re.finditer(r"\{", text)][:_MAX_OBJECT_STARTS]
    for start in starts:  # an object embedded in prose: "Here you go: {...} Hope it helps"
        try:
            found.append(decoder.raw_decode(text, start)[0])
        except (ValueError, RecursionError):
            continue
    return found


def _from_json(text: str) -> _Raw | None:
    for obj in _json_candidates(text):
        if isinstance(obj, (int, float)) and not isinstance(obj, bool):
            return _Raw(float(obj))
        if not isinstance(obj, dict):
            continue
        lowered = {str(k).lower(): v for k, v in obj.items()}
        raw = _score_value(lowered.get("score"))
        if raw is not None:
            raw.reason = next((to_text(lowered[k]) for k in _REASON_KEYS if lowered.get(k)), "")
            return raw
    return None


def _score_value(value: Any) -> _Raw | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return _Raw(float(value))
    if isinstance(value, str):
        text = value.strip()
        match = re.fullmatch(
            r"([-+]?\d+(?:\.\d+)?)\s*(?:(?:/|out of)\s*(\d+(?:\.\d+)?)|(%))?", text
        )
        if match:
            return _raw_from_match(match)
    return None


def _raw_from_match(match: re.Match) -> _Raw:
    value, denominator, percent = match.group(1), match.group(2), match.group(3)
    scale = float(denominator) if denominator else (100.0 if percent else None)
    return _Raw(float(value), scale)


def _from_lines(text: str) -> _Raw | None:
    match = _SCORE_LINE.search(text)
    if match is None:
        return None
    raw = _raw_from_match(match)
    reason = _REASON_LINE.search(text)
    if reason:
        raw.reason = reason.group(1)
    else:
        rest = (text[: match.start()] + text[match.end() :]).strip().lstrip(".:-* ").rstrip(":-* ")
        raw.reason = clip(rest, 500)
    return raw
