"""Payloads of the comparison endpoints (issue 10): baseline, verdict, rescore, pairwise."""

import uuid
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from app.datasets.schemas import UTCDateTime


class BaselineIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    experiment_id: uuid.UUID


class BaselineRead(BaseModel):
    dataset_id: uuid.UUID
    experiment_id: uuid.UUID
    updated_at: UTCDateTime


class VerdictPolicy(BaseModel):
    """What a candidate must satisfy against its baseline to pass (as query parameters,
    next to `baseline`, so unknown keys are not refused here; the body form refuses them)."""

    alpha: float = Field(default=0.05, gt=0, lt=1, description="Significance level")
    no_worse_scores: bool = Field(
        default=True, description="Fail when any score is significantly worse"
    )
    no_new_failures: bool = Field(
        default=True, description="Fail when an item that passed in the baseline fails now"
    )
    all_scored: bool = Field(
        default=True, description="Fail when any item of the candidate is not scored"
    )
    no_worse_latency: bool = Field(default=False, description="Latency significantly worse fails")
    no_worse_cost: bool = Field(default=False, description="Cost significantly worse fails")
    min_coverage: float = Field(
        default=0.0, ge=0, le=1, description="Fail when a score's coverage is below this"
    )


class VerdictIn(VerdictPolicy):
    model_config = ConfigDict(extra="forbid")

    baseline_id: uuid.UUID | None = Field(
        default=None, description="Default: the dataset's pinned baseline"
    )


class VerdictRead(BaseModel):
    experiment_id: uuid.UUID
    baseline_id: uuid.UUID
    verdict: Literal["pass", "fail"]
    reasons: list[str]
    policy: VerdictPolicy
    checks: list[dict[str, Any]]


class RescoreIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    evaluator_ids: list[uuid.UUID] = Field(min_length=1, max_length=100)


class RescoreRead(BaseModel):
    experiment_id: uuid.UUID
    evaluators: list[dict[str, Any]] = Field(description="{id, name, version} of each")
    runs_scored: int
    scores_written: int
    scores_replaced: int


class PairwiseIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    experiment_ids: list[uuid.UUID] = Field(min_length=2, max_length=2, description="[a, b]")
    evaluator_id: uuid.UUID


class PairwiseRead(BaseModel):
    comparison_id: uuid.UUID
    experiment_a: uuid.UUID
    experiment_b: uuid.UUID
    evaluator_id: uuid.UUID
    evaluator_version: str
    summary: dict[str, Any] = Field(
        description="wins_a, wins_b, ties, errors, n_judged, position_consistency, p_value"
    )
    items: list[dict[str, Any]]
