"""Which failures are worth another attempt, and how long to wait before it."""

import random
import time
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any

from app.llm import errors


@dataclass(slots=True)
class Failure:
    message: str  # the provider's (or the transport's) own words
    status_code: int | None
    error_class: errors.ErrorClass
    retry_after: float | None

    @property
    def retryable(self) -> bool:
        return self.error_class.retryable


def _kind(exc: Exception) -> str | None:
    """What the exception type of litellm says, beyond its status code."""
    import litellm  # already loaded by the call that failed; imported lazily, see client.py

    # Most specific first: a Timeout is also an APIConnectionError.
    for kind, types in (("timeout", litellm.Timeout),
                        ("context_length", litellm.ContextWindowExceededError),
                        ("content_policy", litellm.ContentPolicyViolationError),
                        ("connection", litellm.APIConnectionError)):
        if isinstance(exc, types):
            return kind
    return None


def classify(exc: Exception) -> Failure:
    """Map any exception from litellm onto (message, status, class, Retry-After)."""
    status = getattr(exc, "status_code", None)
    status = status if isinstance(status, int) else None
    message = str(getattr(exc, "message", "") or exc) or type(exc).__name__
    return Failure(message, status, errors.classify(status, message, _kind(exc)),
                   _retry_after(exc))


def _retry_after(exc: Exception) -> float | None:
    # litellm keeps the provider's headers on `litellm_response_headers`; the `response` it
    # attaches is rebuilt and may have lost them.
    headers = getattr(exc, "litellm_response_headers", None) or getattr(
        getattr(exc, "response", None), "headers", None)
    return retry_after_from(headers)


def retry_after_from(headers: Any) -> float | None:
    """Seconds from Retry-After-Ms or Retry-After (seconds or an HTTP date), if given."""
    if not headers:
        return None
    try:
        if (ms := headers.get("retry-after-ms")) is not None:
            return max(float(ms) / 1000, 0.0)
        value = headers.get("retry-after")
        if value is None:
            return None
        try:
            return max(float(value), 0.0)
        except ValueError:  # the HTTP-date form
            return max(parsedate_to_datetime(value).timestamp() - time.time(), 0.0)
    except (TypeError, ValueError):
        return None


def backoff_delay(attempt: int, base_s: float, max_s: float, retry_after: float | None) -> float:
    """Seconds to sleep after failed attempt number `attempt` (1-based).

    The provider's Retry-After wins when given (capped, so a hostile header cannot park a
    run for an hour); otherwise exponential backoff with full jitter, which spreads the
    retries of many concurrent runs instead of having them hit the provider in waves.
    """
    if retry_after is not None:
        return min(retry_after, max_s)
    return random.uniform(0, min(max_s, base_s * 2 ** (attempt - 1)))
