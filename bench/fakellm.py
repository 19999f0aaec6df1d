"""A local model server for tests and benchmarks: OpenAI chat completions and Anthropic Messages.

Plain asyncio streams with HTTP/1.1 keep-alive: no framework, so one core serves a
few hundred requests per second with a fixed latency and never blocks on a delay.
In tests it runs on a background thread with its own event loop (`FakeLLM`), so sync
and async callers alike can reach it; `python -m bench.fakellm` runs it in the foreground.

Scripted steps (`FakeLLM.script`) are consumed in order, one per request, before the
default reply: a text, {"status": 429, "retry_after": 1}, {"status": 500},
{"status": 400, "message": "..."}, {"delay_ms": 5000} or {"text": "...", "delay_ms": 10}; a
step with {"tool_calls": [{"name": "calculator", "arguments": {"expression": "2+2"}}]} calls
tools, in each protocol's own shape (issue 12).
Standing rules (`FakeLLM.always`) answer every request for one model, or whose prompt
contains a text, with one step, ahead of the scripted ones: a model that always says 401;
with `before_tool_result`, only requests that do not end with a tool result (a model that
calls a tool once per question, then reads the result).
Both protocols share the steps, the latency and the recorded requests; each answers in its
own response and error shape (POST /v1/chat/completions, POST /v1/messages).
GET /_fakellm/stats answers {requests, in_flight, max_in_flight}; DELETE resets them.

Default reply: the last user message, verbatim (after a tool result: that result), except
that a request whose text contains JUDGE_MARKER gets JUDGE_VERDICT, a JSON verdict that evalforge's llm_judge and promptfoo's
llm-rubric both parse, so a benchmark can run a judge against the same server.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import threading
from collections import deque
from collections.abc import Callable
from typing import Any, Self

from bench.fakellm_replies import (  # noqa: F401 - re-exported for tests and benchmarks
    ANTHROPIC,
    JUDGE_MARKER,
    JUDGE_VERDICT,
    anthropic_message,
    chat_completion,
    count_tokens,
    echo_last_user,
    echo_or_verdict,
    error_body,
    prompt_texts,
    tool_result,
)

OPENAI = "openai"
ROUTES = {b"/v1/chat/completions": OPENAI, b"/chat/completions": OPENAI,
          b"/v1/messages": ANTHROPIC, b"/messages": ANTHROPIC}
REASONS = {200: "OK", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden",
           404: "Not Found", 408: "Request Timeout", 429: "Too Many Requests", 500: "Internal Server Error", 503: "Service Unavailable",
           529: "Overloaded"}
STATS_ROUTE = b"/_fakellm/stats"  # GET: stats(); DELETE: reset_stats(), then stats()
class FakeLLM:
    """OpenAI- and Anthropic-compatible server on 127.0.0.1 and a free port (or `port`)."""

    def __init__(self, latency_ms: float = 0, reply: str | None = None, *, port: int = 0) -> None:
        self.latency_ms = latency_ms
        self.reply = reply
        self.reply_fn: Callable[[dict], str] = echo_or_verdict
        self.requests: list[dict] = []
        self.request_headers: list[dict[str, str]] = []  # lower-cased names, one per request
        self.in_flight = 0
        self.max_in_flight = 0
        self.port = port
        self._steps: deque[Any] = deque()
        self._rules: list[tuple[str | None, str | None, dict, bool]] = []
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task] = set()

    # -- public API --------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        """The OpenAI-style base (…/v1), as OPENAI_BASE_URL takes it."""
        return f"http://127.0.0.1:{self.port}/v1"

    @property
    def anthropic_base_url(self) -> str:
        """The Anthropic-style base (no /v1): litellm's `anthropic/` appends /v1/messages."""
        return f"http://127.0.0.1:{self.port}"

    def script(self, *steps: Any) -> None:
        """Queue steps used in order (one per request) before the default reply."""
        self._steps.extend(steps)

    def always(self, step: dict, *, model: str | None = None, contains: str | None = None,
               before_tool_result: bool = False) -> None:
        """Answer `step` to every request for `model` (as sent: "gpt-4o", not "openai/gpt-4o")
        or whose prompt contains `contains` (with `before_tool_result`, only those that do not
        end with a tool result); scripted steps are not consumed by these."""
        self._rules.append((model, contains, step, before_tool_result))

    def _rule(self, request: dict) -> dict | None:
        for model, contains, step, before_tool_result in self._rules:
            if model is not None and request.get("model") != model:
                continue
            if before_tool_result and tool_result(request) is not None:
                continue
            if contains is not None and not any(contains in text
                                                for text in prompt_texts(request)):
                continue
            return step
        return None

    def stats(self) -> dict[str, int]:
        return {"requests": len(self.requests), "in_flight": self.in_flight,
                "max_in_flight": self.max_in_flight}

    def reset_stats(self) -> None:
        self.requests.clear()
        self.request_headers.clear()
        self.max_in_flight = self.in_flight  # requests still in flight stay counted

    def start(self) -> Self:
        ready = threading.Event()
        errors: list[BaseException] = []

        def run() -> None:
            loop = asyncio.new_event_loop()
            self._loop = loop
            try:
                loop.run_until_complete(self.serve())
            except OSError as exc:  # e.g. port in use: surfaced to start() below
                errors.append(exc)
                ready.set()
                return
            ready.set()
            loop.run_forever()
            loop.run_until_complete(self._shutdown())
            loop.close()

        self._thread = threading.Thread(target=run, name="fakellm", daemon=True)
        self._thread.start()
        ready.wait(10)
        if errors:
            raise errors[0]
        return self

    def stop(self) -> None:
        if self._loop is None or self._thread is None:
            return
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop = self._thread = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- server ------------------------------------------------------------------------
    async def serve(self) -> asyncio.Server:
        """Start listening on the current loop (used directly by the CLI)."""
        self._server = await asyncio.start_server(self._on_connection, "127.0.0.1", self.port,
                                                  backlog=1024)
        self.port = self._server.sockets[0].getsockname()[1]
        return self._server

    async def _shutdown(self) -> None:
        if self._server is not None:
            self._server.close()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    async def _on_connection(self, reader: asyncio.StreamReader,
                             writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        self._tasks.add(task)
        try:
            while await self._handle_one(reader, writer):
                pass
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            pass
        except asyncio.CancelledError:
            # Shutdown: returning normally keeps asyncio's stream callback from logging
            # the cancellation as an unhandled error (Python 3.11 behaviour).
            pass
        finally:
            self._tasks.discard(task)
            writer.close()

    async def _handle_one(self, reader: asyncio.StreamReader,
                          writer: asyncio.StreamWriter) -> bool:
        """Serve one request; False when the connection should close."""
        head = await reader.readuntil(b"\r\n\r\n")
        lines = head.split(b"\r\n")
        method, path, _ = (lines[0].split(b" ", 2) + [b"", b""])[:3]
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(b":")
            if name:
                headers[name.strip().lower()] = value.strip()
        body = await self._read_body(reader, headers)
        keep_alive = headers.get(b"connection", b"").lower() != b"close"
        path = path.split(b"?", 1)[0]
        protocol = ROUTES.get(path) if method == b"POST" else None
        if path == STATS_ROUTE:  # for a benchmark driving the server in another process
            if method == b"DELETE":
                self.reset_stats()
            status, extra, payload = 200, {}, self.stats()
        elif protocol is None:
            status, extra, payload = 404, {}, error_body(OPENAI, 404, f"No route {path.decode()}")
        else:
            self.request_headers.append({k.decode(): v.decode() for k, v in headers.items()})
            status, extra, payload = await self._answer(protocol, body)
        self._write(writer, status, extra, payload, keep_alive)
        await writer.drain()
        return keep_alive

    @staticmethod
    async def _read_body(reader: asyncio.StreamReader, headers: dict[bytes, bytes]) -> bytes:
        if headers.get(b"transfer-encoding", b"").lower() == b"chunked":
            chunks = []
            while True:
                size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
                data = await reader.readexactly(size + 2)
                if size == 0:
                    return b"".join(chunks)
                chunks.append(data[:-2])
        length = int(headers.get(b"content-length", b"0") or 0)
        return await reader.readexactly(length) if length else b""

    async def _answer(self, protocol: str, body: bytes) -> tuple[int, dict[str, str], dict]:
        try:
            request = json.loads(body or b"{}")
        except ValueError:
            return 400, {}, error_body(protocol, 400, "Request body is not valid JSON")
        self.requests.append(request)
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            step = self._rule(request)
            if step is None and self._steps:
                step = self._steps.popleft()
            if isinstance(step, str):
                step = {"text": step}
            step = step or {}
            delay = step.get("delay_ms", self.latency_ms)
            if delay:
                await asyncio.sleep(delay / 1000)
            status = int(step.get("status", 200))
            if status != 200:
                extra = {}
                if "retry_after" in step:
                    extra["Retry-After"] = str(step["retry_after"])
                return status, extra, error_body(protocol, status, step.get("message"))
            text = step.get("text")
            if text is None:
                text = self.reply if self.reply is not None else self.reply_fn(request)
            calls = step.get("tool_calls")
            if calls and "text" not in step:
                text = ""  # a reply that only calls tools
            reply = anthropic_message if protocol == ANTHROPIC else chat_completion
            return 200, {}, reply(request, text, calls)
        finally:
            self.in_flight -= 1

    @staticmethod
    def _write(writer: asyncio.StreamWriter, status: int, extra: dict[str, str], payload: dict,
               keep_alive: bool) -> None:
        data = json.dumps(payload).encode()
        lines = [f"HTTP/1.1 {status} {REASONS.get(status, 'Error')}",
                 "Content-Type: application/json", f"Content-Length: {len(data)}",
                 f"Connection: {'keep-alive' if keep_alive else 'close'}"]
        lines += [f"{k}: {v}" for k, v in extra.items()]
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + data)


def main() -> None:
    parser = argparse.ArgumentParser(description="Fake OpenAI/Anthropic model server")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--latency-ms", type=float, default=0)
    parser.add_argument("--reply", default=None, help="fixed reply (default: echo the last user message; judge verdict on the marker)")
    args = parser.parse_args()
    fake = FakeLLM(latency_ms=args.latency_ms, reply=args.reply, port=args.port)

    async def forever() -> None:
        await fake.serve()
        print(f"fakellm listening on {fake.base_url} (latency {args.latency_ms} ms)", flush=True)
        await asyncio.Event().wait()

    try:
        asyncio.run(forever())
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
