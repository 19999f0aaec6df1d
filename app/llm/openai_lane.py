"""The cheap path for the OpenAI protocol: litellm's own parameter mapping and request
translation, sent on one shared aiohttp session per event loop.

litellm.acompletion costs 4-10 ms of CPU per call here (logging objects, callbacks, a
ModelResponse, price search); the same request built by litellm's OpenAI config and sent on a
shared session costs ~0.5 ms (docs/benchmarks.md). Every `openai` provider model takes this
path, whatever its base URL (vLLM, Ollama, LM Studio, OpenRouter... through `openai/...`);
other providers stay on litellm.acompletion, and EVALFORGE_LLM_TRANSPORT=litellm sends
everything there.

The base URL and key come from the server's environment (OPENAI_BASE_URL / OPENAI_API_BASE,
OPENAI_API_KEY), read on every call as litellm does, or from the model registry; never
from a request.
"""

import asyncio
import copy
import json
import os
import weakref
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import aiohttp

DEFAULT_BASE = "https://api.openai.com/v1"
SNIPPET = 500


class LaneError(Exception):
    """An HTTP or transport failure of the lane, with what app/llm/errors.py classifies:
    the status, the message and, for a transport failure, its kind."""

    def __init__(self, message: str, status_code: int | None, kind: str | None = None,
                 retry_after: float | None = None) -> None:
        super().__init__(message)
        self.message, self.status_code = message, status_code
        self.kind, self.retry_after = kind, retry_after


@dataclass(slots=True)
class Reply:
    text: str
    message: dict
    tokens_in: int
    tokens_out: int
    finish_reason: str | None


@lru_cache(maxsize=1024)
def provider_of(model: str) -> tuple[str, str] | None:
    """(provider model name, provider) as litellm resolves it, or None if it cannot."""
    import litellm

    try:
        name, provider, _, _ = litellm.get_llm_provider(model)
    except Exception:  # noqa: BLE001 - unknown provider: litellm.acompletion says why
        return None
    return name, provider


def uses_lane(model: str, api_base: str | None = None) -> bool:
    resolved = provider_of(model)
    return resolved is not None and resolved[1] == "openai"


@lru_cache(maxsize=64)
def _config(model: str) -> Any:
    import litellm

    return litellm.ProviderConfigManager.get_provider_chat_config(model, litellm.LlmProviders.OPENAI)


@lru_cache(maxsize=512)
def _mapped(model: str, params_json: str) -> dict:
    """litellm's parameter mapping for (model, params): the same for every item of an
    experiment, and ~0.3 ms of CPU to compute (it walks every provider each time)."""
    from litellm.utils import get_optional_params

    return get_optional_params(model=model, custom_llm_provider="openai", drop_params=True,
                               **json.loads(params_json))


def build_body(model: str, messages: list[dict], params: dict) -> dict:
    """The request body litellm would send: its parameter mapping (drop_params on)."""
    optional = copy.deepcopy(_mapped(model, json.dumps(params, sort_keys=True)))
    extra = optional.pop("extra_body", None) or {}
    body = _config(model).transform_request(model, messages, optional, {}, {})
    body.update(extra)
    body["stream"] = False
    return body


_sessions: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, aiohttp.ClientSession]" = (
    weakref.WeakKeyDictionary())


def _session() -> aiohttp.ClientSession:
    loop = asyncio.get_running_loop()
    session = _sessions.get(loop)
    if session is None or session.closed:
        # limit=0: the per-model semaphore in client.py bounds concurrency, not the pool.
        connector = aiohttp.TCPConnector(limit=0, ttl_dns_cache=300)
        session = _sessions[loop] = aiohttp.ClientSession(
            connector=connector, json_serialize=json.dumps, skip_auto_headers=("User-Agent",))
    return session


async def close() -> None:
    """Close this loop's session (app and worker shutdown)."""
    try:
        session = _sessions.pop(asyncio.get_running_loop(), None)
    except RuntimeError:
        return
    if session is not None:
        await session.close()


def endpoint(api_base: str | None, api_key: str | None) -> tuple[str, str | None]:
    base = (api_base or os.environ.get("OPENAI_BASE_URL") or os.environ.get("OPENAI_API_BASE")
            or DEFAULT_BASE).rstrip("/")
    key = api_key if api_key is not None else os.environ.get("OPENAI_API_KEY")
    return f"{base}/chat/completions", key


async def call(model: str, messages: list[dict], params: dict, timeout_s: float,
               api_base: str | None = None, api_key: str | None = None) -> Reply:
    """One chat completion over the OpenAI protocol; raises LaneError."""
    name = (provider_of(model) or (model, "openai"))[0]
    body = build_body(name, messages, params)
    url, key = endpoint(api_base, api_key)
    if not key:
        # What litellm (the OpenAI SDK) says before sending: both transports fail the same way.
        raise LaneError("Missing credentials: no API key for the OpenAI protocol "
                        "(OPENAI_API_KEY)", None)
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {key}"}
    try:
        async with _session().post(url, data=json.dumps(body), headers=headers,
                                   timeout=aiohttp.ClientTimeout(total=timeout_s)) as response:
            raw = await response.read()
            status, response_headers = response.status, response.headers
    except TimeoutError:
        raise LaneError(f"Request timed out after {timeout_s:g}s", 408, "timeout") from None
    except aiohttp.ClientError as exc:
        raise LaneError(f"Connection error: {type(exc).__name__}", None, "connection") from None
    if status >= 400:
        raise _http_error(status, raw, response_headers)
    return _reply(raw)


def _http_error(status: int, raw: bytes, headers: Any) -> LaneError:
    from app.llm.retry import retry_after_from

    message = raw[:SNIPPET].decode("utf-8", "replace")
    try:
        error = json.loads(raw).get("error")
        if isinstance(error, dict) and error.get("message"):
            message = str(error["message"])
        elif isinstance(error, str):
            message = error
    except (ValueError, AttributeError):
        pass
    return LaneError(f"OpenAI-compatible API error {status}: {message}", status,
                     retry_after=retry_after_from(headers))


def _reply(raw: bytes) -> Reply:
    try:
        data = json.loads(raw)
        choice = data["choices"][0]
        message = choice.get("message") or {}
    except (ValueError, KeyError, IndexError, TypeError, AttributeError):
        raise LaneError(f"Malformed reply: {raw[:SNIPPET]!r}", None, "server") from None
    usage = data.get("usage") or {}
    return Reply(text=message.get("content") or "", message=message,
                 tokens_in=int(usage.get("prompt_tokens") or 0),
                 tokens_out=int(usage.get("completion_tokens") or 0),
                 finish_reason=choice.get("finish_reason"))
