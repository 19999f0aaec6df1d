"""Grading entry points for the experiment engine: evaluate(), missing_rubric_variables(),
validate_config(). Graders never raise for bad output: a grading that cannot be done is a
failed score (numeric_value None, details.failed), never a silent 0."""

import asyncio
import logging
import weakref
from contextvars import ContextVar
from typing import Any

from app.errors import InvalidInput
from app.evaluators.graders import extractors
from app.evaluators.graders import judge as llm_judge
from app.evaluators.graders import tools as tool_graders
from app.evaluators.graders.configs import KINDS, check_kind, data_type_for, validate_config
from app.evaluators.graders.deterministic import GRADERS
from app.evaluators.graders.extract import (
    Grade,
    failed,
    is_multi_turn,
    is_skipped,
    output_field,
    turn_replies,
)
from app.executors import POOL_SIZES, run_in
from app.fairness import FairSlots

__all__ = [
    "KINDS",
    "check_kind",
    "data_type_for",
    "evaluate",
    "missing_rubric_variables",
    "validate_config",
]

log = logging.getLogger(__name__)

# Kinds comparing output with expected: with expected_key, an object output's same field is used.
# (json_match applies it itself, after parsing a JSON text output.)
COMPARES_FIELDS = {"exact_match", "contains", "icontains", "levenshtein", "numeric_close"}
# Kinds whose work on untrusted text can take long: a member's pattern (bounded by its
# timeout), edit distance (bounded in size), parsing a large JSON output. They run on the
# "graders" pool: never on the event loop, never on the default pool others share (argon2
# logins once waited 29 s behind regexes there). The rest are linear scans done in place.
OFF_LOOP = frozenset({"regex", "levenshtein", "json_match", "json_valid"})
# Whose output is graded (the engine sets the experiment's organization): each organization
# holds at most this share of the graders pool, handed out round robin (app.fairness), so
# one tenant's catastrophic patterns leave threads for everyone else's.
grading_org: ContextVar[str] = ContextVar("grading_org", default="")
GRADER_ORG_SHARE = 0.5
_pool_slots: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, FairSlots]" = (
    weakref.WeakKeyDictionary()
)


def missing_rubric_variables(evaluator: dict, item: dict) -> list[str]:
    """Rubric placeholders this item cannot fill ([] for kinds without a rubric)."""
    if evaluator.get("kind") != "llm_judge":
        return []
    config = _rubric_for(evaluator.get("config") or {}, item)
    if not isinstance(config.get("rubric"), str):
        return []
    return llm_judge.missing_variables(config, item)


def _rubric_for(config: dict, item: dict) -> dict:
    """With sample_rubric, the item's own rubric (metadata.rubric) replaces the config's."""
    own = (item.get("metadata") or {}).get("rubric") if config.get("sample_rubric") else None
    return {**config, "rubric": own} if isinstance(own, str) and own.strip() else config


async def evaluate(
    evaluator: dict, item: dict, output: Any, messages: list[dict] | None
) -> list[dict]:
    """Score dicts for one output: one, plus "<score_name>_pass" for a judge with a threshold."""
    kind = evaluator["kind"]
    try:
        config = validate_config(kind, evaluator.get("config") or {})
    except InvalidInput as exc:
        messages_ = "; ".join(f"{'.'.join(map(str, e['loc'][1:]))}: {e['msg']}" for e in exc.detail)
        return [
            _score(evaluator, failed(f"invalid evaluator config: {messages_}", error=messages_))
        ]
    try:
        if kind in tool_graders.KINDS:  # the whole run's tool calls, against the last truth
            _, expected, _ = extractors.extract_whole(config, item, None, None)
            grade = tool_graders.grade(kind, config, expected, messages)
        elif is_multi_turn(item) and not extractors.is_whole(config):
            grade = await _grade_turns(kind, config, item, output, messages)
        else:
            turn_input, expected, graded = extractors.extract_whole(config, item, output, messages)
            grade = await _grade(kind, config, item, turn_input, expected, graded)
    except extractors.ExtractionFailed as exc:
        grade = failed(str(exc), error="extractor")
    except Exception as exc:  # a grader bug must cost one score, not the whole run
        log.exception("grader %s failed on item %s", kind, item.get("id"))
        grade = failed(f"grader error: {exc}", error=repr(exc))
    scores = [_score(evaluator, grade)]
    if kind == "llm_judge" and config.get("pass_threshold") is not None:
        scores.append(_pass_score(evaluator, grade, config["pass_threshold"]))
    return scores


async def _grade(
    kind: str, config: dict, item: dict, turn_input: Any, expected: Any, output: Any
) -> Grade:
    if kind == "llm_judge":
        config = _rubric_for(config, item)
        values = llm_judge.rubric_values(config, item, turn_input, output, expected)
        missing = [n for n in llm_judge.placeholders(config["rubric"]) if n not in values]
        if missing:
            return failed(
                f"missing rubric variables: {', '.join(missing)}", missing_variables=missing
            )
        return await llm_judge.judge(config, values)
    if kind in COMPARES_FIELDS:
        output = output_field(output, config.get("expected_key"))
    if kind in OFF_LOOP:
        return await _off_loop(kind, config, expected, output)
    return GRADERS[kind](config, expected, output)


async def _off_loop(kind: str, config: dict, expected: Any, output: Any) -> Grade:
    loop = asyncio.get_running_loop()
    slots = _pool_slots.get(loop)
    if slots is None:
        slots = _pool_slots[loop] = FairSlots(POOL_SIZES["graders"], GRADER_ORG_SHARE)
    async with slots.take(grading_org.get()):
        return await run_in("graders", GRADERS[kind], config, expected, output)


async def _grade_turns(
    kind: str, config: dict, item: dict, output: Any, messages: list[dict] | None
) -> Grade:
    """Each turn's reply against the same turn's ground truth; the score is the mean."""
    inputs, truths = item["input"], item["expected_output"]
    replies = turn_replies(len(inputs), output, messages)
    turns: list[dict[str, Any]] = []
    grades: list[Grade] = []
    for number, (turn_input, truth, reply) in enumerate(
        zip(inputs, truths, replies, strict=True), 1
    ):
        if reply is None:
            grade = Grade(0.0, "no assistant reply for this turn")
        else:
            reply = extractors.extract_reply(config, reply)
            grade = await _grade(kind, config, item, turn_input, truth, reply)
        grades.append(grade)
        entry = {"turn": number, "score": grade.value, "reason": grade.reason}
        turns.append({**entry, "details": grade.details} if grade.details else entry)
    details: dict[str, Any] = {"turns": turns, **_total_usage(grades)}
    bad = next((t for t, g in zip(turns, grades, strict=True)
                if g.value is None and not is_skipped(g)), None)
    if bad is not None:
        return Grade(None, f"turn {bad['turn']}: {bad['reason']}", {"failed": True, **details})
    # A turn without ground truth is left out of the mean, not counted as a 0.
    graded = [(t, g) for t, g in zip(turns, grades, strict=True) if not is_skipped(g)]
    if not graded:
        return Grade(None, "no expected output for any turn", {"skipped": "no_expected_output",
                                                                **details})
    mean = sum(g.value for _, g in graded) / len(graded)
    listing = ", ".join(f"turn {t['turn']}: {t['score']:g}" for t, _ in graded)
    return Grade(mean, f"mean of {len(graded)} turns ({listing})", details)


def _total_usage(grades: list[Grade]) -> dict[str, Any]:
    used = [g.details for g in grades if g.details and "tokens_in" in g.details]
    if not used:
        return {}
    costs = [d["cost"] for d in used if d.get("cost") is not None]
    return {
        "tokens_in": sum(d["tokens_in"] for d in used),
        "tokens_out": sum(d["tokens_out"] for d in used),
        "cost": sum(costs) if costs else None,
    }


def _score(evaluator: dict, grade: Grade) -> dict:
    return {
        "name": evaluator["score_name"],
        "data_type": evaluator.get("data_type") or data_type_for(evaluator["kind"], {}),
        "numeric_value": grade.value,
        "string_value": None,
        "source": "evaluator",
        "reason": grade.reason,
        "details": grade.details,
        "evaluator_id": evaluator["id"],
    }


def _pass_score(evaluator: dict, grade: Grade, threshold: float) -> dict:
    score = {
        "name": f"{evaluator['score_name']}_pass",
        "data_type": "boolean",
        "source": "evaluator",
        "evaluator_id": evaluator["id"],
    }
    if grade.value is None:
        return {
            **score,
            "numeric_value": None,
            "string_value": None,
            "reason": "no judge score to compare with the threshold",
            "details": {"failed": True},
        }
    passed = grade.value >= threshold
    return {
        **score,
        "numeric_value": 1.0 if passed else 0.0,
        "string_value": "true" if passed else "false",
        "reason": f"score {grade.value:g} {'>=' if passed else '<'} threshold {threshold:g}",
        "details": {"score": grade.value, "threshold": threshold},
    }
