"""EVALFORGE_MAX_OUTPUT_KB: a target's output longer than the limit is cut to it (issue 13).

A model told to repeat itself forever, or an agent answering megabytes, would otherwise
store the whole reply twice per run (the output and the transcript's last message) and send
it to every grader and judge. The cut keeps whole UTF-8 characters; the run records
output_truncated so the results say the graders saw a prefix.
"""

import json
from typing import Any

from app.config import Settings, get_settings

_max_bytes: int | None = None


def configure(settings: Settings) -> None:
    global _max_bytes
    _max_bytes = settings.max_output_kb * 1024


def max_bytes() -> int:
    if _max_bytes is None:  # a worker process: its settings are the environment's
        configure(get_settings())
    assert _max_bytes is not None
    return _max_bytes


def _cut(text: str, limit: int) -> str | None:
    """The longest prefix of `text` within `limit` UTF-8 bytes, or None when it fits."""
    data = text.encode("utf-8", "surrogatepass")
    if len(data) <= limit:
        return None
    return data[:limit].decode("utf-8", "ignore")


def clip(output: Any, messages: list[dict]) -> tuple[Any, list[dict], bool]:
    """(output, messages, truncated): a text output is cut; any other output over the limit
    becomes the cut text of its JSON; the assistant's messages are cut the same way (the
    user's are the item's, bounded by EVALFORGE_MAX_ITEM_KB, and stay whole)."""
    limit = max_bytes()
    if output is None or isinstance(output, str):
        text = output
    else:
        text = json.dumps(output, ensure_ascii=False, default=str)
    cut = _cut(text, limit) if text is not None else None
    truncated = cut is not None
    clipped = []
    for message in messages:
        content = message.get("content")
        mine = message.get("role") == "assistant" and isinstance(content, str)
        shorter = _cut(content, limit) if mine else None
        clipped.append({**message, "content": shorter} if shorter is not None else message)
        truncated = truncated or shorter is not None
    return (cut if cut is not None else output), clipped, truncated
