"""The one door to litellm: every model call (targets, judges) goes through `complete`.

Retries with jittered backoff, per-model concurrency limits, timeouts, usage and cost
live here once, and so does the rule of what reaches the provider: model parameters from
an allow-list (params.py), endpoints and keys only from the server's configuration
(registry.py). No other module imports litellm.
"""

import os

# Before litellm is imported anywhere: never fetch the price map from the internet.
os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")

from app.llm.client import (
    Completion,
    LLMError,
    aclose,
    check_model,
    complete,
    configure,
    warm_up,
)
from app.llm.params import ALLOWED as ALLOWED_PARAMS
from app.llm.params import ModelParams, param_errors
from app.llm.requirements import Requirements

__all__ = ["ALLOWED_PARAMS", "Completion", "LLMError", "ModelParams", "Requirements", "aclose", "check_model", "complete",
           "configure", "param_errors", "warm_up"]
