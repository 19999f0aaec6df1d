"""Extractors: which part of a run an evaluator grades (config `extractor`).

The letta-evals names, for every evaluator kind, on the server and in the suite runner alike:
- per reply (a multi-turn item is still graded turn by turn, each reply passed through):
  `last_assistant` (the default: the reply as it is), `pattern` (a regex's match or group in
  the reply), `after_marker` (the text after a marker);
- whole conversation (graded once, against the last turn's ground truth): `first_assistant`,
  `all_assistant` (every reply joined), `last_turn` (the replies after the last user message).

- tool calls (issue 12; whole conversation, read from the transcript's assistant
  `tool_calls` and the `tool` messages answering them): `tool_names` (the called tools'
  names in order, joined), `tool_arguments` (the arguments object of a named tool's call),
  `tool_output` (the result that call got). `output` is `last_assistant` by its issue-12 name.
  An assistant message that calls tools is a step, not a reply: the text extractors skip it.

A config names one as a string (`"extractor": "all_assistant"`) or an object with its
settings (`{"kind": "pattern", "pattern": "Answer: (\\w+)", "group": 1}`,
`{"kind": "tool_arguments", "tool": "calculator"}`): each is one settings model and one
function in EXTRACTORS, receiving the output and the run's messages.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

import regex
from pydantic import (
    AliasChoices,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from app.evaluators.graders.deterministic import REGEX_TIMEOUT_S, check_pattern
from app.evaluators.graders.extract import (
    is_multi_turn,
    is_reply,
    message_text,
    to_text,
    tool_calls_in,
)

DEFAULT = "last_assistant"


class ExtractionFailed(Exception):
    """The extractor could not run on this output (a pattern that timed out)."""


class _Settings(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Plain(_Settings):
    kind: Literal["last_assistant", "output", "first_assistant"]


class Joined(_Settings):
    kind: Literal["all_assistant", "last_turn"]
    separator: str = "\n"


class Pattern(_Settings):
    kind: Literal["pattern"]
    pattern: str = Field(min_length=1)
    group: int | str = 0
    search_all: bool = False

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str) -> str:
        check_pattern(value)
        try:
            regex.compile(value)
        except regex.error as exc:
            raise ValueError(f"invalid regular expression: {exc}") from None
        return value

    @model_validator(mode="after")
    def _has_group(self) -> "Pattern":
        compiled = regex.compile(self.pattern)
        known = self.group in compiled.groupindex if isinstance(self.group, str) else (
            0 <= self.group <= compiled.groups)
        if not known:
            raise ValueError(f"the pattern has no group {self.group!r}")
        return self


class ToolNames(_Settings):
    kind: Literal["tool_names"]
    separator: str = "\n"


class NamedTool(_Settings):
    kind: Literal["tool_arguments", "tool_output"]
    # letta-evals suites name it `tool_name` (extractor_config); stored as `tool`
    tool: str = Field(min_length=1, validation_alias=AliasChoices("tool", "tool_name"),
                      description="The tool whose call is graded")
    index: int = Field(default=0, description="Which call of it: 0 the first, -1 the last")


class AfterMarker(_Settings):
    kind: Literal["after_marker"]
    marker: str = Field(min_length=1)
    include_marker: bool = False


def _replies(messages: list[dict] | None) -> list[str]:
    return [message_text(m) for m in messages or [] if is_reply(m)]


def _fallback(output: Any, messages: list[dict] | None) -> list[str]:
    """The assistant replies; an output without a transcript (an agent's) is the one reply."""
    replies = _replies(messages)
    return replies or ([] if output is None else [to_text(output)])


def _last_turn(output: Any, messages: list[dict] | None, settings: Joined) -> str:
    transcript = [m for m in messages or [] if isinstance(m, dict)]
    users = [i for i, m in enumerate(transcript) if m.get("role") == "user"]
    tail = transcript[users[-1] + 1 :] if users else transcript
    replies = [message_text(m) for m in tail if is_reply(m)]
    return settings.separator.join(replies or _fallback(output, None))


def _pattern_in(text: str, settings: Pattern) -> str | None:
    try:
        if settings.search_all:
            found = [
                m.group(settings.group)
                for m in regex.finditer(settings.pattern, text, timeout=REGEX_TIMEOUT_S)
            ]
            return " ".join(found) if found else None
        match = regex.search(settings.pattern, text, timeout=REGEX_TIMEOUT_S)
    except TimeoutError:
        raise ExtractionFailed(f"extractor pattern timed out after {REGEX_TIMEOUT_S:g}s") from None
    return match.group(settings.group) if match else None


def _after_marker(text: str, settings: AfterMarker) -> str | None:
    at = text.find(settings.marker)
    if at < 0:
        return None
    return text[at if settings.include_marker else at + len(settings.marker) :].strip()


def _named_call(messages: list[dict] | None, settings: NamedTool) -> dict | None:
    calls = [c for c in tool_calls_in(messages) if c["name"] == settings.tool]
    try:
        return calls[settings.index]
    except IndexError:
        return None  # not called (that often): graded as no output


def _tool_value(messages: list[dict] | None, settings: NamedTool) -> Any:
    call = _named_call(messages, settings)
    if call is None:
        return None
    return call["arguments" if settings.kind == "tool_arguments" else "result"]


@dataclass(frozen=True)
class Extractor:
    settings: type[_Settings]
    # per reply: (reply, settings) -> text or None (not found); whole: (output, messages, settings)
    per_reply: Callable[[Any, Any], Any] | None = None
    whole: Callable[[Any, list[dict] | None, Any], Any] | None = None


EXTRACTORS: dict[str, Extractor] = {
    "last_assistant": Extractor(Plain, per_reply=lambda reply, s: reply),
    "pattern": Extractor(Pattern, per_reply=lambda reply, s: _pattern_in(to_text(reply), s)),
    "after_marker": Extractor(
        AfterMarker, per_reply=lambda reply, s: _after_marker(to_text(reply), s)
    ),
    "first_assistant": Extractor(Plain, whole=lambda out, msgs, s: (_fallback(out, msgs) or [""])[0]),
    "all_assistant": Extractor(
        Joined, whole=lambda out, msgs, s: s.separator.join(_fallback(out, msgs))
    ),
    "last_turn": Extractor(Joined, whole=_last_turn),
    "output": Extractor(Plain, per_reply=lambda reply, s: reply),
    "tool_names": Extractor(
        ToolNames, whole=lambda out, msgs, s: s.separator.join(c["name"] for c in tool_calls_in(msgs))
    ),
    "tool_arguments": Extractor(NamedTool, whole=lambda out, msgs, s: _tool_value(msgs, s)),
    "tool_output": Extractor(NamedTool, whole=lambda out, msgs, s: _tool_value(msgs, s)),
}
NAMES = tuple(EXTRACTORS)


def validate(spec: Any) -> dict[str, Any]:
    """The normalised `{"kind", ...settings}`; ValueError naming the problem otherwise."""
    if isinstance(spec, str):
        spec = {"kind": spec}
    if not isinstance(spec, dict):
        raise ValueError("extractor must be a name or an object with a kind")  # noqa: TRY004 - pydantic reports ValueError
    kind = spec.get("kind")
    if kind not in EXTRACTORS:
        raise ValueError(f"unknown extractor {kind!r}; valid extractors: {', '.join(NAMES)}")
    try:
        return EXTRACTORS[kind].settings.model_validate(spec).model_dump()
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(map(str, e['loc'])) or kind}: {e['msg'].removeprefix('Value error, ')}"
            for e in exc.errors()
        )
        raise ValueError(f"extractor {kind}: {problems}") from None


def spec_of(config: dict) -> tuple[Extractor, Any]:
    """The config's extractor and its parsed settings (the default when it names none)."""
    spec = config.get("extractor") or {"kind": DEFAULT}
    extractor = EXTRACTORS[spec["kind"]]
    return extractor, extractor.settings.model_validate(spec)


def is_whole(config: dict) -> bool:
    return spec_of(config)[0].whole is not None


def extract_reply(config: dict, reply: Any) -> Any:
    """One reply as the config's per-reply extractor sees it ("" when nothing is found)."""
    extractor, settings = spec_of(config)
    if extractor.per_reply is None:
        return reply
    found = extractor.per_reply(reply, settings)
    # not found in a reply: the empty text is graded; no reply at all stays "no output"
    return "" if found is None and reply is not None else found


def extract_whole(config: dict, item: dict, output: Any, messages: list[dict] | None) -> tuple:
    """(input, expected, graded) for grading the run once; for a multi-turn item, the last
    turn's input and ground truth."""
    extractor, settings = spec_of(config)
    turn_input, expected = item.get("input"), item.get("expected_output")
    if is_multi_turn(item):
        turn_input, expected = turn_input[-1], expected[-1]
    if extractor.whole is None:
        return turn_input, expected, extract_reply(config, output)
    return turn_input, expected, extractor.whole(output, messages, settings)
