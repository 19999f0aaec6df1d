"""The one door to litellm: every model call (targets, judges) goes through `complete`.

Retries with jittered backoff, per-model concurrency limits, timeouts, usage and cost
live here once. No other module imports litellm.
"""

import os

# Before litellm is imported anywhere: never fetch the price map from the internet.
os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")

from app.llm.client import Completion, LLMError, aclose, complete, configure, warm_up

__all__ = ["Completion", "LLMError", "aclose", "complete", "configure", "warm_up"]
