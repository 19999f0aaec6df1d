"""The experiment's config: what to run (a prompt version + model, or an agent endpoint) and
how (repetitions, cache, budget, tools). Checked at create; frozen into the snapshot at start."""

import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from app.experiments import tool_config
from app.llm.params import ModelParams
from app.netguard import parse_url

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
        description="OpenAI function schemas ({type: function, function: {name, description, "
        "parameters}}) offered to the model; each tool call is answered from tool_results and "
        "the model called again until it answers. params.tools means the same; giving both "
        "is a 422")
    tool_choice: str | dict[str, Any] | None = Field(
        default=None, description="auto, none, required, or {type: function, function: {name}} "
        "naming an offered tool")
    tool_results: dict[str, Any] | None = Field(
        default=None,
        description="A scripted result per offered tool name (an item's "
        "agent_args.tool_results wins), so a run continues after a tool call without calling "
        "anything real; a tool without one gets an error text")
    max_steps: int | None = Field(
        default=None, ge=1, le=50,
        description="Model calls per turn (each may call tools, whose scripted results go "
        "back to the model) before a run still calling tools fails (default 5)")

    @field_validator("params")
    @classmethod
    def _params_tools(cls, value: ModelParams | None) -> ModelParams | None:
        if value is not None and value.tools is not None:
            tool_config.check_tools(value.tools)
        return value

    @field_validator("tools")
    @classmethod
    def _tools(cls, value: list[dict[str, Any]] | None, info: ValidationInfo) -> Any:
        params = info.data.get("params")
        if value is not None and params is not None and (
                params.tools is not None or params.tool_choice is not None):
            raise ValueError("also given in params.tools / params.tool_choice: give tools once "
                             "(top-level tools and tool_choice, or params, not both)")
        return value if value is None else tool_config.check_tools(value)

    @field_validator("tool_choice")
    @classmethod
    def _tool_choice(cls, value: Any, info: ValidationInfo) -> Any:
        return tool_config.check_choice(value, _offered(info))

    @field_validator("tool_results")
    @classmethod
    def _tool_results(cls, value: dict[str, Any] | None, info: ValidationInfo) -> Any:
        return tool_config.check_results(value, _offered(info))

    @field_validator("max_steps")
    @classmethod
    def _max_steps(cls, value: int | None, info: ValidationInfo) -> int | None:
        if value is not None and not _offered(info):
            raise ValueError("max_steps needs tools")
        return value


def _offered(info: ValidationInfo) -> list[str]:
    """The offered tool names: top-level tools, else params.tools (empty when either failed)."""
    params = info.data.get("params")
    return tool_config.names(info.data.get("tools") or (params.tools if params else None))
