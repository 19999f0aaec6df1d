"""Experiment payloads: create, read, start, results, scores, compare."""

import re
import uuid
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, field_validator

from app.llm.params import ModelParams
from app.netguard import parse_url

Status = Literal["pending", "running", "completed", "failed", "cancelled"]
# `skipped`: never started, because the circuit breaker stopped the experiment (issue 14).
RunStatus = Literal["pending", "running", "completed", "failed", "cancelled", "skipped"]
RUN_STATUSES = ("pending", "running", "completed", "failed", "cancelled", "skipped")
ERROR_CLASS = "app/llm's class of the error (authentication, missing_credentials, rate_limit...)"
ERROR_DETAIL = "The provider's own message, when `error` says it shorter"


def iso_z(value: datetime) -> str:
    """ISO 8601 in UTC with `Z`; SQLite hands back naive datetimes that are UTC."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


UTCDateTime = Annotated[datetime, PlainSerializer(iso_z, return_type=str)]


_HEADER_NAME = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}")


class AgentTarget(BaseModel):
    """An HTTP endpoint that receives {input, context, agent_args, messages}."""

    model_config = ConfigDict(extra="forbid")

    url: str = Field(min_length=1, max_length=2000)
    headers: dict[str, str] = Field(default_factory=dict, max_length=100)
    # The server's maximum (EVALFORGE_AGENT_MAX_TIMEOUT_S) is checked at create.
    timeout_s: float | None = Field(default=None, gt=0, le=86_400, allow_inf_nan=False)

    @field_validator("url")
    @classmethod
    def _http_only(cls, value: str) -> str:
        # Parsed as the HTTP client will: no second parser to disagree with.
        parts = parse_url(value)
        if parts is None or parts.scheme not in ("http", "https") or not parts.raw_host:
            raise ValueError("url must be an http or https URL")
        if parts.raw_user is not None or parts.raw_password is not None:
            # The URL is shown back; headers are masked: credentials go in headers.
            raise ValueError("url must not contain credentials (user:password@); use headers")
        return value

    @field_validator("headers")
    @classmethod
    def _header_syntax(cls, value: dict[str, str]) -> dict[str, str]:
        for name, header in value.items():
            if not _HEADER_NAME.fullmatch(name):
                raise ValueError(f"header name {name!r} is not a valid HTTP header name")
            if any(c in header for c in "\r\n\0"):
                raise ValueError(f"header {name!r} contains a line break or NUL")
        return value


class ExperimentConfig(BaseModel):
    """What to run: a prompt version + model, or an agent endpoint. Unknown keys are refused
    so a typo (`prompt_labl`) is a 422, not a silently ignored setting."""

    model_config = ConfigDict(extra="forbid")

    prompt_name: str | None = Field(default=None, min_length=1, max_length=200)
    prompt_label: str | None = Field(default=None, min_length=1, max_length=100)
    prompt_version: int | None = Field(default=None, ge=1, le=2**31 - 1)  # a 32-bit column
    model: str | None = Field(default=None, min_length=1, max_length=200)
    temperature: float | None = Field(default=None, ge=0, le=2)
    max_tokens: int | None = Field(default=None, ge=1, le=1_000_000)
    top_p: float | None = Field(default=None, ge=0, le=1)
    seed: int | None = None
    stop: str | list[str] | None = None
    presence_penalty: float | None = Field(default=None, ge=-2, le=2)
    frequency_penalty: float | None = Field(default=None, ge=-2, le=2)
    params: ModelParams | None = Field(
        default=None,
        description="Other model parameters, from an allow-list (app/llm/params.py); an "
        "endpoint, header or credential is a 422: those are server configuration",
    )
    max_concurrency: int | None = Field(default=None, ge=1, le=256)
    agent: AgentTarget | None = None
    # --- execution a team can rely on (issue 11) ---
    repetitions: int | None = Field(
        default=None, ge=1, le=100,
        description="Run every item this many times; results give per-item mean, standard "
        "deviation and a flakiness flag, the summary pass@k and pass^k")
    cache: bool | None = Field(
        default=None,
        description="Serve model replies (target and judge) from the response cache when the "
        "same model, messages, parameters and repetition were answered before; errors are "
        "never cached")
    max_cost: float | None = Field(
        default=None, gt=0, le=1_000_000, allow_inf_nan=False,
        description="Budget in USD: once spent, no new run starts and the rest are skipped")
    # --- tool-using model targets (issue 12) ---
    tools: list[dict[str, Any]] | None = Field(
        default=None, max_length=128,
        description="OpenAI function schemas offered to the model")
    tool_choice: str | dict[str, Any] | None = Field(
        default=None, description="auto, none, required, or {type: function, function: {name}}")
    tool_results: dict[str, Any] | None = Field(
        default=None,
        description="A scripted result per tool name (an item's agent_args.tool_results wins), "
        "so a run continues after a tool call without calling anything real")
    max_steps: int | None = Field(
        default=None, ge=1, le=50,
        description="Model -> tool -> model steps before the run fails (default 5)")


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
    counts: RunCounts


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
    item_input: Any
    item_expected_output: Any
    scores: list[ScoreRead]


class ResultsRead(BaseModel):
    experiment_id: uuid.UUID
    experiment_name: str
    dataset_name: str
    status: Status
    summary: ResultsSummary
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
