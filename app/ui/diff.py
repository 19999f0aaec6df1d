"""Word-level diff of two texts as HTML: every token escaped, changes in <del>/<ins>."""

import difflib
import json
import re
from typing import Any

from markupsafe import Markup, escape

# A word with the spaces after it: bare spaces never anchor a match between changed words.
_TOKENS = re.compile(r"\S+\s*|\s+")


def as_text(value: Any) -> str:
    """What a cell shows: a string as is, anything else as indented JSON."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, indent=2, ensure_ascii=False, sort_keys=False)


def _span(tag: str, tokens: list[str]) -> str:
    text = "".join(str(escape(t)) for t in tokens)
    return f"<{tag}>{text}</{tag}>" if tag else text


def word_diff(before: Any, after: Any) -> Markup:
    """`after` against `before`: words only in `before` in <del>, only in `after` in <ins>."""
    old, new = _TOKENS.findall(as_text(before)), _TOKENS.findall(as_text(after))
    parts = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(_span("", new[b1:b2]))
            continue
        if op in ("delete", "replace"):
            parts.append(_span("del", old[a1:a2]))
        if op in ("insert", "replace"):
            parts.append(_span("ins", new[b1:b2]))
    return Markup("".join(parts))  # safe: every token went through escape()
