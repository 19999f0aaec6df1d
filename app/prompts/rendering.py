"""How a prompt meets a dataset item: `{{variable}}` substitution and the messages to send.

Substitution only. Nothing here evaluates the template: no str.format, no Jinja, no eval.
A placeholder is `{{identifier}}` (spaces allowed inside the braces); the identifier is a
plain key lookup in the item's variables. Everything else, `{{x.y}}`, `{{7*7}}`, `{% if %}`,
`{0}`, is plain text and reaches the model unchanged.
"""

import json
import re
from dataclasses import dataclass, field
from typing import Any

PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")


class MissingVariables(ValueError):
    """The template names variables the item cannot fill; `.names` lists every one."""

    def __init__(self, names: list[str]) -> None:
        self.names = list(names)
        super().__init__("missing template variables: " + ", ".join(self.names))


@dataclass
class Conversation:
    # Sent first, in order (system message, rendered chat messages).
    messages: list[dict] = field(default_factory=list)
    # User messages sent one at a time after `messages`; the engine keeps the replies between.
    turns: list[str] = field(default_factory=list)


def as_text(value: Any) -> str:
    """A string as is; anything else as JSON."""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def placeholders(text: str) -> list[str]:
    """Placeholder names in order of first appearance, without repeats."""
    return list(dict.fromkeys(PLACEHOLDER.findall(text)))


def render(text: str, variables: dict[str, Any]) -> str:
    """Fill every placeholder in one pass, so substituted values are never re-scanned."""
    missing = [name for name in placeholders(text) if name not in variables]
    if missing:
        raise MissingVariables(missing)
    return PLACEHOLDER.sub(lambda m: as_text(variables[m.group(1)]), text)


def item_variables(item_input: Any) -> dict[str, Any]:
    """An object input gives its keys; every input gives `input`, the whole input.

    An object's own `input` key wins over the whole input: a user who stores
    {"input": "...", "lang": "fr"} means that field when writing {{input}}.
    """
    if isinstance(item_input, dict):
        return {"input": item_input, **{str(k): v for k, v in item_input.items()}}
    return {"input": item_input}


def _prompt_texts(prompt: dict | None) -> list[str]:
    if not prompt:
        return []
    if prompt.get("template") is not None:
        return [prompt["template"]]
    return [m["content"] for m in prompt.get("messages") or [] if isinstance(m.get("content"), str)]


def used_variables(prompt: dict | None) -> list[str]:
    """Every placeholder name the prompt uses, in order of first appearance."""
    names: dict[str, None] = {}
    for text in _prompt_texts(prompt):
        names.update(dict.fromkeys(placeholders(text)))
    return list(names)


def missing_variables(prompt: dict | None, item_input: Any) -> list[str]:
    """Names the prompt uses that the item cannot fill; [] when it renders."""
    variables = item_variables(item_input)
    return [name for name in used_variables(prompt) if name not in variables]


def user_text(item_input: Any) -> str:
    """The input as one user message: a string as is, {"k": "text"} as its text, else JSON."""
    if isinstance(item_input, dict) and len(item_input) == 1:
        (value,) = item_input.values()
        if isinstance(value, str):
            return value
    return as_text(item_input)


def _turns(item_input: Any) -> list[str]:
    # A non-empty list is a conversation, one user turn per element; an empty list has no
    # turns to send, so it travels as one message ("[]") rather than as an empty request.
    if isinstance(item_input, list) and item_input:
        return [as_text(turn) for turn in item_input]
    return [user_text(item_input)]


def _rendered_messages(prompt: dict, variables: dict[str, Any]) -> list[dict]:
    if prompt.get("template") is not None:
        return [{"role": "system", "content": render(prompt["template"], variables)}]
    out = []
    for message in prompt.get("messages") or []:
        content = message.get("content")
        rendered = render(content, variables) if isinstance(content, str) else content
        out.append({**message, "content": rendered})
    return out


def build_conversation(prompt: dict | None, item_input: Any) -> Conversation:
    """What to send for one item: `messages` first, then each of `turns` as a user message.

    A template that uses any placeholder has already placed the input, so no extra user
    message is added, except for a list input: a conversation is always sent turn by turn.
    """
    turns = _turns(item_input)
    if not prompt or (prompt.get("template") is None and not prompt.get("messages")):
        return Conversation(messages=[], turns=turns)
    missing = missing_variables(prompt, item_input)
    if missing:  # name every missing variable at once, across all messages
        raise MissingVariables(missing)
    messages = _rendered_messages(prompt, item_variables(item_input))
    if used_variables(prompt) and not (isinstance(item_input, list) and item_input):
        turns = []
    return Conversation(messages=messages, turns=turns)
