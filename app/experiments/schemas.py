"""Experiment payloads: create, read, start, results, scores, compare."""

import uuid
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer

from app.datasets.schemas import ComparedVersion
from app.experiments.config_schema import ExperimentConfig

Status = Literal["pending", "running", "completed", "failed", "cancelled"]
# `skipped`: never started, because the circuit breaker stopped the experiment (issue 14).
RunStatus = Literal["pending", "running", "completed", "failed", "cancelled", "skipped"]
RUN_STATUSES = ("pending", "running", "completed", "failed", "cancelled", "skipped")
ERROR_CLASS = "app/llm's class of the error (authentication, missing_credentials, rate_limit...)"
ERROR_DETAIL = "The provider's own message, when `error` says it shorter"
REPETITION = "0-based repetition of the item (config.repetitions runs each item N times)"
HISTORY = "Earlier attempts, oldest first, kept by retry-failed; null if never retried"


def iso_z(value: datetime) -> str:
    """ISO 8601 in UTC with `Z`; SQLite hands back naive datetimes that are UTC."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


UTCDateTime = Annotated[datetime, PlainSerializer(iso_z, return_type=str)]


class ToolCallRead(BaseModel):
    name: str
    arguments: Any = Field(default=None, description="As the model (or agent) sent them: an "
                           "object, or the text when it was not valid JSON")
    result: Any = Field(default=None, description="The tool's result: the scripted one "
                        "(tool_results) for a model, the reported one for an agent")
    error: str | None = Field(default=None, description="Why there was no result (no "
                              "tool_results entry for this tool); null otherwise")


TOOL_CALLS = ("Tool calls of the run in order, each {name, arguments, result} (model targets "
              "with tools, agents that report them); null when the target had no tools")


class ExperimentCreate(BaseModel):
    name: str = Field(min_length=1, max_length=300)
    dataset_id: uuid.UUID
    config: ExperimentConfig = Field(default_factory=ExperimentConfig)
    evaluator_ids: list[uuid.UUID] = Field(default_factory=list, max_length=100)
    metadata: dict[str, Any] = Field(default_factory=dict)


class RunCounts(BaseModel):
    total: int = 0
    pending: int = 0
    running: int = 0
    completed: int = 0
    failed: int = 0
    cancelled: int = 0
    skipped: int = 0


class ExperimentRead(BaseModel):
    id: uuid.UUID
    name: str
    dataset_id: uuid.UUID
    config: dict[str, Any]
    evaluator_ids: list[str]
    metadata: dict[str, Any]
    status: Status
    group_id: uuid.UUID | None
    dataset_version: int | None = Field(
        default=None, description="The dataset version it ran on (recorded at start; null "
        "before)")
    error: str = Field(description="Short and actionable: what failed and how to fix it")
    error_class: str = Field(default="", description=ERROR_CLASS)
    error_detail: str = Field(default="", description=ERROR_DETAIL)
    warnings: list[str] = Field(
        default_factory=list,
        description="Preflight findings that do not stop the experiment (an unpriced model)")
    created_at: UTCDateTime
    updated_at: UTCDateTime
    started_at: UTCDateTime | None
    finished_at: UTCDateTime | None
    cost_estimate: float | None = Field(
        default=None, description="USD estimated at start (items x repetitions x prompt tokens "
        "x price + an output allowance + LLM judges' share); null before the start, when a "
        "model has no known price, and for an agent target")
    budget_exhausted: bool = Field(
        default=False, description="config.max_cost was reached: the runs left were skipped")
    counts: RunCounts


class AttemptRead(BaseModel):
    """One earlier attempt of a run, kept when retry-failed ran it again."""

    at: str | None = Field(description="When the attempt finished (ISO 8601, UTC)")
    status: RunStatus
    error: str
    error_class: str = Field(default="", description=ERROR_CLASS)
    latency_ms: int | None
    attempts: int = Field(description="Provider attempts (retries of 429/5xx) it made")
    cost: float | None = None


class RunRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    dataset_item_id: uuid.UUID
    sort_order: int
    status: RunStatus
    output: Any
    error: str
    error_class: str = Field(default="", description=ERROR_CLASS)
    error_detail: str = Field(default="", description=ERROR_DETAIL)
    latency_ms: int | None
    tokens_in: int | None
    tokens_out: int | None
    cost: float | None
    attempts: int
    started_at: UTCDateTime | None
    finished_at: UTCDateTime | None
    repetition: int = Field(default=0, description=REPETITION)
    attempt_history: list[AttemptRead] | None = Field(default=None, description=HISTORY)
    tool_calls: list[ToolCallRead] | None = Field(default=None, description=TOOL_CALLS)


class RetryRead(BaseModel):
    id: uuid.UUID
    status: Status = Field(description="running, or completed/failed when nothing was retried")
    retried: int = Field(description="Failed and skipped runs made pending again (0: a no-op)")


class ExperimentDetail(ExperimentRead):
    snapshot: dict[str, Any] | None = Field(
        description="Frozen at start: resolved prompt version, model params, evaluator configs"
    )
    runs: list[RunRead]


class StartRead(BaseModel):
    id: uuid.UUID
    name: str
    status: Status
    runs_created: int
    started_at: UTCDateTime
    cost_estimate: float | None = Field(
        default=None, description="USD estimated before anything runs (docs/experiments.md: "
        "cost budget); null when a model has no known price, and for an agent target")


class ScoreRead(BaseModel):
    name: str
    data_type: str
    numeric_value: float | None
    string_value: str | None
    source: str
    reason: str
    status: str = Field(default="ok", description="ok: a real grade; judge_error, target_error, "
                        "skipped: no value, and the reason says why")
    evaluator_version: str | None = Field(
        default=None, description="Content hash of the evaluator config that produced it")


class ScoreCreate(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    data_type: Literal["numeric", "boolean", "categorical"]
    numeric_value: float | None = Field(default=None, allow_inf_nan=False)
    string_value: str | None = Field(default=None, max_length=10_000)
    source: Literal["human", "api"] = "api"
    reason: str = Field(default="", max_length=100_000)


class ScoreCreated(ScoreRead):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    run_id: uuid.UUID
    created_at: UTCDateTime


class PassAtK(BaseModel):
    k: int
    pass_at_k: float | None = Field(
        description="Mean over items of 1 - C(n-c,k)/C(n,k): some of k attempts passes")
    pass_hat_k: float | None = Field(
        description="pass^k, mean over items of C(c,k)/C(n,k): all k attempts pass")
    items: int = Field(description="Items with at least k attempts that count (the mean's n)")
    items_short: int = Field(description="Items left out: fewer than k attempts counted")


class ItemScoreStats(BaseModel):
    mean: float | None
    std: float | None = Field(description="Sample standard deviation (n - 1); null below 2")
    n: int = Field(description="Repetitions that count: scored, or failed for pass/fail")
    flaky: bool = Field(description="A pass/fail score that passed in some repetitions only")


class ItemStats(BaseModel):
    dataset_item_id: uuid.UUID
    runs: int
    scores: dict[str, ItemScoreStats]
    flaky: bool


class ResultsSummary(BaseModel):
    total: int
    completed: int
    failed: int
    pending: int = Field(description="Runs not finished yet: pending and running")
    cancelled: int
    skipped: int = Field(default=0, description="Never started: the circuit breaker stopped "
                         "the experiment after the same configuration error")
    avg_latency_ms: int | None
    total_cost: float
    avg_cost: float | None
    cache_hits: int = Field(default=0, description="Model replies (targets and judges) served "
                            "from the response cache instead of a call (config.cache)")
    budget_exhausted: bool = Field(
        default=False, description="config.max_cost was reached: the runs left were skipped")
    repetitions: int = Field(default=1, description="config.repetitions: runs per item")
    flaky_items: int = Field(default=0, description="Items whose pass/fail differed between "
                             "repetitions")
    pass_at_k: dict[str, list[PassAtK]] = Field(
        default_factory=dict, description="Per pass/fail score name: pass@k and pass^k for k "
        "= 1, 2, 3, 5, 10, ... up to the repetitions (docs/statistics.md); empty with one")


class ResultRow(BaseModel):
    id: uuid.UUID
    dataset_item_id: uuid.UUID
    status: RunStatus
    output: Any
    error: str
    error_class: str = Field(default="", description=ERROR_CLASS)
    error_detail: str = Field(default="", description=ERROR_DETAIL)
    latency_ms: int | None
    tokens_in: int | None
    tokens_out: int | None
    cost: float | None
    cache_hits: int = Field(default=0, description="Model replies of this run (target and "
                            "judges) served from the response cache")
    output_truncated: bool = Field(default=False, description="The output was longer than the "
                                   "server's EVALFORGE_MAX_OUTPUT_KB and was cut to it")
    item_input: Any
    item_expected_output: Any
    scores: list[ScoreRead]
    repetition: int = Field(default=0, description=REPETITION)
    attempt_history: list[AttemptRead] | None = Field(default=None, description=HISTORY)
    tool_calls: list[ToolCallRead] | None = Field(default=None, description=TOOL_CALLS)


class ResultsRead(BaseModel):
    experiment_id: uuid.UUID
    experiment_name: str
    dataset_name: str
    status: Status
    summary: ResultsSummary
    items: list[ItemStats] | None = Field(
        default=None, description="Per item over its repetitions (null with one repetition)")
    results: list[ResultRow]


class CompareIn(BaseModel):
    experiment_ids: list[uuid.UUID] = Field(max_length=20)


class CompareExperiment(BaseModel):
    name: str
    config: dict[str, Any]
    status: Status


class CompareCell(BaseModel):
    run_id: uuid.UUID
    status: RunStatus
    output: Any
    latency_ms: int | None
    cost: float | None
    scores: list[ScoreRead]
    tool_calls: list[ToolCallRead] | None = Field(default=None, description=TOOL_CALLS)


class CompareItem(BaseModel):
    dataset_item: dict[str, Any] = Field(description="{id, input, expected_output}")
    results: dict[str, CompareCell | None]


class CompareRead(BaseModel):
    experiments: dict[str, CompareExperiment]
    comparisons: list[CompareItem]
    summary: dict[str, Any] = Field(
        description="Per experiment and score name: mean and n; versus the first experiment "
        "(baseline): delta of means and per-item improvements, regressions, unchanged"
    )
    dataset_versions: dict[str, ComparedVersion] = Field(
        default_factory=dict,
        description="Per experiment id: the dataset version it ran on and, against the "
        "baseline's version of the same dataset, the items added and removed between them")
    warnings: list[str] = Field(
        default_factory=list,
        description="Why the comparison may mislead: experiments that ran on different "
        "versions of the dataset (each names both versions and the items added and removed)")


class CompareVersionsIn(BaseModel):
    prompt_name: str = Field(min_length=1, max_length=200)
    version_a: int = Field(ge=1, le=2**31 - 1)  # prompt versions are a 32-bit column
    version_b: int = Field(ge=1, le=2**31 - 1)
    model: str | None = Field(default=None, min_length=1, max_length=200)
    evaluator_ids: list[uuid.UUID] = Field(default_factory=list, max_length=100)
    config: ExperimentConfig | None = Field(
        default=None, description="Shared settings; its prompt fields are set per side"
    )
    metadata: dict[str, Any] = Field(default_factory=dict)


class VersionSide(BaseModel):
    id: uuid.UUID
    name: str
    version: int


class CompareVersionsRead(BaseModel):
    experiment_a: VersionSide
    experiment_b: VersionSide
    group_id: uuid.UUID
    compare_url: str
