"""Endpoints of comparisons a team can act on: verdict, rescore, pairwise judge (issue 10).
Included by app/experiments/router.py; the baseline lives with datasets (app/datasets)."""

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Query

from app.auth.deps import PrincipalDep, ReaderDep
from app.db import SessionDep
from app.experiments import pairwise, rescore, verdict
from app.experiments.comparison_schemas import (
    PairwiseIn,
    PairwiseRead,
    RescoreIn,
    RescoreRead,
    VerdictIn,
    VerdictPolicy,
    VerdictRead,
)

router = APIRouter(tags=["experiments"])


@router.post(
    "/experiments/compare/pairwise/", response_model=PairwiseRead,
    operation_id="experiments-compare-pairwise",
)
async def compare_pairwise(body: PairwiseIn, principal: PrincipalDep, db: SessionDep) -> Any:
    """Judge two experiments item by item in both orders with a pairwise_judge evaluator."""
    return await pairwise.compare_pairwise(
        db, principal.organization_id, body.experiment_ids, body.evaluator_id
    )


@router.get("/experiments/{experiment_id}/verdict/", response_model=VerdictRead,
            operation_id="experiments-verdict")
async def get_verdict(
    experiment_id: uuid.UUID,
    principal: PrincipalDep,
    db: SessionDep,
    policy: Annotated[VerdictPolicy, Query()],
    baseline: Annotated[
        uuid.UUID | None, Query(description="Default: the dataset's pinned baseline")
    ] = None,
) -> Any:
    """Pass or fail against a baseline under a policy (query parameters): the CI gate."""
    return await verdict.verdict(db, principal.organization_id, experiment_id, baseline, policy)


@router.post("/experiments/{experiment_id}/verdict/", response_model=VerdictRead,
             operation_id="experiments-verdict-post")
async def post_verdict(
    experiment_id: uuid.UUID, body: VerdictIn, principal: ReaderDep, db: SessionDep
) -> Any:
    """Pass or fail against a baseline under a policy given in the body."""
    policy = VerdictPolicy.model_validate(body.model_dump(exclude={"baseline_id"}))
    return await verdict.verdict(
        db, principal.organization_id, experiment_id, body.baseline_id, policy, loc_root="body"
    )


@router.post("/experiments/{experiment_id}/rescore/", response_model=RescoreRead,
             operation_id="experiments-rescore")
async def rescore_experiment(
    experiment_id: uuid.UUID, body: RescoreIn, principal: PrincipalDep, db: SessionDep
) -> Any:
    """Score a finished experiment's outputs again with these evaluators (no target calls)."""
    return await rescore.rescore(db, principal.organization_id, experiment_id, body.evaluator_ids)
