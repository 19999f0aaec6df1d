"""An agent reply is bounded: read as it streams and refused past EVALFORGE_AGENT_MAX_REPLY_MB,
so whatever answers at an agent URL cannot fill a worker's memory."""

import httpx
import pytest
from fastapi import FastAPI

from app.config import Settings
from app.experiments import agent_http
from tests.engine.conftest import AgentServer, add_dataset, run_to_end, runs_of

LIMIT_MB = 0.01  # 10 KiB


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"agent_max_reply_mb": LIMIT_MB})


async def test_a_reply_over_the_limit_fails_the_run_and_one_under_it_passes(
    app: FastAPI, client: httpx.AsyncClient, agent: AgentServer
) -> None:
    dataset = await add_dataset(app, ["q"])
    agent.reply = {"output": "x" * 20_000}
    experiment = await run_to_end(client, dataset, {"agent": {"url": agent.url}})
    (run,) = await runs_of(app, experiment["id"])
    assert run.status == "failed"
    assert run.error == "agent reply larger than 0.01 MB (EVALFORGE_AGENT_MAX_REPLY_MB)"
    assert run.attempts == 1  # not retried: the same agent would send the same reply
    agent.reply = {"output": "x" * 5_000}
    experiment = await run_to_end(client, dataset, {"agent": {"url": agent.url}})
    (run,) = await runs_of(app, experiment["id"])
    assert (run.status, len(run.output)) == ("completed", 5_000)


class _Stream:
    def __init__(self, chunks: list[bytes]) -> None:
        self.chunks, self.read = chunks, 0

    async def iter_chunked(self, size: int):
        for chunk in self.chunks:
            self.read += 1
            yield chunk


class _Response:
    """A reply without Content-Length (chunked or close-delimited)."""

    def __init__(self, chunks: list[bytes]) -> None:
        self.content_length = None
        self.content = _Stream(chunks)


async def test_an_undeclared_reply_stops_being_read_once_past_the_limit(app: FastAPI) -> None:
    agent_http.configure(app.state.settings)
    stream = _Response([b"x" * 4096] * 100)  # 400 KiB offered
    with pytest.raises(agent_http.AgentFailure):
        await agent_http._bounded_body(stream)
    assert stream.content.read == 3  # 12 KiB read, then refused: the rest is never read
    assert await agent_http._bounded_body(_Response([b"ok"] * 3)) == b"okokok"
