"""The model registry (EVALFORGE_MODELS): model names whose endpoint and key the server chooses.

A team that serves models on vLLM, Ollama, OpenRouter or a gateway asks an admin to register
them: `{"llama": {"model": "openai/llama3", "api_base": "http://vllm:8000/v1",
"api_key_env": "VLLM_API_KEY"}}`. Experiments, prompts and judges then say
`"model": "llama"`; the endpoint and the key never travel in a request (issue 15.1).
"""

import json
import os
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

# Sent as the key to a registered endpoint that names no key variable: litellm would
# otherwise fall back to the provider's environment key (OPENAI_API_KEY, ...), handing the
# server's own key to a host registered for something else. An empty string would not do:
# litellm treats it as "not given".
NO_KEY = "no-key"
ENV_NAME = r"^[A-Za-z_][A-Za-z0-9_]{0,127}$"


class RegisteredModel(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    model: str = Field(min_length=1, max_length=200, description="litellm model string")
    api_base: str | None = Field(default=None, max_length=2000)
    api_key_env: str | None = Field(default=None, pattern=ENV_NAME)
    input_cost_per_token: float | None = Field(default=None, ge=0)
    output_cost_per_token: float | None = Field(default=None, ge=0)

    @field_validator("api_base")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is not None:
            parts = urlsplit(value)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                raise ValueError("api_base must be an http or https URL")
        return value


Registry = dict[str, dict[str, Any]]


def parse_registry(value: object) -> Registry:
    """EVALFORGE_MODELS (JSON text or a mapping) -> {name: entry}; ValueError when malformed."""
    if isinstance(value, str):
        value = json.loads(value) if value.strip() else {}
    if not isinstance(value, dict):  # ValueError: pydantic reports it as a settings error
        raise ValueError(  # noqa: TRY004
            "EVALFORGE_MODELS must be a JSON object: name -> {model, api_base?, api_key_env?, "
            "input_cost_per_token?, output_cost_per_token?}")
    registry: Registry = {}
    for name, entry in value.items():
        if not isinstance(name, str) or not name or len(name) > 200:
            raise ValueError(f"EVALFORGE_MODELS: invalid model name {name!r}")
        try:
            registry[name] = RegisteredModel.model_validate(entry).model_dump(exclude_none=True)
        except ValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(map(str, err['loc'])) or 'entry'}: {err['msg']}" for err in exc.errors()
            )
            raise ValueError(f"EVALFORGE_MODELS[{name!r}]: {problems}") from None
    return registry


def registry_prices(registry: Registry) -> dict[str, dict[str, float]]:
    """Prices given in registry entries, keyed by the registered name."""
    prices = {}
    for name, entry in registry.items():
        price = {k: float(entry[k]) for k in ("input_cost_per_token", "output_cost_per_token")
                 if k in entry}
        if price:
            prices[name] = price
    return prices


@dataclass(frozen=True, slots=True)
class Route:
    """Where one call goes: the litellm model string and, for a registered model, its
    endpoint and the environment variable holding its key."""

    model: str
    api_base: str | None = None
    api_key_env: str | None = None
    registered: bool = False


def route(name: str, registry: Registry) -> Route:
    entry = registry.get(name)
    if entry is None:  # litellm with the server's own environment (OPENAI_API_KEY, ...)
        return Route(name)
    return Route(entry["model"], entry.get("api_base"), entry.get("api_key_env"), True)


class MissingKey(Exception):
    """The environment variable a registered model names for its key is not set."""


def connection(target: Route) -> dict[str, str]:
    """api_base/api_key for litellm, the key read from the environment at call time (so a
    rotated key applies without a restart and is never copied into settings or snapshots)."""
    kwargs: dict[str, str] = {}
    if target.api_base:
        kwargs["api_base"] = target.api_base
    if target.api_key_env:
        key = os.environ.get(target.api_key_env)
        if not key:
            raise MissingKey(f"the environment variable {target.api_key_env} (the key of this "
                             "registered model) is not set on the server")
        kwargs["api_key"] = key
    elif target.api_base:
        kwargs["api_key"] = NO_KEY
    return kwargs
