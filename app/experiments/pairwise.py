"""Pairwise comparison of two experiments: every item judged in both orders; a win counts
only when it survives the swap, otherwise the item is a tie. Every reply is kept."""

import asyncio
import uuid
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.errors import NotFound, field_error
from app.evaluators import graders
from app.evaluators import service as evaluators_service
from app.evaluators.graders import pairwise as pairwise_judge
from app.evaluators.graders.configs import validate_config
from app.evaluators.versions import content_hash
from app.experiments import compare, stats
from app.experiments.snapshot import ITEM_COLUMNS, item_dict
from app.models import DatasetItem, Evaluator, ExperimentRun, PairwiseJudgement
from app.models.base import utcnow

CONCURRENCY = 8  # items judged at once (two calls each)
SWAP = {"A": "b", "B": "a", "tie": "tie"}  # the swapped call's answer, in experiment terms
SAME = {"A": "a", "B": "b", "tie": "tie"}


async def _evaluator(
    db: AsyncSession, organization_id: uuid.UUID, evaluator_id: uuid.UUID
) -> Evaluator:
    try:
        evaluator = await evaluators_service.get(db, organization_id, evaluator_id)
    except NotFound:  # named in the body: a field error, as for experiment_ids
        raise field_error("evaluator_id", "Evaluator not found.") from None
    if evaluator.kind != "pairwise_judge":
        raise field_error("evaluator_id", f"{evaluator.name!r} is a {evaluator.kind} evaluator; "
                          "a pairwise comparison needs a pairwise_judge.")
    return evaluator


async def _outputs(db: AsyncSession, experiment_id: uuid.UUID) -> dict[uuid.UUID, Any]:
    """The completed first-repetition runs: item id -> (item row, output)."""
    rows = await db.execute(
        select(ExperimentRun.output, *ITEM_COLUMNS)
        .join(DatasetItem, DatasetItem.id == ExperimentRun.dataset_item_id)
        .where(ExperimentRun.experiment_id == experiment_id, ExperimentRun.repetition == 0,
               ExperimentRun.status == "completed")
    )
    return {row.id: row for row in rows}


def _outcome(first: str | None, swapped: str | None) -> str:
    if first is None or swapped is None:
        return "error"
    return first if first == swapped else "tie"  # a win must survive the swap


async def _judge_item(config: dict, row_a: Any, row_b: Any) -> dict[str, Any]:
    item = item_dict(row_a)
    one = await pairwise_judge.judge_once(
        config, pairwise_judge.values_for(config, item, row_a.output, row_b.output))
    two = await pairwise_judge.judge_once(
        config, pairwise_judge.values_for(config, item, row_b.output, row_a.output))
    first = SAME.get(one["winner"]) if one["winner"] else None
    swapped = SWAP.get(two["winner"]) if two["winner"] else None
    return {
        "dataset_item_id": row_a.id,
        "sort_order": row_a.sort_order,
        "outcome": _outcome(first, swapped),
        "first_order": first,
        "swapped_order": swapped,
        "position_consistent": None if first is None or swapped is None else first == swapped,
        "replies": [{"order": "a_first", **one}, {"order": "b_first", **two}],
    }


def summarize(judged: list[dict], unpaired: int) -> dict[str, Any]:
    outcomes = [j["outcome"] for j in judged]
    wins_a, wins_b = outcomes.count("a"), outcomes.count("b")
    consistent = [j["position_consistent"] for j in judged if j["position_consistent"] is not None]
    return {
        "wins_a": wins_a,
        "wins_b": wins_b,
        "ties": outcomes.count("tie"),
        "errors": outcomes.count("error"),
        "unpaired": unpaired,
        "n_judged": len(consistent),
        "position_consistency": round(sum(consistent) / len(consistent), 6) if consistent else None,
        "p_value": stats.sign_test_p(wins_a, wins_b),
    }


async def compare_pairwise(
    db: AsyncSession, organization_id: uuid.UUID, experiment_ids: list[uuid.UUID],
    evaluator_id: uuid.UUID,
) -> dict[str, Any]:
    """Judge the items both experiments completed; store one row per item with both replies."""
    ids = compare.distinct_ids(experiment_ids, "body")
    a, b = await compare.org_experiments(db, organization_id, ids)
    evaluator = await _evaluator(db, organization_id, evaluator_id)
    config = validate_config(evaluator.kind, evaluator.config)
    version = content_hash(evaluator.kind, evaluator.config)
    outputs_a, outputs_b = await _outputs(db, a.id), await _outputs(db, b.id)
    shared = sorted((i for i in outputs_a if i in outputs_b),
                    key=lambda i: (outputs_a[i].sort_order, str(i)))
    gate = asyncio.Semaphore(CONCURRENCY)
    graders.grading_org.set(str(organization_id))

    async def one(item_id: uuid.UUID) -> dict[str, Any]:
        async with gate:
            return await _judge_item(config, outputs_a[item_id], outputs_b[item_id])

    judged = list(await asyncio.gather(*(one(i) for i in shared)))
    comparison_id = uuid.uuid4()
    if judged:
        await db.execute(insert(PairwiseJudgement), [
            {"id": uuid.uuid4(), "organization_id": organization_id,
             "comparison_id": comparison_id, "evaluator_id": evaluator.id,
             "evaluator_version": version, "experiment_a_id": a.id, "experiment_b_id": b.id,
             "dataset_item_id": j["dataset_item_id"], "outcome": j["outcome"],
             "first_order": j["first_order"], "swapped_order": j["swapped_order"],
             "replies": j["replies"], "reason": _reason(j), "position": n,
             "created_at": utcnow()}
            for n, j in enumerate(judged)
        ])
    await db.commit()
    unpaired = len(set(outputs_a) ^ set(outputs_b))
    return {
        "comparison_id": comparison_id,
        "experiment_a": a.id,
        "experiment_b": b.id,
        "evaluator_id": evaluator.id,
        "evaluator_version": version,
        "summary": summarize(judged, unpaired),
        "items": [{k: v for k, v in j.items() if k != "sort_order"} for j in judged],
    }


def _reason(judged: dict) -> str:
    return " | ".join(f"{r['order']}: {r['winner'] or 'no verdict'} ({r['reason']})"
                      for r in judged["replies"])[:2000]
