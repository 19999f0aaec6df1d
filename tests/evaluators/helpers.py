"""Builders for grader unit tests: evaluator snapshots and item dicts as the engine passes them."""

from typing import Any

from app.evaluators.graders import evaluate

_MISSING: Any = object()


def evaluator(kind: str, score_name: str | None = None, **config: Any) -> dict:
    return {
        "id": "ev-1",
        "name": kind,
        "kind": kind,
        "config": config,
        "score_name": score_name or kind,
        "data_type": "numeric",
    }


def item(input: Any = "question", expected: Any = None, **fields: Any) -> dict:
    base = {
        "id": "item-1",
        "input": input,
        "expected_output": expected,
        "context": None,
        "metadata": None,
        "tags": [],
        "agent_args": None,
        "rubric_vars": None,
    }
    return {**base, **fields}


async def grade(
    kind: str,
    output: Any,
    expected: Any = None,
    *,
    messages: list | None = None,
    input: Any = "question",
    **config: Any,
) -> dict:
    """The single score of a deterministic grader."""
    (score,) = await evaluate(evaluator(kind, **config), item(input, expected), output, messages)
    return score
