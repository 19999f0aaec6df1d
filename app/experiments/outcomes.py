"""One run's outcome (target, then every evaluator) and the writer that records outcomes in
batches: one transaction per batch, each run's write guarded by its fencing token."""

import asyncio
import logging
import uuid
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

from app.evaluators import graders
from app.experiments import runstate, targets

log = logging.getLogger(__name__)

CANCELLED = {"status": "cancelled", "error": "experiment cancelled"}
FLUSH_EVERY_S = 0.05  # an outcome waits at most this long before its batch is written
FLUSH_AT = 200  # ... or until this many are waiting


class Run(Protocol):
    id: uuid.UUID
    item: dict
    repetition: int


async def execute(snapshot: dict, run: Run,
                  still_running: Callable[[], Awaitable[bool]]) -> tuple[dict, list[dict]]:
    """The run's recorded values and scores: target output, then every evaluator on it."""
    try:
        result = await targets.run_target(snapshot, run.item, still_running)
    except targets.RunCancelled:
        return CANCELLED, []
    except Exception as exc:  # a bug in a target must fail the run, not leave it running
        log.exception("target failed for run %s", run.id)
        result = targets.TargetResult(error=f"internal error: {exc!r}")
    values = {
        "status": "completed" if result.ok else "failed",
        "output": result.output,
        "messages": result.messages,
        "error": result.error,
        "error_class": result.error_class,
        "error_detail": result.error_detail,
        "latency_ms": result.latency_ms,
        "tokens_in": result.tokens_in,
        "tokens_out": result.tokens_out,
        "cost": result.cost,
        "attempts": result.attempts,
        "tool_calls": result.tool_calls,
        "cache_hits": result.cache_hits,
        "output_truncated": result.output_truncated,
    }
    evaluators = snapshot.get("evaluators") or []
    if not evaluators:
        return values, []
    if not result.ok:  # counted as target_error per evaluator, not silently missing
        return values, target_error_scores(evaluators, result.error)
    if any(e.get("kind") == "llm_judge" for e in evaluators) and not await still_running():
        return {**values, **CANCELLED}, []
    return values, await grade(evaluators, run.item, result.output, result.messages)


async def grade(
    evaluators: list[dict], item: dict, output: Any, messages: list[dict]
) -> list[dict]:
    """Every evaluator's scores as rows for the score table; a grader crash is a failed score."""
    if len(evaluators) == 1:  # the common case, without a gather's tasks
        outcomes: list[Any] = []
        try:
            outcomes.append(await graders.evaluate(evaluators[0], item, output, messages))
        except Exception as exc:  # noqa: BLE001 - recorded as a failed score below
            outcomes.append(exc)
    else:
        outcomes = await asyncio.gather(
            *(graders.evaluate(e, item, output, messages) for e in evaluators),
            return_exceptions=True)
    rows = []
    for evaluator, outcome in zip(evaluators, outcomes, strict=True):
        if isinstance(outcome, BaseException):
            log.error("evaluator %s raised: %r", evaluator.get("name"), outcome)
            outcome = [_failed_score(evaluator, outcome)]
        rows.extend(_score_row(evaluator, score) for score in outcome)
    return rows


def target_error_scores(evaluators: list[dict], error: str | None) -> list[dict]:
    """One valueless row per score an evaluator would have written: the target failed."""
    rows = []
    for evaluator in evaluators:
        name = evaluator.get("score_name") or evaluator.get("name") or ""
        names = [name]
        if evaluator.get("kind") == "llm_judge" and (evaluator.get("config") or {}).get(
            "pass_threshold"
        ) is not None:
            names.append(f"{name}_pass")
        for score_name in names:
            rows.append(_score_row(evaluator, {
                "name": score_name,
                "data_type": "boolean" if score_name != name else evaluator.get("data_type"),
                "reason": f"not graded: the target failed ({(error or 'no output')[:200]})",
                "status": "target_error",
            }))
    return rows


def _status(score: dict) -> str:
    """A score without a value is an evaluator (judge) error unless it says otherwise."""
    if score.get("status"):
        return score["status"]
    if (score.get("details") or {}).get("skipped"):
        return "skipped"  # nothing to grade against (no expected output): no value, not a 0
    empty = score.get("numeric_value") is None and score.get("string_value") is None
    return "judge_error" if empty else "ok"


def _failed_score(evaluator: dict, exc: BaseException) -> dict:
    return {
        "name": evaluator.get("score_name") or evaluator.get("name"),
        "data_type": evaluator.get("data_type") or "numeric",
        "numeric_value": None,
        "string_value": None,
        "reason": f"evaluator error: {exc!r}",
        "status": "judge_error",
        "details": {"failed": True, "error": repr(exc)},
    }


def _score_row(evaluator: dict, score: dict) -> dict:
    evaluator_id = score.get("evaluator_id") or evaluator.get("id")
    return {
        "id": uuid.uuid4(),
        "evaluator_id": uuid.UUID(str(evaluator_id)) if evaluator_id else None,
        "name": score.get("name") or evaluator.get("score_name") or evaluator.get("name") or "",
        "data_type": score.get("data_type") or "numeric",
        "numeric_value": score.get("numeric_value"),
        "string_value": score.get("string_value"),
        "reason": score.get("reason") or "",
        "source": score.get("source") or "evaluator",
        "status": _status(score),
        "evaluator_version": score.get("evaluator_version") or evaluator.get("version"),
        "details": score.get("details"),
        "created_at": runstate.utcnow(),
    }


Outcome = tuple[uuid.UUID, int, dict, list[dict]]


class OutcomeWriter:
    """Group commit: outcomes wait in memory for at most FLUSH_EVERY_S, then one transaction
    records the batch. `held` (run id -> fence) loses each run once its outcome is written."""

    def __init__(self, sessions: runstate.Sessions, held: dict[uuid.UUID, int]) -> None:
        self.sessions, self.held = sessions, held
        self.waiting: list[Outcome] = []
        self.wake = asyncio.Event()
        self.task: asyncio.Task | None = None
        self.closing = False

    def add(self, run_id: uuid.UUID, fence: int, values: dict, scores: list[dict]) -> None:
        self.waiting.append((run_id, fence, values, scores))
        if self.task is None or self.task.done():
            self.task = asyncio.create_task(self._drain())
        elif len(self.waiting) >= FLUSH_AT:
            self.wake.set()

    async def _drain(self) -> None:
        while self.waiting:
            if not self.closing:
                try:
                    await asyncio.wait_for(self.wake.wait(), FLUSH_EVERY_S)
                except TimeoutError:
                    pass
                self.wake.clear()
            await self.flush()

    async def flush(self) -> None:
        batch, self.waiting = self.waiting, []
        if not batch:
            return
        try:
            await runstate.finish_many(self.sessions, batch)
        except BaseException:
            self.waiting[:0] = batch  # still ours to write (or to hand back)
            raise
        for run_id, *_ in batch:
            self.held.pop(run_id, None)

    async def close(self) -> None:
        """Write everything waiting; returns when it is recorded (raises if it cannot be)."""
        self.closing = True
        self.wake.set()
        task, self.task = self.task, None
        if task is not None:
            try:
                await asyncio.shield(task)
            except asyncio.CancelledError:
                if not task.done():
                    await asyncio.gather(task, return_exceptions=True)
                    raise
            except Exception:
                log.warning("writing outcomes failed; retrying", exc_info=True)
        await self.flush()
