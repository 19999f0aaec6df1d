"""Tool graders (issue 12): which tools a run called, in which order, with which arguments.

They grade the run's tool calls, read from its transcript (the assistant messages'
`tool_calls` and the `tool` messages answering them: extract.tool_calls_in), whatever the
target: a model in the tool loop, or an agent that reported its calls. The expected value
comes from the config when it names one, else from the item's expected output (letta-evals:
"ground truth = expected tool name"); nothing expected is a skipped score, not a 0.
"""

import json
from typing import Any

from app.evaluators.graders.deterministic import json_match
from app.evaluators.graders.extract import (
    Grade,
    clip,
    expected_value,
    lookup,
    skipped,
    tool_calls_in,
)

KINDS = frozenset({"tool_called", "tool_sequence", "tool_args_match"})


def _names(calls: list[dict]) -> str:
    return ", ".join(c["name"] for c in calls) or "no tool"


def tool_called(config: dict, expected: Any, calls: list[dict]) -> Grade:
    """1 when the expected tool was called; with exact "only" it must be the only tool called,
    with exact "first" the first one."""
    want = config.get("tool") or expected_value(expected, config.get("expected_key"))
    if want is None or want == "":
        return skipped()
    if not isinstance(want, str):
        return Grade(0.0, f"expected a tool name, got {clip(json.dumps(want, default=str))}")
    want = want.strip()
    names = [c["name"] for c in calls]
    exact = config.get("exact") or "any"
    if exact == "only":
        ok = bool(names) and set(names) == {want}
        rule = "the only tool called"
    elif exact == "first":
        ok = bool(names) and names[0] == want
        rule = "the first tool called"
    else:
        ok = want in names
        rule = "called"
    verdict = "is" if ok else "is not"
    reason = f"{want!r} {verdict} {rule}" if exact != "any" else (
        f"{want!r} {'was' if ok else 'was not'} called")
    return Grade(1.0 if ok else 0.0, f"{reason} (called: {_names(calls)})")


def _expected_list(value: Any) -> list[str] | None:
    """A list of tool names: a list, a JSON list text, or a comma-separated text."""
    if isinstance(value, str):
        text = value.strip()
        try:
            parsed = json.loads(text)
        except ValueError:
            parsed = [part.strip() for part in text.split(",") if part.strip()]
        value = parsed
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return [v.strip() for v in value]
    return None


def _lcs(a: list[str], b: list[str]) -> int:
    row = [0] * (len(b) + 1)
    for x in a:
        previous = 0  # row[j - 1] of the previous line
        for j, y in enumerate(b, 1):
            previous, row[j] = row[j], previous + 1 if x == y else max(row[j], row[j - 1])
    return row[-1]


def tool_sequence(config: dict, expected: Any, calls: list[dict]) -> Grade:
    """Longest common subsequence of the expected and the called tool names over the longer
    of the two: 1 for the exact order, less for a missing, extra or misplaced call."""
    source = config.get("tools")
    if source is None:
        source = lookup(expected, config["expected_key"]) if config.get("expected_key") else expected
    if source is None:
        return skipped()
    want = _expected_list(source)
    if not want:
        return Grade(0.0, "expected a list of tool names")
    names = [c["name"] for c in calls]
    common = _lcs(want, names)
    score = common / max(len(want), len(names))
    return Grade(score, f"{common} of {len(want)} expected tools in order "
                        f"(expected: {', '.join(want)}; called: {_names(calls)})")


def tool_args_match(config: dict, expected: Any, calls: list[dict]) -> Grade:
    """The named tool's arguments (its first call, or `index`) against the expected JSON, as
    json_match compares (subset or equal)."""
    want = config.get("arguments")
    if want is None:
        want = lookup(expected, config["expected_key"]) if config.get("expected_key") else expected
    if want is None:
        return skipped()
    matching = [c for c in calls if c["name"] == config["tool"]]
    index = config.get("index", 0)
    if not -len(matching) <= index < len(matching):
        return Grade(0.0, f"{config['tool']!r} was not called"
                     + (f" {index + 1 if index >= 0 else -index} time(s)" if matching else "")
                     + f" (called: {_names(calls)})")
    grade = json_match({**config, "expected_key": None}, want, matching[index]["arguments"])
    reason = grade.reason.replace("output", f"{config['tool']} arguments", 1)
    return Grade(grade.value, reason, grade.details)


GRADERS = {"tool_called": tool_called, "tool_sequence": tool_sequence,
           "tool_args_match": tool_args_match}


def grade(kind: str, config: dict, expected: Any, messages: list[dict] | None) -> Grade:
    return GRADERS[kind](config, expected, tool_calls_in(messages))
