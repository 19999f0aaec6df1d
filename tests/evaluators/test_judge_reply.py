"""The judge-reply parser is linear in the reply's length (it is model output, parsed on the
event loop) and reads every reply as the backtracking regexes it replaced did."""

import random
import re
import time

import pytest

from app.evaluators.graders.extract import fenced_blocks, first_number, parse_json
from app.evaluators.graders.judge_reply import _from_lines, _reason_line, _score_value, parse_reply

# The patterns the parser replaced, kept here as the reference for the differential tests.
OLD_FENCED = re.compile(r"```[ \t]*(?:json|JSON)?[ \t]*\n?(.*?)```", re.DOTALL)
OLD_SCORE_LINE = re.compile(
    r"\b(?:score|rating|grade)\b\**\s*(?:[:=]|is)?\s*\**\s*([-+]?\d+(?:\.\d+)?)\s*"
    r"(?:(?:/|out of)\s*(\d+(?:\.\d+)?)|(%))?",
    re.IGNORECASE,
)
OLD_REASON_LINE = re.compile(
    r"^\W*(?:reason|explanation|rationale)\W*[:=]\s*(.+)$", re.IGNORECASE | re.MULTILINE
)
OLD_SCORE_VALUE = re.compile(r"([-+]?\d+(?:\.\d+)?)\s*(?:(?:/|out of)\s*(\d+(?:\.\d+)?)|(%))?")

# Adversarial replies of about 1 MB each. Before: "score" + 2,000 spaces + "x" took 49 s
# (cubic: 0.39 s for 400 spaces), "```" + 400 spaces 0.11 s; now each 1 MB reply is milliseconds.
MB = 1_000_000
ADVERSARIAL = {
    "score then spaces": "score" + " " * MB + "x",
    "score then stars and spaces": "Score" + "* " * (MB // 2) + "x",
    "score words and spaces": ("score " + " " * 100) * (MB // 106) + "x",
    "score is, repeated": "score is " * (MB // 9),
    "number then spaces": "score: 5" + " " * MB + "x",
    "out of then spaces": "score: 5 out of" + " " * MB + "x",
    "open fence then blanks": "```" + " \t" * (MB // 2) + "x",
    "many open fences": "```json " * (MB // 8),
    "reason then non-words": "Reason" + " -" * (MB // 2) + "x",
    "reason then colons": "\nReason" + ":" * MB,
    "reason lines": ("reason" + " " * 50 + "\n") * (MB // 57) + "score: 1",
    "non-words before reason": "\n" + "!" * MB + "reason: x\nscore: 1",
    "braces": "{" * MB,
    "open strings": '{"a' * (MB // 3),
    "digits": "score: " + "1" * MB + ".",
}


@pytest.mark.parametrize("name", list(ADVERSARIAL))
def test_a_megabyte_of_adversarial_reply_parses_in_linear_time(name: str) -> None:
    text = ADVERSARIAL[name]
    started = time.perf_counter()
    parse_reply(text)
    fenced_blocks(text)
    # A complexity check, not a benchmark: quadratic would be hours, linear is 0.5 s at most
    # on a quiet machine (10 s leaves room for a busy one running the suite in parallel).
    assert time.perf_counter() - started < 10.0


def test_two_thousand_spaces_after_score_parse_in_well_under_a_second() -> None:
    started = time.perf_counter()
    assert parse_reply("score" + " " * 2000 + "x") is None
    assert parse_reply("score" + " " * 2000 + "0.5") == (0.5, "no reason given", None)
    assert time.perf_counter() - started < 1.0  # the cubic regex took ~110 s


@pytest.mark.parametrize("text", ["," * MB, "-" * MB, "1," * (MB // 2), "-." * (MB // 2), "1,23" * (MB // 4)])
def test_number_and_json_extraction_are_linear(text: str) -> None:
    started = time.perf_counter()
    first_number(text)
    parse_json(text)
    assert time.perf_counter() - started < 10.0


def _old_score_line(text: str) -> tuple | None:
    match = OLD_SCORE_LINE.search(text)
    if match is None:
        return None
    reason = OLD_REASON_LINE.search(text)
    rest = (text[: match.start()] + text[match.end():]).strip().lstrip(".:-* ").rstrip(":-* ")
    return match.groups(), reason.group(1) if reason else rest[:500]


def _new_score_line(text: str) -> tuple | None:
    raw = _from_lines(text)
    if raw is None:
        return None
    return raw.value, raw.scale, raw.reason


def _as_new(old: tuple | None) -> tuple | None:
    if old is None:
        return None
    (value, denominator, percent), reason = old
    scale = float(denominator) if denominator else (100.0 if percent else None)
    return float(value), scale, reason if len(reason) <= 500 else reason[:499] + "…"


# Small random replies over the characters the patterns care about: thousands of them find
# any reading where the scan and the regexes disagree.
PIECES = ["score", "Rating", "GRADE", "reason", "Explanation", "rationale", "is", "IS", "out of",
          "OUT OF", ":", "=", "*", "**", " ", "\t", "\n", "/", "%", "-", "+", ".", "0", "7", "12",
          "x", "_", "a", "```", "json", "JSON", "{", "}", '"', "٣"]


SHAPE = [PIECES, ["score", "rating", "reason", "Explanation", "```", "```json", "7"],
         [" ", "\t", "\n", "*", ":", "=", "is", "-", "!"], ["-", "+", "7", "12", ".", "0", "٣", " "],
         [" ", "/", "out of", "OUT OF", "%", "7", ".", "\n", "```"], PIECES]


def _random_reply(rng: random.Random) -> str:
    """Half of them shaped like a reply (words, separators, number, scale), half anything."""
    if rng.random() < 0.5:
        return "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 14)))
    return "".join(rng.choice(part) for part in SHAPE for _ in range(rng.randint(0, 3)))


def test_the_scan_reads_score_lines_exactly_as_the_old_regex() -> None:
    rng = random.Random(15)
    for _ in range(50_000):
        text = _random_reply(rng).strip()
        assert _new_score_line(text) == _as_new(_old_score_line(text)), text


def test_the_scan_finds_the_same_reason_line_as_the_old_regex() -> None:
    rng = random.Random(8)
    for _ in range(50_000):
        text = _random_reply(rng).strip()
        old = OLD_REASON_LINE.search(text)
        assert _reason_line(text) == (old.group(1) if old else None), text


def test_fenced_blocks_are_the_old_regex_matches() -> None:
    rng = random.Random(3)
    for _ in range(50_000):
        text = _random_reply(rng)
        assert fenced_blocks(text) == [m.group(1).strip() for m in OLD_FENCED.finditer(text)], text
    assert len(fenced_blocks("```a```" * 100)) == 50  # only so many are parsed as JSON


def test_score_strings_read_as_the_old_fullmatch() -> None:
    rng = random.Random(5)
    for _ in range(50_000):
        text = _random_reply(rng).strip()
        old = OLD_SCORE_VALUE.fullmatch(text)
        new = _score_value(text)
        assert ((new.value, new.scale) if new else None) == (_as_new((old.groups(), ""))[:2] if old else None), text
