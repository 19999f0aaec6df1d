"""`complete()`: one chat completion through litellm, with our retries, limits and cost."""

import asyncio
import importlib
import logging
import os
import time
import weakref
from dataclasses import asdict, dataclass, field, fields
from types import ModuleType

from app.config import Settings, get_settings
from app.llm import cache, errors, openai_lane, tool_calls
from app.llm.params import HINT, refused_keys
from app.llm.pricing import Prices, cost_of, forget_rates, litellm_price_map, rated_cost, rates
from app.llm.registry import MissingKey, Registry, Route, connection, registry_prices, route
from app.llm.requirements import Requirements, key_variable, registered_key, requirements
from app.llm.retry import Failure, backoff_delay, classify

# Arguments complete() sets itself; the rest of a request's kwargs are model parameters.
_OWN = frozenset({"model", "messages", "stream", "timeout", "num_retries", "max_retries",
                  "api_base", "api_key"})

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Completion:
    text: str
    messages: list[dict]  # the sent messages + the assistant reply
    tokens_in: int
    tokens_out: int
    cost: float | None
    cost_known: bool
    latency_ms: int
    raw_finish_reason: str | None
    attempts: int
    # [{id, name, arguments}] the reply asks to run (app/llm/tool_calls.py); [] for text only
    tool_calls: list[dict] = field(default_factory=list)


class LLMError(Exception):
    """A model call that failed for good (after retries, or at once when retrying cannot help)."""

    def __init__(self, message: str, status_code: int | None = None, retryable: bool = False,
                 attempts: int = 1, *, error_class: str = "other", summary: str = "") -> None:
        super().__init__(message)
        self.message = message  # the provider's (or our own guard's) words, kept as detail
        self.status_code = status_code
        self.retryable = retryable
        self.attempts = attempts
        self.error_class = error_class  # app/llm/errors.py
        self.summary = summary or message  # short, says the fix: shown on runs


@dataclass(slots=True)
class _Config:
    timeout_s: float = 60.0
    max_retries: int = 4
    backoff_base_s: float = 0.5
    backoff_max_s: float = 20.0
    model_concurrency: int = 64
    prices: Prices = field(default_factory=dict)
    registry: Registry = field(default_factory=dict)
    transport: str = "auto"  # "litellm": every call through litellm.acompletion
    prices_registered: bool = False  # with litellm, once it is loaded


_config: _Config | None = None
# Semaphores are bound to the loop that first uses them, so keep one set per event loop
# (the app, the worker and each test may run their own loop); dead loops drop out.
_limits: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[str, asyncio.Semaphore]]" = (
    weakref.WeakKeyDictionary())


_litellm: ModuleType | None = None
# litellm imports these lazily inside the first call, which would add a second or more to
# the first call's latency_ms; import them with litellm instead. Missing ones are skipped.
_WARM_MODULES = ("openai.resources", "litellm.proxy._types")


def warm_up() -> ModuleType:
    """Import and configure litellm now (worker start-up) instead of on the first call.

    Importing litellm costs ~5 s of CPU, so the API process and test sessions that never
    call a model do not pay it: the import happens here, once, on first need.
    """
    global _litellm
    if _litellm is None:
        os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")  # no price-map download
        import litellm

        for name in _WARM_MODULES:
            try:
                importlib.import_module(name)
            except ImportError:
                pass
        _quiet(litellm)
        _litellm = litellm
    return _litellm


def _quiet(litellm: ModuleType) -> None:
    """Strip litellm down to a client: we retry, log and price ourselves."""
    litellm.suppress_debug_info = True
    litellm.telemetry = False
    litellm.drop_params = True  # a param the provider does not support is dropped, not a 400
    litellm.num_retries = 0
    litellm.callbacks = []
    litellm.success_callback = []
    litellm.failure_callback = []
    litellm.input_callback = []
    litellm._async_success_callback = []
    litellm._async_failure_callback = []
    # Not turn_off_message_logging: it makes litellm deep-copy and redact every payload,
    # +~15% CPU per call (measured in docs/benchmarks.md); nothing logs messages anyway.


def configure(settings: Settings) -> None:
    """Apply timeouts, retries, backoff, per-model concurrency, EVALFORGE_MODEL_PRICES and
    the model registry (EVALFORGE_MODELS, whose prices join the configured ones)."""
    global _config
    registry = dict(settings.models)
    _config = _Config(
        timeout_s=settings.llm_timeout_s,
        max_retries=max(settings.llm_max_retries, 0),
        backoff_base_s=settings.llm_backoff_base_s,
        backoff_max_s=settings.llm_backoff_max_s,
        model_concurrency=max(settings.llm_model_concurrency, 1),
        prices={**settings.model_prices, **registry_prices(registry)},
        registry=registry,
        transport=settings.llm_transport,
    )
    forget_rates()
    _limits.clear()  # new limit: semaphores are rebuilt lazily


def _current() -> _Config:
    if _config is None:
        configure(get_settings())
    return _config


def check_model(name: str) -> Requirements:
    """What calling `name` still lacks (credential, provider, price): for preflight."""
    config = _current()
    return requirements(name, config.registry, config.prices)


def _semaphore(model: str, limit: int) -> asyncio.Semaphore:
    per_loop = _limits.setdefault(asyncio.get_running_loop(), {})
    sem = per_loop.get(model)
    if sem is None:
        sem = per_loop[model] = asyncio.Semaphore(limit)
    return sem


def _request(target: Route, messages: list[dict], params: dict | None, timeout_s: float,
             response_format: dict | None, name: str = "") -> dict:
    # Defence in depth behind the API's 422: whatever a caller passes, only model parameters
    # reach litellm, never an endpoint, a header or a credential (issue 15.1).
    refused = refused_keys(params)
    if refused:
        raise LLMError(f"Not allowed model parameter(s): {', '.join(refused)}. {HINT}",
                       attempts=0)
    try:
        endpoint = connection(target)
    except MissingKey:
        cls = errors.CLASSES[errors.MISSING_CREDENTIALS]
        raise LLMError(f"Model {target.model!r}: the environment variable {target.api_key_env} "
                       "(the key of this registered model) is not set on the server.",
                       attempts=0, error_class=cls.name,
                       summary=errors.actionable(cls, name or target.model,
                                                 registered_key(name or target.model))
                       ) from None
    kwargs = {k: v for k, v in (params or {}).items() if v is not None}
    kwargs.update(model=target.model, messages=messages, stream=False, timeout=timeout_s,
                  num_retries=0, max_retries=0, **endpoint)
    if response_format is not None:  # the argument wins over params["response_format"]
        kwargs["response_format"] = response_format
    return kwargs


_FIELDS = frozenset(f.name for f in fields(Completion))  # a cache hit's fields, nothing else


async def complete(model: str, messages: list[dict], params: dict | None = None, *,
                   timeout_s: float | None = None,
                   response_format: dict | None = None, cache_kind: str = "target",
                   nonce: str | None = None) -> Completion:
    """One chat completion; retries 429/5xx/timeouts/connection errors; raises LLMError.

    `model` is a registered name (EVALFORGE_MODELS: its endpoint and key) or a litellm
    model string (the server's environment); `params` holds model parameters only.
    Inside a run with the response cache on (cache.SCOPE), a stored reply is served instead
    of a call and a successful reply is stored: `cache_kind` (target | judge) labels it,
    `nonce` is a random per-call text in the messages (a judge's quoting mark) the key masks.
    """
    config = _current()
    target = route(model, config.registry)
    kwargs = _request(target, messages, params, timeout_s or config.timeout_s, response_format,
                      model)
    scope = cache.SCOPE.get()
    if scope is None:  # cache off: no cache work at all
        return await _call(model, target, messages, kwargs, config)
    key = cache.key(scope, cache_kind, model, kwargs, nonce)
    if (hit := await cache.lookup(scope, key, messages, nonce)) is not None:
        return Completion(**{k: v for k, v in hit.items() if k in _FIELDS})
    completion = await _call(model, target, messages, kwargs, config)
    cache.store(scope, key, cache_kind, model, asdict(completion), len(messages), nonce)
    return completion


def price_of(name: str) -> tuple[float, float] | None:
    """(input, output) USD per token of model `name` (registered or a litellm model string),
    None when unknown: the budget's estimate (app/experiments/preflight.py)."""
    config = _current()
    return rates(route(name, config.registry).model, config.prices, alias=name)


async def _call(model: str, target: Route, messages: list[dict], kwargs: dict,
                config: _Config) -> Completion:
    """The model call itself, retried with backoff under the model's concurrency limit."""
    litellm = _litellm or warm_up()
    if not config.prices_registered:
        _register_prices(litellm, config)
    lane = config.transport != "litellm" and openai_lane.uses_lane(target.model)
    sem = _semaphore(model, config.model_concurrency)
    attempt = 0
    while True:
        attempt += 1
        try:
            # The slot is held for the call only, never during a backoff sleep.
            async with sem:
                started = time.perf_counter()
                if lane:
                    response = await openai_lane.call(
                        target.model, messages, _lane_params(kwargs), kwargs["timeout"],
                        kwargs.get("api_base"), kwargs.get("api_key"))
                else:
                    response = await litellm.acompletion(**kwargs)
                latency_ms = round((time.perf_counter() - started) * 1000)
        except Exception as exc:  # every failure becomes an LLMError, retryable or not
            failure = _failure(exc)
            if not failure.retryable or attempt > config.max_retries:
                raise _llm_error(failure, model, target, attempt) from exc
            await asyncio.sleep(backoff_delay(attempt, config.backoff_base_s,
                                              config.backoff_max_s, failure.retry_after))
            continue
        if lane:
            return _lane_completion(model, target.model, messages, response, latency_ms,
                                    attempt, config.prices)
        return _completion(model, target.model, messages, response, latency_ms, attempt,
                           config.prices)


def _register_prices(litellm: ModuleType, config: _Config) -> None:
    config.prices_registered = True
    entries = litellm_price_map(config.prices, config.registry)
    if entries:
        try:
            litellm.register_model(entries)
        except Exception:  # our own pricing still applies (pricing.py)
            log.warning("litellm refused the configured prices", exc_info=True)


def _lane_params(kwargs: dict) -> dict:
    return {k: v for k, v in kwargs.items() if k not in _OWN}


def _failure(exc: Exception) -> Failure:
    if isinstance(exc, openai_lane.LaneError):
        return Failure(exc.message, exc.status_code,
                       errors.classify(exc.status_code, exc.message, exc.kind), exc.retry_after)
    return classify(exc)


def _llm_error(failure: Failure, name: str, target: Route, attempts: int) -> LLMError:
    cls = failure.error_class
    var = key_variable(target, name, missing=cls.name == errors.MISSING_CREDENTIALS)
    return LLMError(failure.message, failure.status_code, cls.retryable, attempts,
                    error_class=cls.name,
                    summary=errors.actionable(cls, name, var, failure.message))


def _lane_completion(name: str, model: str, messages: list[dict], reply: openai_lane.Reply,
                     latency_ms: int, attempts: int, prices: Prices) -> Completion:
    cost, known = rated_cost(model, reply.tokens_in, reply.tokens_out, prices, alias=name)
    calls = tool_calls.parse(reply.message.get("tool_calls"))
    return Completion(
        text=reply.text,
        messages=[*messages, tool_calls.assistant_message(reply.text, calls)],
        tokens_in=reply.tokens_in,
        tokens_out=reply.tokens_out,
        cost=cost,
        cost_known=known,
        latency_ms=latency_ms,
        raw_finish_reason=reply.finish_reason,
        attempts=attempts,
        tool_calls=calls,
    )


def _completion(name: str, model: str, messages: list[dict], response: object,
                latency_ms: int, attempts: int, prices: Prices) -> Completion:
    choices = getattr(response, "choices", None) or []
    choice = choices[0] if choices else None
    message = getattr(choice, "message", None)
    text = getattr(message, "content", None) or ""
    usage = getattr(response, "usage", None)
    tokens_in = int(getattr(usage, "prompt_tokens", 0) or 0)
    tokens_out = int(getattr(usage, "completion_tokens", 0) or 0)
    cost, known = cost_of(model, response, tokens_in, tokens_out, prices, alias=name)
    calls = tool_calls.parse(getattr(message, "tool_calls", None))
    return Completion(
        text=text,
        messages=[*messages, tool_calls.assistant_message(text, calls)],
        tokens_in=tokens_in,
        tokens_out=tokens_out,
        cost=cost,
        cost_known=known,
        latency_ms=latency_ms,
        raw_finish_reason=getattr(choice, "finish_reason", None),
        attempts=attempts,
        tool_calls=calls,
    )


async def aclose() -> None:
    """Close this event loop's HTTP session of the OpenAI lane (shutdown)."""
    await openai_lane.close()
