"""Request bodies: a size limit counted on the bytes as they arrive, and no NaN/Infinity.

Every request body passes through `BodyLimitMiddleware`, whatever its Content-Length says
or whether it sends one: the count is kept on the bytes themselves, so a chunked body or a
lying header cannot get past the limit. A too large declared length is refused before
anything is read. A route that takes larger bodies (the dataset import) raises its own
allowance with `allow_body` before it reads.

JSON has no NaN or Infinity, but Python's json and pydantic's parser both accept the
literals; PostgreSQL's JSON columns then refuse them and the request ends as a 500. Bodies
that may be parsed as JSON (anything but the streamed file and form types, whose parsers
refuse the literals themselves) are read whole here, checked, and handed on in one piece:
every such handler reads the whole body before parsing anyway.
"""

import json
import math
import re
from collections.abc import Callable
from itertools import accumulate
from typing import Any
from urllib.parse import parse_qsl

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.config import Settings

MB = 1024 * 1024
GUARD_KEY = "evalforge.body_guard"
# Streamed as they come and parsed by parsers that refuse NaN/Infinity on their own.
STREAMED_TYPES = frozenset({
    "multipart/form-data", "application/x-www-form-urlencoded", "text/csv",
    "application/jsonl", "application/x-ndjson",
})
NUL_MESSAGE = "NUL characters (\\u0000) are not allowed"
NONFINITE_MESSAGE = "NaN and Infinity are not JSON numbers; send null or a string instead"
# Deeper than any real payload (chat transcripts with tool calls nest about ten levels), and
# far below where Python's parser gives up with a RecursionError (about 1,000).
MAX_JSON_DEPTH = 100
DEPTH_MESSAGE = f"JSON nested deeper than {MAX_JSON_DEPTH} levels"
_JSON_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"')  # unrolled: twice as fast
_NOT_BRACKET = bytes(b for b in range(256) if b not in b"[]{}")
# +1 for an opening bracket, -1 for a closing one: the running sum is the nesting depth.
_DEPTH_STEP = [1 if b in b"[{" else -1 if b in b"]}" else 0 for b in range(256)]


class BodyRefused(HTTPException):
    """Raised from `receive`. An HTTPException, because FastAPI's body reading turns any
    other error into a 400 but lets these through to the app's handler ({"detail": ...})."""


def _megabytes(limit: int) -> str:
    value = limit / MB
    return f"{value:g} MB" if value >= 1 else f"{limit // 1024} KB"


def too_large(limit: int) -> BodyRefused:
    return BodyRefused(413, f"The request body is larger than the {_megabytes(limit)} limit.")


def allow_body(request: Request, max_bytes: int) -> None:
    """Let this request's body reach `max_bytes` (call before reading it)."""
    guard = request.scope.get(GUARD_KEY)
    if guard is not None:
        guard.limit = max_bytes
        guard.refuse_declared()


def _nonfinite_path(value: Any) -> list[str | int] | None:
    """Where the first NaN or +-Infinity sits in a parsed JSON value (iterative: no depth limit)."""
    return _first_path(value, lambda node: isinstance(node, float) and not math.isfinite(node))


def _first_path(value: Any, bad: Callable[[Any], bool]) -> list[str | int] | None:
    """Where the first node (or dict key) that is `bad` sits in a parsed JSON value."""
    stack: list[tuple[list[str | int], Any]] = [([], value)]
    while stack:
        path, node = stack.pop()
        if bad(node):
            return path
        if isinstance(node, dict):
            if key := next((k for k in node if bad(k)), None):
                return path + [key]
            stack.extend((path + [k], v) for k, v in reversed(node.items()))
        elif isinstance(node, list):
            stack.extend((path + [i], v) for i, v in reversed(list(enumerate(node))))
    return None


class _NonFinite(Exception):
    """A NaN/Infinity literal was met: stop parsing."""


def _refuse_constant(name: str) -> float:
    raise _NonFinite(name)


_strict = json.JSONDecoder(parse_constant=_refuse_constant)


def check_finite(body: bytes) -> None:
    """422 naming the field when the JSON body holds NaN, Infinity or -Infinity."""
    # Fast path: UTF-8 JSON without either word anywhere (in C, a few ms for 10 MB).
    if json.detect_encoding(body) == "utf-8" and b"NaN" not in body and b"Infinity" not in body:
        return
    try:
        text = body.decode(json.detect_encoding(body))
        _strict.decode(text)
        return  # the words were inside strings
    except _NonFinite:
        pass
    except (ValueError, RecursionError):
        return  # not JSON at all: whoever parses it says so
    path = _nonfinite_path(json.loads(text)) or []
    raise BodyRefused(422, [{"loc": ["body", *path], "msg": NONFINITE_MESSAGE, "type": "finite_number"}])


def check_depth(body: bytes) -> None:
    """422 when the JSON body nests deeper than MAX_JSON_DEPTH: FastAPI would answer the
    parser's RecursionError with a 400, and a few hundred levels already strain pydantic and
    PostgreSQL. Counted without parsing, in C (about as long as json.loads of the same
    body): strings dropped, every byte but brackets dropped, then the running sum of +1/-1.
    Bodies with at most MAX_JSON_DEPTH brackets (nearly all) skip it."""
    if body.count(b"[") + body.count(b"{") <= MAX_JSON_DEPTH:
        return
    brackets = _JSON_STRING.sub(b"", body).translate(None, _NOT_BRACKET)
    if max(accumulate(map(_DEPTH_STEP.__getitem__, brackets)), default=0) > MAX_JSON_DEPTH:
        raise BodyRefused(422, [{"loc": ["body"], "msg": DEPTH_MESSAGE, "type": "json_depth"}])


def _has_nul(node: Any) -> bool:
    return isinstance(node, str) and "\x00" in node


def check_nul(body: bytes) -> None:
    """422 naming the field when a JSON string holds NUL, which PostgreSQL's text refuses
    (a 500 the schema fuzzer found; SQLite kept it)."""
    if b"\\u0000" not in body:  # JSON can only carry NUL escaped; a raw one is not JSON
        return
    try:
        path = _first_path(json.loads(body), _has_nul)
    except (ValueError, RecursionError):
        return  # not JSON at all: whoever parses it says so
    if path is not None:
        raise BodyRefused(422, [{"loc": ["body", *path], "msg": NUL_MESSAGE, "type": "nul_character"}])


def _nul_in_url(scope: Scope) -> list[str] | None:
    """Where a NUL sits in the path or the query string, if anywhere."""
    if "\x00" in scope.get("path", ""):
        return ["path"]
    query = scope.get("query_string", b"")
    if b"%00" in query or b"\x00" in query:
        for name, value in parse_qsl(query.decode("latin-1"), keep_blank_values=True):
            if "\x00" in name or "\x00" in value:
                return ["query", name]
    return None


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            return int(value) if value.isdigit() else None
    return None


def _may_be_json(scope: Scope) -> bool:
    for name, value in scope.get("headers", []):
        if name == b"content-type":
            return value.split(b";")[0].strip().lower().decode("latin-1") not in STREAMED_TYPES
    return True


class _Guard:
    """The `receive` the application sees for one request."""

    def __init__(self, scope: Scope, receive: Receive, limit: int) -> None:
        self._receive = receive
        self.limit = limit
        self.received = 0
        self.declared = _content_length(scope)
        self.whole = _may_be_json(scope)

    def refuse_declared(self) -> None:
        if self.declared is not None and self.declared > self.limit:
            raise too_large(self.limit)

    async def _next(self) -> Message:
        self.refuse_declared()
        message = await self._receive()
        if message["type"] == "http.request":
            self.received += len(message.get("body", b""))
            if self.received > self.limit:
                raise too_large(self.limit)
        return message

    async def __call__(self) -> Message:
        if not self.whole:
            return await self._next()
        self.whole = False  # later calls (disconnect listeners) go straight through
        chunks = []
        while True:
            message = await self._next()
            if message["type"] != "http.request":
                return message
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        check_depth(body)
        check_finite(body)
        check_nul(body)
        return {"type": "http.request", "body": body, "more_body": False}


class BodyLimitMiddleware:
    """Pure ASGI (no BaseHTTPMiddleware): wraps `receive`, never buffers a streamed upload."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if where := _nul_in_url(scope):
            detail = [{"loc": where, "msg": NUL_MESSAGE, "type": "nul_character"}]
            await JSONResponse({"detail": detail}, 422)(scope, receive, send)
            return
        # Read per request: tests and operators may change the setting on a running app.
        guard = _Guard(scope, receive, int(self.settings.max_body_mb * MB))
        scope[GUARD_KEY] = guard
        started = False

        async def watch(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, guard, watch)
        except BodyRefused as exc:  # raised where no exception handler was in reach
            if started:
                raise
            await JSONResponse({"detail": exc.detail}, exc.status_code)(scope, receive, send)
