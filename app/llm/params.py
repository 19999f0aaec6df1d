"""Which model parameters a request may set: an allow-list, in one place.

litellm takes far more than generation settings as keyword arguments: `api_base`,
`base_url`, `api_key`, `extra_headers`, `custom_llm_provider`, `aws_*`,
`vertex_credentials`, `metadata`, `mock_response`, ... Any of those in a member's params
would point the server's provider key at a host of their choosing (issue 15.1). So a
parameter reaches the model only when it is named here; where a model is served and with
which key is server configuration (the environment, or EVALFORGE_MODELS).

`ModelParams` validates at the API edge (422 naming the key); `refused_keys` is the cheap
check `app.llm.complete` repeats on every call, so no caller can bypass the edge.
"""

from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError
from pydantic_core import PydanticCustomError

HINT = (
    "Where a model is served and with which key is server configuration: name a model "
    "registered in EVALFORGE_MODELS (GET /api/v1/models/) instead of passing an endpoint, "
    "header or credential."
)


def refused_message() -> str:
    return f"not an allowed model parameter (allowed: {', '.join(sorted(ALLOWED))}). {HINT}"


def _refuse(value: Any) -> Any:
    raise PydanticCustomError("model_param_not_allowed", refused_message())


Refused = Annotated[Any, BeforeValidator(_refuse)]


class ModelParams(BaseModel):
    """Generation settings litellm documents as model parameters; nothing else.

    Extra keys are accepted by the model config only to be refused one by one by `Refused`,
    so each 422 names the offending key (`extra="forbid"` would too, but with pydantic's
    generic "Extra inputs are not permitted" and no hint of what to do instead).
    """

    # The schema says what the validation does: no other keys (for clients and the SDK).
    model_config = ConfigDict(
        extra="allow", allow_inf_nan=False, json_schema_extra={"additionalProperties": False}
    )
    __pydantic_extra__: dict[str, Refused] = Field(init=False)

    temperature: float | None = Field(default=None, ge=0, le=2)
    top_p: float | None = Field(default=None, ge=0, le=1)
    max_tokens: int | None = Field(default=None, ge=1, le=1_000_000)
    max_completion_tokens: int | None = Field(default=None, ge=1, le=1_000_000)
    stop: str | list[str] | None = Field(default=None, max_length=16)
    seed: int | None = None
    response_format: dict[str, Any] | None = None
    tools: list[dict[str, Any]] | None = Field(default=None, max_length=512)
    tool_choice: str | dict[str, Any] | None = None
    parallel_tool_calls: bool | None = None
    presence_penalty: float | None = Field(default=None, ge=-2, le=2)
    frequency_penalty: float | None = Field(default=None, ge=-2, le=2)
    logit_bias: dict[str, float] | None = None
    logprobs: bool | None = None
    top_logprobs: int | None = Field(default=None, ge=0, le=20)
    n: int | None = Field(default=None, ge=1, le=128)
    user: str | None = Field(default=None, max_length=256)
    reasoning_effort: str | None = Field(default=None, min_length=1, max_length=32)
    thinking: dict[str, Any] | None = None


ALLOWED: frozenset[str] = frozenset(ModelParams.model_fields)


def refused_keys(params: dict[str, Any] | None) -> list[str]:
    """The keys of `params` that are not model parameters (cheap: one set difference)."""
    if not params:
        return []
    return sorted(set(params) - ALLOWED)


def param_errors(params: Any) -> list[dict[str, Any]]:
    """Pydantic-shaped errors (`loc` relative to the params object) for stored params that
    never went through the API edge (a prompt version saved before the allow-list)."""
    try:
        ModelParams.model_validate(params)
    except ValidationError as exc:
        return [
            {"loc": list(err["loc"]), "msg": err["msg"], "type": err["type"]}
            for err in exc.errors()
        ]
    return []
