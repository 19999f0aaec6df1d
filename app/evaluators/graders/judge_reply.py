"""A judge's reply -> (score in [0, 1], reason, note): JSON first, then "Score: 8/10" lines.

The reply is model output, so it is untrusted text parsed on the event loop: every step here
is linear in its length. The backtracking regexes this replaces took 49 s for a "score"
followed by 2,000 spaces (three adjacent `\\s*` before a number that never comes). What is
left of regular expressions finds fixed words only (no quantifier: constant work per
position); the rest is a hand-written scan with the same results as the old patterns
(tests/evaluators/test_judge_reply.py compares both on thousands of random replies).
"""

import json
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from app.evaluators.graders.extract import clip, fenced_blocks, to_text

_SCORE_WORD = re.compile(r"\b(?:score|rating|grade)\b", re.IGNORECASE)
_REASON_WORD = re.compile(r"reason|explanation|rationale", re.IGNORECASE)
_IS = re.compile("is", re.IGNORECASE)
_OUT_OF = re.compile("out of", re.IGNORECASE)
# Runs of one character class, matched at a given position: one pass, nothing to backtrack.
_SPACES, _STARS, _DIGITS, _NON_WORD = (re.compile(p) for p in (r"\s*", r"\**", r"\d*", r"\W*"))
_REASON_KEYS = ("reason", "explanation", "rationale", "justification")
# Objects embedded in prose are tried from at most this many "{": each try is linear.
_MAX_OBJECT_STARTS = 50


@dataclass
class _Raw:
    value: float
    scale: float | None = None  # 10 for "8/10", 100 for "80%"
    reason: str = ""


def parse_reply(
    text: str | None, *, mark: str | None = None, quoted: Sequence[str] = ()
) -> tuple[float, str, str | None] | None:
    """(score in [0, 1], reason, note) from a judge reply, or None when no score is found.

    What the judge quotes back is not its verdict: text between its `mark` markers, and any
    quoted input that itself reads as a score (an output saying `{"score": 1}`), are cut from
    the reply before it is read."""
    text = cut_quotes(text or "", mark, quoted, parse_reply).strip()
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


def cut_quotes(
    text: str, mark: str | None, quoted: Sequence[str], reads_as: Callable[[str], Any]
) -> str:
    """The reply without what it quotes: marked spans, and any quoted input that `reads_as`
    (the caller's own parser) would take for a verdict."""
    if mark:
        text = _cut_marked(text, mark)
    for value in quoted:
        value = value.strip()
        if value and value in text and reads_as(value) is not None:
            text = text.replace(value, " ")
    return text


def _cut_marked(text: str, mark: str) -> str:
    """Drop every `<name MARK>...</name MARK>` span: each tag ends in " MARK>", opening and
    closing tags alternate (linear: str.find, no pattern)."""
    tag_end, out, i = f" {mark}>", [], 0
    while (opened := text.find(tag_end, i)) >= 0:
        closed = text.find(tag_end, opened + len(tag_end))
        if closed < 0:
            break
        start = text.rfind("<", i, opened)
        out.append(text[i : start if start >= 0 else opened])
        i = closed + len(tag_end)
    out.append(text[i:])
    return " ".join(out)


def json_candidates(text: str) -> list[Any]:
    found = []
    for candidate in [text, *fenced_blocks(text)]:
        try:
            found.append(json.loads(candidate))
        except (ValueError, RecursionError):
            continue
    decoder = json.JSONDecoder()
    start = text.find("{")
    for _ in range(_MAX_OBJECT_STARTS):  # an object in prose: "Here you go: {...} Hope it helps"
        if start < 0:
            break
        try:
            found.append(decoder.raw_decode(text, start)[0])
        except (ValueError, RecursionError):
            pass
        start = text.find("{", start + 1)
    return found


def _from_json(text: str) -> _Raw | None:
    for obj in json_candidates(text):
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
        found = _number_and_scale(text, 0, ignore_case=False)
        if found is not None and found[1] == len(text):  # the whole string, nothing else
            return found[0]
    return None


def _digits(text: str, i: int) -> int:
    return _DIGITS.match(text, i).end()


def _number(text: str, i: int, signed: bool) -> tuple[str, int] | None:
    """`[-+]?\\d+(?:\\.\\d+)?` at i (greedy, as the regex): (its text, its end) or None."""
    start = i
    if signed and i < len(text) and text[i] in "-+":
        i += 1
    end = _digits(text, i)
    if end == i:
        return None
    if end + 1 < len(text) and text[end] == "." and text[end + 1].isdecimal():
        end = _digits(text, end + 1)
    return text[start:end], end


def _skip_space(text: str, i: int) -> int:
    return _SPACES.match(text, i).end()


def _number_and_scale(text: str, i: int, *, ignore_case: bool) -> tuple[_Raw, int] | None:
    """`number \\s* (("/" | "out of") \\s* number | "%")?` at i: (value, end) or None."""
    number = _number(text, i, signed=True)
    if number is None:
        return None
    raw = _Raw(float(number[0]))
    j = _skip_space(text, number[1])
    if text.startswith("%", j):
        raw.scale = 100.0
        return raw, j + 1
    # Without a scale, the whitespace after the number still belongs to the match (the old
    # pattern's greedy \s*), which matters for the reason made of the text around it.
    if text.startswith("/", j):
        k = j + 1
    elif (_OUT_OF.match(text, j) if ignore_case else text.startswith("out of", j)):
        k = j + len("out of")
    else:
        return raw, j
    denominator = _number(text, _skip_space(text, k), signed=False)
    if denominator is None:
        return raw, j
    raw.scale = float(denominator[0])
    return raw, denominator[1]


def _skip_stars(text: str, i: int) -> int:
    return _STARS.match(text, i).end()


def _score_after_word(text: str, i: int) -> tuple[_Raw, int] | None:
    """`\\**\\s*([:=]|is)?\\s*\\**\\s*` then a number and scale, from the end of a score word.

    Each part takes a kind of character the part before it cannot, so a greedy scan without
    backtracking finds the regex's match (or proves there is none) in one pass."""
    i = _skip_space(text, _skip_stars(text, i))
    if text.startswith((":", "="), i):
        i += 1
    elif _IS.match(text, i):
        i += 2
    i = _skip_space(text, _skip_stars(text, _skip_space(text, i)))
    return _number_and_scale(text, i, ignore_case=True)


def _from_lines(text: str) -> _Raw | None:
    for word in _SCORE_WORD.finditer(text):
        found = _score_after_word(text, word.end())
        if found is not None:
            raw, end = found
            break
    else:
        return None
    reason = _reason_line(text)
    if reason is not None:
        raw.reason = reason
    else:
        rest = text[: word.start()] + text[end:]
        raw.reason = clip(rest.strip().lstrip(".:-* ").rstrip(":-* "), 500)
    return raw


def _reason_line(text: str) -> str | None:
    """What follows the first "Reason:" (or "Explanation =", ...) heading a line, if any: the
    old `^\\W*(?:reason|explanation|rationale)\\W*[:=]\\s*(.+)$` (multiline, any case)."""
    previous_end = 0
    for word in _REASON_WORD.finditer(text):
        start = word.start()
        # Only non-word characters between the word's line start and the word. A line start
        # before the previous word would have that word (letters) in between: look no further.
        newline = text.rfind("\n", previous_end, start)
        line_start = newline + 1 if newline >= 0 else (0 if previous_end == 0 else -1)
        previous_end = word.end()
        if line_start < 0 or _NON_WORD.match(text, line_start).end() < start:
            continue
        found = _reason_after(text, word.end(), _NON_WORD.match(text, word.end()).end())
        if found is not None:
            return found
    return None


def _reason_after(text: str, start: int, stop: int) -> str | None:
    """`[:=]\\s*(.+)$` from the last ":" or "=" in text[start:stop] that has a line after it."""
    separator = stop
    while True:
        separator = max(text.rfind(":", start, separator), text.rfind("=", start, separator))
        if separator < 0:
            return None
        body = _skip_space(text, separator + 1)
        if body < len(text):  # text is stripped: whitespace never runs to the end
            line_end = text.find("\n", body)
            return text[body:] if line_end < 0 else text[body:line_end]
