"""What a failed model call means, whether another attempt can help, and what to do about it.

One table for both transports (litellm and the OpenAI lane): a failure is classified from its
status code, the provider's message and the kind of exception, in that order of trust:
the message first, because providers and litellm wrap configuration errors in whatever
status they like (litellm turns a missing OpenAI key into a 500 "Missing credentials").

| class               | retried | stops the experiment | typical cause                            |
|---------------------|---------|----------------------|------------------------------------------|
| missing_credentials | no      | yes                  | the provider's key is not set            |
| authentication      | no      | yes                  | 401: the key is wrong or revoked         |
| permission          | no      | yes                  | 403: the key may not use this model      |
| unknown_model       | no      | yes                  | 404, or a model litellm cannot route     |
| bad_request         | no      | no                   | 400/413/422: this request is refused     |
| context_length      | no      | no                   | this item is longer than the window      |
| content_policy      | no      | no                   | this item trips the provider's filter    |
| rate_limit          | yes     | no                   | 429                                      |
| timeout             | yes     | no                   | 408, or no answer in time                |
| connection          | yes     | no                   | refused, reset, DNS                      |
| server              | yes     | no                   | 5xx, or a reply that is not a completion |
| other               | no      | no                   | anything else                            |

"Stops the experiment" (the circuit breaker, app/experiments/driver.py): a configuration
error fails every item the same way, so N identical ones in a row stop the experiment.
Errors of one item (a long input, a refused one) do not.
"""

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ErrorClass:
    name: str
    retryable: bool
    stops_experiment: bool
    fix: str  # short and actionable; {model} and {var} are filled in


MISSING_CREDENTIALS = "missing_credentials"
CLASSES = {c.name: c for c in (
    ErrorClass(MISSING_CREDENTIALS, False, True,
               "{var} is not set in the server's environment (and the workers')"),
    ErrorClass("authentication", False, True,
               "the provider refused the key for model {model!r} (401): check {var} in the "
               "server's environment (and the workers')"),
    ErrorClass("permission", False, True,
               "the key in {var} may not use model {model!r} (403): check the account's access"),
    ErrorClass("unknown_model", False, True,
               "model {model!r} is unknown to the provider: check the model name (or register "
               "it in EVALFORGE_MODELS)"),
    ErrorClass("bad_request", False, False, "the provider refused the request for model {model!r}"),
    ErrorClass("context_length", False, False,
               "the input is longer than the context window of model {model!r}"),
    ErrorClass("content_policy", False, False, "the provider's content policy refused this input"),
    ErrorClass("rate_limit", True, False, "model {model!r} is rate limited (429)"),
    ErrorClass("timeout", True, False, "model {model!r} did not answer in time"),
    ErrorClass("connection", True, False, "could not connect to the endpoint of model {model!r}"),
    ErrorClass("server", True, False, "the provider of model {model!r} failed"),
    ErrorClass("other", False, False, "the call to model {model!r} failed"),
)}

# Provider and SDK wordings, matched before the status code (which may be a wrapped 500).
_PATTERNS = (
    (MISSING_CREDENTIALS, re.compile(
        r"missing credentials|api_key client option must be set|no api key (was )?provided|"
        r"api key (is )?(missing|not set|not found)", re.IGNORECASE)),
    ("unknown_model", re.compile(r"llm provider not provided|model_not_found|"
                                 r"model .{0,200} does not exist", re.IGNORECASE)),
    ("context_length", re.compile(r"context_length_exceeded|maximum context length|"
                                  r"context window", re.IGNORECASE)),
    ("content_policy", re.compile(r"content_policy|content management policy|content_filter",
                                  re.IGNORECASE)),
)
_BY_STATUS = {401: "authentication", 403: "permission", 404: "unknown_model", 408: "timeout",
              429: "rate_limit"}


def classify(status: int | None, message: str, kind: str | None = None) -> ErrorClass:
    """The class of a failure: `kind` is what the exception itself says ("timeout",
    "connection", "context_length", "content_policy", "server"), when it says anything."""
    for name, pattern in _PATTERNS:
        if pattern.search(message):
            return CLASSES[name]
    if kind in CLASSES:
        return CLASSES[kind]
    if status in _BY_STATUS:
        return CLASSES[_BY_STATUS[status]]
    if status is not None and status >= 500:
        return CLASSES["server"]
    if status is not None and 400 <= status < 500:
        return CLASSES["bad_request"]
    return CLASSES["other"]


# litellm's prefixes ("litellm.NotFoundError: NotFoundError: OpenAIException - ") and the
# lane's ("OpenAI-compatible API error 404: ") say nothing the class does not.
_PREFIX = re.compile(r"^((litellm\.)?\w+(Error|Exception)(: | - ))*"
                     r"(OpenAI-compatible API error \d+: )?")
QUOTED = 200


def provider_words(message: str) -> str:
    """The provider's own message without transport prefixes, first line, capped."""
    core = _PREFIX.sub("", message.strip()).splitlines()
    text = core[0] if core else ""
    return text if len(text) <= QUOTED else text[:QUOTED - 1] + "…"


def actionable(error_class: ErrorClass, model: str, var: str, message: str = "") -> str:
    """The short text shown on runs and experiments: the fix, then the provider's own words
    (all of them stay in the detail field). A missing key needs no quote: litellm's words
    ("please pass an api_key") point at the request, where a key does not belong."""
    text = error_class.fix.format(model=model, var=var)
    words = provider_words(message) if error_class.name != MISSING_CREDENTIALS else ""
    return f"{text} (provider: {words})" if words else text
