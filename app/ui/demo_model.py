"""The demo's local model: an OpenAI-compatible /v1/chat/completions answering from
demo_data's script, served by uvicorn on a thread (shipped in the package, unlike bench/)."""

import socket
import threading
import time
import uuid
from collections.abc import Callable
from typing import Any, Self

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from app.ui import demo_data

Reply = Callable[[dict[str, Any]], str]


def completion(request: dict[str, Any], text: str) -> dict[str, Any]:
    prompt_tokens = sum(len(str(m.get("content", "")).split()) for m in request.get("messages") or [])
    completion_tokens = len(text.split())
    return {
        "id": f"chatcmpl-{uuid.uuid4().hex[:24]}", "object": "chat.completion",
        "created": int(time.time()), "model": request.get("model", "demo"),
        "choices": [{"index": 0, "finish_reason": "stop",
                     "message": {"role": "assistant", "content": text}}],
        "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                  "total_tokens": prompt_tokens + completion_tokens},
    }


def make_app(reply: Reply = demo_data.reply) -> Starlette:
    async def chat(request: Request) -> JSONResponse:
        body = await request.json()
        return JSONResponse(completion(body, reply(body)))

    return Starlette(routes=[
        Route("/v1/chat/completions", chat, methods=["POST"]),
        Route("/chat/completions", chat, methods=["POST"]),
    ])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_started(server: uvicorn.Server, thread: threading.Thread, timeout_s: float = 30) -> None:
    """Until the server listens; a server that died (port taken) is an error, not a hang."""
    deadline = time.monotonic() + timeout_s
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the server did not start (is the port free?)")
        time.sleep(0.02)


class ThreadedServer:
    """An ASGI app under uvicorn on a daemon thread, until `stop()`."""

    def __init__(self, app: object, host: str, port: int) -> None:
        self.port = port
        config = uvicorn.Config(app, host=host, port=port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def start(self) -> Self:
        self.thread.start()
        wait_started(self.server, self.thread)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)


class DemoModel(ThreadedServer):
    """The scripted model on 127.0.0.1 and a free port."""

    def __init__(self, reply: Reply = demo_data.reply) -> None:
        super().__init__(make_app(reply), "127.0.0.1", free_port())

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"
