"""The agent target's HTTP side: which endpoints an experiment may name, and the one client
that calls them through the egress guard (app.netguard).

A run's error must not tell a member what answered at an address they could not otherwise
reach: a refused destination, a DNS failure, a refused or timed-out connection and a TLS
failure all read UNREACHABLE, and nothing is sent to a refused destination. Only a host
that accepted the request reports its HTTP status and a snippet of its reply.

Redirects are not followed (a 3xx fails the run): every hop would need the same check,
and a POST that is redirected is rarely what the user meant.
"""

import asyncio
import logging
from dataclasses import dataclass
from typing import Any

import aiohttp

from app import netguard
from app.config import Settings, get_settings
from app.errors import InvalidInput
from app.llm import tool_calls as llm_tool_calls

log = logging.getLogger(__name__)

UNREACHABLE = "agent request failed: could not reach the agent endpoint"
BROKEN_REPLY = "agent request failed: the agent endpoint closed the connection or sent an invalid reply"
SNIPPET = 300
TOO_LARGE = "agent reply larger than {mb:g} MB (EVALFORGE_AGENT_MAX_REPLY_MB)"
# A connection that takes longer than this (or 90% of the run's timeout) is reported as
# unreachable, not as a slow agent: "timed out" against "refused" would tell a filtered port
# from a closed one.
CONNECT_TIMEOUT_S = 10.0


class AgentFailure(Exception):
    def __init__(self, message: str, retryable: bool) -> None:
        super().__init__(message)
        self.message, self.retryable = message, retryable


_policy: netguard.EgressPolicy | None = None
_max_timeout_s = 300.0
_max_reply_bytes = 8 * 1024 * 1024
_lookup: netguard.Lookup = netguard.system_lookup
_session: aiohttp.ClientSession | None = None
_loop: asyncio.AbstractEventLoop | None = None
_retired: list[aiohttp.ClientSession] = []


def configure(settings: Settings) -> None:
    """Apply EVALFORGE_AGENT_ALLOWED_HOSTS, EVALFORGE_AGENT_MAX_TIMEOUT_S and
    EVALFORGE_AGENT_MAX_REPLY_MB to later calls."""
    global _policy, _max_timeout_s, _max_reply_bytes
    policy = netguard.EgressPolicy(settings.agent_allowed_hosts)
    if policy != _policy:
        _retire_session()  # its resolver and DNS cache judged by the old allow-list
    _policy, _max_timeout_s = policy, settings.agent_max_timeout_s
    _max_reply_bytes = int(settings.agent_max_reply_mb * 1024 * 1024)


def use_lookup(lookup: netguard.Lookup | None = None) -> None:
    """Resolve names with `lookup` (a test's scripted DNS); None: the system resolver."""
    global _lookup
    _lookup = lookup or netguard.system_lookup
    _retire_session()


def _current() -> netguard.EgressPolicy:
    if _policy is None:
        configure(get_settings())
    assert _policy is not None
    return _policy


async def _dns(host: str, port: int) -> list[tuple[int, str]]:
    return await _lookup(host, port)


def _retire_session() -> None:
    global _session
    if _session is not None:
        _retired.append(_session)
        _session = None


def _client() -> aiohttp.ClientSession:
    """One session per process (per event loop): agent calls reuse its connections."""
    global _session, _loop
    loop = asyncio.get_running_loop()
    if _session is None or _session.closed or _loop is not loop:
        connector = aiohttp.TCPConnector(
            limit=512, resolver=netguard.PinnedResolver(_current(), _dns)
        )
        # trust_env=False: an HTTP(S)_PROXY from the environment would connect to the name
        # itself, around the pinned addresses.
        _session, _loop = aiohttp.ClientSession(connector=connector, trust_env=False), loop
    return _session


async def close_client() -> None:
    _retire_session()
    while _retired:
        session = _retired.pop()
        if _loop is asyncio.get_running_loop():
            await session.close()


def max_timeout_s() -> float:
    _current()
    return _max_timeout_s


def check_config(agent: dict[str, Any] | None, settings: Settings) -> None:
    """422 at create for a URL the guard refuses without DNS, or a timeout above the maximum."""
    if not agent:
        return
    errors = []
    reason = netguard.EgressPolicy(settings.agent_allowed_hosts).refusal(agent.get("url") or "")
    if reason:
        errors.append(_error("url", f"Agent URL not allowed: {reason}. Agent endpoints must be "
                          "public addresses unless EVALFORGE_AGENT_ALLOWED_HOSTS lists them."))
    timeout, limit = agent.get("timeout_s"), settings.agent_max_timeout_s
    if timeout is not None and timeout > limit:
        errors.append(_error("timeout_s", f"timeout_s must be at most {limit:g} seconds "
                             "(EVALFORGE_AGENT_MAX_TIMEOUT_S)."))
    if errors:
        raise InvalidInput(errors)


def _error(field: str, message: str) -> dict[str, Any]:
    return {"loc": ["body", "config", "agent", field], "msg": message, "type": "value_error"}


@dataclass
class AgentReply:
    status: int
    body: bytes
    charset: str | None

    def text(self) -> str:
        try:
            return self.body.decode(self.charset or "utf-8", errors="replace")
        except LookupError:  # an unknown charset name in the reply's content-type
            return self.body.decode("utf-8", errors="replace")


async def post(url: str, body: Any, headers: dict[str, str], timeout_s: float) -> AgentReply:
    """POST JSON to an agent; AgentFailure for anything but a 2xx reply."""
    try:
        target = _current().check_url(url)
    except netguard.Blocked as exc:
        log.warning("agent endpoint refused: %s", exc)
        raise AgentFailure(UNREACHABLE, retryable=True) from None
    # The connect budget ends strictly before the total one, so a connection that never
    # completes reads UNREACHABLE, never "timed out"; no rounding up of either deadline.
    timeout = aiohttp.ClientTimeout(
        total=timeout_s, sock_connect=min(timeout_s * 0.9, CONNECT_TIMEOUT_S), ceil_threshold=1e9
    )
    try:
        async with _client().post(
            target, json=body, headers=headers, timeout=timeout, allow_redirects=False
        ) as response:
            reply = AgentReply(response.status, await _bounded_body(response), response.charset)
    except (aiohttp.ClientConnectorError, aiohttp.ConnectionTimeoutError, aiohttp.InvalidURL) as exc:
        log.info("agent endpoint %s unreachable: %r", target.host, exc)  # operators see why
        raise AgentFailure(UNREACHABLE, retryable=True) from None
    except TimeoutError:
        raise AgentFailure(f"agent timed out after {timeout_s:g}s", retryable=True) from None
    except aiohttp.ClientError:
        raise AgentFailure(BROKEN_REPLY, retryable=True) from None
    return _checked(reply)


async def _bounded_body(response: aiohttp.ClientResponse) -> bytes:
    """The reply, read as it streams and refused past the limit: an agent (or whatever
    answers at its URL) must not fill the worker's memory."""
    if (response.content_length or 0) > _max_reply_bytes:
        raise AgentFailure(TOO_LARGE.format(mb=round(_max_reply_bytes / 2**20, 3)), retryable=False)
    body = bytearray()
    async for chunk in response.content.iter_chunked(65536):
        body += chunk
        if len(body) > _max_reply_bytes:
            raise AgentFailure(TOO_LARGE.format(mb=round(_max_reply_bytes / 2**20, 3)), retryable=False)
    return bytes(body)


def _checked(reply: AgentReply) -> AgentReply:
    if 300 <= reply.status < 400:
        raise AgentFailure(
            f"agent returned HTTP {reply.status}: redirects are not followed; "
            "use the final URL of the agent endpoint",
            retryable=False,
        )
    if not 200 <= reply.status < 300:
        raise AgentFailure(
            f"agent returned HTTP {reply.status}: {reply.text()[:SNIPPET]}",
            retryable=reply.status >= 500 or reply.status == 429,
        )
    return reply


def tool_calls(reply: Any) -> list[dict[str, Any]] | None:
    """The tool calls an agent reports in its JSON reply (issue 12), as [{name, arguments,
    result}]: each entry {name, arguments, result} or OpenAI's {function: {name, arguments}}
    (arguments parsed when they are a JSON text). None when the reply has no `tool_calls`
    list; entries without a tool name are left out, since nothing could grade them."""
    raw = reply.get("tool_calls") if isinstance(reply, dict) else None
    if not isinstance(raw, list):
        return None
    calls = []
    for entry in raw:
        if not isinstance(entry, dict):
            continue
        source = entry.get("function") if isinstance(entry.get("function"), dict) else entry
        name = source.get("name")
        if not isinstance(name, str) or not name:
            continue
        calls.append({"name": name, "arguments": llm_tool_calls.arguments_of(source.get("arguments")),
                      "result": entry.get("result", entry.get("output"))})
    return calls


def transcript(calls: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The calls as the messages a model run keeps (one assistant message with OpenAI-format
    tool_calls, then one `tool` message per result), so the extractors and tool graders read
    an agent's calls and a model's alike."""
    if not calls:
        return []
    named = [{**call, "id": f"call_{i}"} for i, call in enumerate(calls)]
    return [llm_tool_calls.assistant_message("", named),
            *(llm_tool_calls.tool_message(c["id"], c["result"]) for c in named)]
