"""Deterministic graders: (config, expected_output, output) -> Grade, 1.0/0.0 unless noted."""

import json
import math
from collections.abc import Callable
from typing import Any

import regex
from rapidfuzz.distance import Levenshtein

from app.evaluators.graders.extract import (
    Grade,
    clip,
    expected_value,
    failed,
    first_number,
    lookup,
    normalize,
    output_field,
    parse_json,
    reject_constant,
    skipped,
    to_text,
)

# User patterns run on model output inside the worker: a catastrophic pattern must not hang it.
REGEX_TIMEOUT_S = 1.0
# Edit distance costs about len(a) * len(b) / 64 word operations and holds the GIL all along
# (rapidfuzz): 100,000 characters each took 2 s, 300,000 took 13 s with the whole process
# frozen. Beyond this many character pairs (20,000 x 20,000: about 0.1 s) it is refused.
LEVENSHTEIN_MAX_CELLS = 400_000_000


# Compiling unrolls counted repeats: "(a{1000}){1000}" took 3.4 s to compile and
# "((a{1000}){1000}){1000}" never finished, with the GIL held, on the event loop (config
# validation). A pattern's unrolled size is estimated and bounded before it is compiled.
MAX_PATTERN_SIZE = 10_000
_QUANTIFIER = regex.compile(r"\{(\d*)(?:,\d*)?\}")  # linear: digit runs between fixed braces


def pattern_size(pattern: str) -> int:
    """An upper estimate of the compiled size: one per atom, a counted repeat's lower bound
    multiplying the atom or group it repeats (what `regex` unrolls); linear in the pattern."""
    frames = [[0, 0]]  # per open group: [size so far, size of its last element]
    i = 0
    while i < len(pattern):
        char, frame = pattern[i], frames[-1]
        quantifier = _QUANTIFIER.match(pattern, i) if char == "{" else None
        if quantifier and quantifier.group(1):
            times = max(int(quantifier.group(1)), 1)
            frame[0] += frame[1] * (times - 1)
            frame[1] *= times
            i = quantifier.end()
            continue
        if char == "(":
            frames.append([0, 0])
        elif char == ")" and len(frames) > 1:
            size = max(frames.pop()[0], 1)
            frames[-1][0] += size
            frames[-1][1] = size
        else:
            if char == "\\":
                i += 1
            elif char == "[":  # a class is one atom: skip to its closing bracket
                close = pattern.find("]", i + 2)
                i = len(pattern) if close < 0 else close
            frame[0] += 1
            frame[1] = 1
        i += 1
    return sum(f[0] for f in frames)


def check_pattern(pattern: str) -> None:
    """ValueError for a pattern too large to compile quickly (before compiling it)."""
    size = pattern_size(pattern)
    if size > MAX_PATTERN_SIZE:
        raise ValueError(
            f"regular expression too large: it unrolls to about {size:,} elements "
            f"(at most {MAX_PATTERN_SIZE:,}); use open-ended repeats like {{1,}} or +"
        )


def _norm(config: dict, text: str) -> str:
    return normalize(text, case_sensitive=config["case_sensitive"], strip=config["strip"])


def _first_difference(a: str, b: str) -> int:
    return next(
        (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )


def exact_match(config: dict, expected: Any, output: Any) -> Grade:
    want = expected_value(expected, config.get("expected_key"))
    if want is None:
        return skipped()
    want_text, got = _norm(config, to_text(want)), _norm(config, to_text(output))
    if got == want_text:
        return Grade(1.0, "output equals the expected output")
    at = _first_difference(want_text, got)
    return Grade(0.0, f"output differs from expected {clip(want_text)!r} at character {at}")


def contains(config: dict, expected: Any, output: Any) -> Grade:
    needle = config.get("value")
    if needle is None:
        needle = expected_value(expected, config.get("expected_key"))
        if needle is None:
            return skipped()
    needle_text, got = _norm(config, to_text(needle)), _norm(config, to_text(output))
    if needle_text in got:
        return Grade(1.0, f"output contains {clip(needle_text)!r}")
    return Grade(0.0, f"output does not contain {clip(needle_text)!r}")


def regex_match(config: dict, _expected: Any, output: Any) -> Grade:
    # Case is handled by the IGNORECASE flag: folding the text would break patterns like [A-Z].
    text = normalize(to_text(output), strip=config["strip"])
    flags = 0 if config["case_sensitive"] else regex.IGNORECASE
    matcher = regex.fullmatch if config["mode"] == "fullmatch" else regex.search
    try:
        match = matcher(
            config["pattern"], text, flags=flags, timeout=REGEX_TIMEOUT_S, concurrent=True
        )
    except TimeoutError:
        return failed(f"regex timed out after {REGEX_TIMEOUT_S:g}s", error="timeout")
    if match:
        return Grade(1.0, f"pattern matched {clip(match.group(0))!r}")
    verb = "fully match" if config["mode"] == "fullmatch" else "match"
    return Grade(0.0, f"pattern {clip(config['pattern'])!r} did not {verb} the output")


def json_valid(_config: dict, _expected: Any, output: Any) -> Grade:
    if output is None:
        return Grade(0.0, "no output")
    if not isinstance(output, str):
        return Grade(1.0, "output is structured JSON")
    try:
        parsed = json.loads(output.strip(), parse_constant=reject_constant)
    except (ValueError, RecursionError) as exc:
        # Strict on purpose: a fenced block is what json_match accepts, not "valid JSON".
        fenced = parse_json(output)[0]
        note = "JSON inside a code fence, not bare JSON" if fenced else f"not valid JSON: {exc}"
        return Grade(0.0, f"output is {note}")
    return Grade(1.0, f"output is valid JSON ({type(parsed).__name__})")


def _describe(value: Any) -> str:
    return clip(to_text(value) if not isinstance(value, str) else repr(value), 60)


def _diff(want: Any, got: Any, path: str, subset: bool, norm: Callable[[str], str]) -> str | None:
    """The first difference between want and got as "path: what", or None when they match."""
    if isinstance(want, dict):
        if not isinstance(got, dict):
            return f"{path}: expected an object, got {_describe(got)}"
        extra = sorted(set(got) - set(want))
        if extra and not subset:
            return f"{path}.{extra[0]}: unexpected key"
        for key, value in want.items():
            if key not in got:
                return f"{path}.{key}: missing"
            found = _diff(value, got[key], f"{path}.{key}", subset, norm)
            if found:
                return found
        return None
    if isinstance(want, list):
        if not isinstance(got, list) or len(got) != len(want):
            return f"{path}: expected {len(want)} items, got {_describe(got)}"
        for i, (w, g) in enumerate(zip(want, got, strict=True)):
            found = _diff(w, g, f"{path}[{i}]", subset, norm)
            if found:
                return found
        return None
    if isinstance(want, str) and isinstance(got, str):
        same = norm(want) == norm(got)
    else:  # bool is an int in Python: 1 must not equal true
        same = (isinstance(want, bool) == isinstance(got, bool)) and want == got
    return None if same else f"{path}: expected {_describe(want)}, got {_describe(got)}"


def json_match(config: dict, expected: Any, output: Any) -> Grade:
    key = config.get("expected_key")
    want = lookup(expected, key) if key else expected
    if want is None:
        return skipped()
    if isinstance(want, str):
        ok, parsed = parse_json(want)
        want = parsed if ok else want
    ok, got = parse_json(output)
    if not ok:
        return Grade(0.0, "output is not valid JSON")
    got = output_field(got, key)
    subset = config["mode"] == "subset"
    found = _diff(want, got, "$", subset, lambda s: _norm(config, s))
    if found is None:
        return Grade(
            1.0,
            "output contains the expected JSON" if subset else "output equals the expected JSON",
        )
    return Grade(0.0, f"JSON mismatch at {found}")


def numeric_close(config: dict, expected: Any, output: Any) -> Grade:
    want_raw = expected_value(expected, config.get("expected_key"))
    if want_raw is None:
        return skipped()
    want = first_number(want_raw)
    if want is None:
        return failed(
            f"expected output {_describe(want_raw)} has no number", error="no_expected_number"
        )
    got = first_number(output)
    if got is None:
        return Grade(0.0, "no number in output")
    tol = f"abs_tol {config['abs_tol']:g}, rel_tol {config['rel_tol']:g}"
    if math.isclose(got, want, rel_tol=config["rel_tol"], abs_tol=config["abs_tol"]):
        return Grade(1.0, f"{got:g} is within tolerance of {want:g} ({tol})")
    return Grade(0.0, f"{got:g} differs from {want:g} by {abs(got - want):g} ({tol})")


def levenshtein(config: dict, expected: Any, output: Any) -> Grade:
    want = expected_value(expected, config.get("expected_key"))
    if want is None:
        return skipped()
    a, b = _norm(config, to_text(want)), _norm(config, to_text(output))
    if len(a) * len(b) > LEVENSHTEIN_MAX_CELLS:
        return failed(
            f"texts too long for edit distance ({len(a)} x {len(b)} characters, "
            f"at most {LEVENSHTEIN_MAX_CELLS:,} pairs)", error="too_long",
        )
    longest = max(len(a), len(b))
    distance = Levenshtein.distance(a, b)
    similarity = 1.0 if longest == 0 else 1.0 - distance / longest
    return Grade(similarity, f"edit distance {distance} over {longest} characters")


def length(config: dict, _expected: Any, output: Any) -> Grade:
    text = normalize(to_text(output), strip=config["strip"])
    unit = "words" if config["unit"] == "words" else "characters"
    count = len(text.split()) if unit == "words" else len(text)
    low, high = config.get("min"), config.get("max")
    if low is not None and count < low:
        return Grade(0.0, f"{count} {unit}, fewer than the minimum {low}")
    if high is not None and count > high:
        return Grade(0.0, f"{count} {unit}, more than the maximum {high}")
    bounds = f"[{low if low is not None else 0}, {high if high is not None else '∞'}]"
    return Grade(1.0, f"{count} {unit}, within {bounds}")


def is_ascii(config: dict, _expected: Any, output: Any) -> Grade:
    text = normalize(to_text(output), strip=config["strip"])
    for position, char in enumerate(text):
        if ord(char) > 127:
            return Grade(
                0.0, f"non-ASCII character {char!r} (U+{ord(char):04X}) at position {position}"
            )
    return Grade(1.0, "output is ASCII only")


GRADERS: dict[str, Callable[[dict, Any, Any], Grade]] = {
    "exact_match": exact_match,
    "contains": contains,
    "icontains": contains,
    "regex": regex_match,
    "json_valid": json_valid,
    "json_match": json_match,
    "numeric_close": numeric_close,
    "levenshtein": levenshtein,
    "length": length,
    "is_ascii": is_ascii,
}
