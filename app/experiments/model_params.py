"""The model parameters an experiment sends: prompt-version defaults, then its own values.

Every source is checked against the allow-list of app/llm/params.py here, at create and
again at start: the API refuses a bad key when it is written, but a prompt version stored
before the allow-list existed (or an experiment created then) may still carry `base_url`
or `api_key`. Start answers 422 naming the version and the key rather than send it
(issue 15.1).
"""

from typing import Any

from app.errors import InvalidInput
from app.llm import param_errors

# Top-level experiment config keys that are model parameters (ExperimentConfig fields).
MODEL_PARAMS = (
    "temperature",
    "max_tokens",
    "top_p",
    "seed",
    "stop",
    "presence_penalty",
    "frequency_penalty",
)
# Prompt config keys that are not model parameters themselves.
PROMPT_OWN_KEYS = ("model", "params")


def _prompt_errors(prompt: dict[str, Any], values: Any, where: list[Any]) -> list[dict]:
    name, version = prompt.get("prompt_name"), prompt.get("version")
    errors = []
    for err in param_errors(values):
        loc = [*where, *err["loc"]]
        key = ".".join(map(str, loc)) or "config"
        errors.append(
            {
                "loc": ["prompt", name, "versions", version, "config", *loc],
                "msg": f"Prompt {name!r} version {version}: config key {key!r}: {err['msg']}",
                "type": err["type"],
                "ctx": {"prompt_name": name, "prompt_version": version, "key": key},
            }
        )
    return errors


def _experiment_errors(params: Any) -> list[dict]:
    return [
        {"loc": ["body", "config", "params", *err["loc"]], "msg": err["msg"], "type": err["type"]}
        for err in param_errors(params)
    ]


def merged_params(config: dict[str, Any], prompt: dict[str, Any] | None) -> dict[str, Any]:
    """Prompt config, its `params`, the experiment's top-level values and its `params`, later
    sources winning; InvalidInput naming every key that is not a model parameter."""
    prompt_config = (prompt or {}).get("config") or {}
    defaults = {
        k: v for k, v in prompt_config.items() if k not in PROMPT_OWN_KEYS and v is not None
    }
    nested = prompt_config.get("params") or {}
    own = config.get("params") or {}
    errors = []
    if prompt is not None:
        errors += _prompt_errors(prompt, defaults, [])
        errors += _prompt_errors(prompt, nested, ["params"])
    errors += _experiment_errors(own)
    if errors:
        raise InvalidInput(errors)
    return {
        **defaults,
        **nested,
        **{k: config[k] for k in MODEL_PARAMS if config.get(k) is not None},
        **own,
    }
