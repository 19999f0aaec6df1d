"""Agent targets: the item is POSTed to the agent's URL; its reply's "output" is the output."""

import socket
from collections.abc import Iterator

import httpx
import pytest
from fastapi import FastAPI

from app.experiments import targets
from app.experiments.agent_http import UNREACHABLE
from tests.engine.conftest import AgentServer, add_dataset, add_evaluator, run_to_end, runs_of


async def test_agent_receives_the_item_and_its_output_is_scored(
    app: FastAPI, client: httpx.AsyncClient, agent: AgentServer
) -> None:
    agent.reply = {"output": "Paris", "tokens_in": 12, "tokens_out": 3, "cost": 0.5, "trace": [1]}
    dataset = await add_dataset(app, [{"query": "capital of France?"}], expected=["Paris"])
    exact = await add_evaluator(client, "exact", "exact_match")
    config = {"agent": {"url": agent.url, "headers": {"X-Token": "t0k"}}}
    experiment = await run_to_end(client, dataset, config, [exact])
    assert experiment["status"] == "completed"
    (run,) = await runs_of(app, experiment["id"])
    assert (run.status, run.output, run.error) == ("completed", "Paris", "")
    assert (run.tokens_in, run.tokens_out, run.cost) == (12, 3, 0.5)
    (request,) = agent.requests
    assert request["body"] == {
        "input": {"query": "capital of France?"}, "context": {"n": 0}, "agent_args": {"k": 0},
        "messages": [{"role": "user", "content": '{"query": "capital of France?"}'}],
    }
    assert request["headers"]["X-Token"] == "t0k"
    results = (await client.get(f"/api/v1/experiments/{experiment['id']}/results/")).json()
    assert [s["numeric_value"] for s in results["results"][0]["scores"]] == [1.0]


async def test_agent_reply_without_output_field_is_the_whole_reply(
    app: FastAPI, client: httpx.AsyncClient, agent: AgentServer
) -> None:
    agent.reply = {"answer": 42}
    dataset = await add_dataset(app, ["q"])
    experiment = await run_to_end(client, dataset, {"agent": {"url": agent.url}})
    (run,) = await runs_of(app, experiment["id"])
    assert run.output == {"answer": 42}
    assert run.tokens_in is None and run.cost is None


async def test_agent_non_2xx_fails_the_run_with_status_and_body_snippet(
    app: FastAPI, client: httpx.AsyncClient, agent: AgentServer
) -> None:
    agent.status, agent.reply = 503, b"overloaded, try later" + b"x" * 1000
    dataset = await add_dataset(app, ["q1", "q2"])
    # Room for a loaded machine (the engine tests' default is 1 s): the reply is what is tested.
    experiment = await run_to_end(client, dataset, {"agent": {"url": agent.url, "timeout_s": 10}})
    assert experiment["status"] == "failed"
    runs = await runs_of(app, experiment["id"])
    assert [r.status for r in runs] == ["failed", "failed"]
    assert runs[0].error == "agent returned HTTP 503: overloaded, try later" + "x" * 279
    assert experiment["error"] == runs[0].error


async def test_agent_timeout_fails_the_run(
    app: FastAPI, client: httpx.AsyncClient, agent: AgentServer
) -> None:
    agent.delay_s = 2.0
    dataset = await add_dataset(app, ["slow"])
    experiment = await run_to_end(client, dataset, {"agent": {"url": agent.url, "timeout_s": 0.3}})
    (run,) = await runs_of(app, experiment["id"])
    assert (run.status, run.error) == ("failed", "agent timed out after 0.3s")
    assert 300 <= run.latency_ms < 2000


async def test_agent_header_with_a_line_break_is_422_naming_the_headers(
    app: FastAPI, client: httpx.AsyncClient, agent: AgentServer
) -> None:
    dataset = await add_dataset(app, ["q"])
    for headers in ({"X-Token": "a\r\nHost: evil"}, {"X Token": "a"}):
        response = await client.post("/api/v1/experiments/", json={
            "name": "h", "dataset_id": str(dataset), "config": {"agent": {"url": agent.url, "headers": headers}}})
        assert response.status_code == 422
        assert [e["loc"] for e in response.json()["detail"]] == [["body", "config", "agent", "headers"]]


@pytest.fixture
def unanswered_port() -> Iterator[int]:
    """A port whose accept queue is full: a new connection is never established."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(0)
    port = server.getsockname()[1]
    fillers = [socket.socket() for _ in range(3)]
    for filler in fillers:
        filler.setblocking(False)
        filler.connect_ex(("127.0.0.1", port))
    yield port
    for sock in [*fillers, server]:
        sock.close()


async def test_a_connection_that_never_completes_reads_unreachable_not_timed_out(
    app: FastAPI, unanswered_port: int
) -> None:
    # "timed out" here and "refused" for a closed port would tell filtered ports from closed.
    agent = {"url": f"http://127.0.0.1:{unanswered_port}/agent", "timeout_s": 0.5}
    result = await targets.run_agent(agent, {"input": "q"})
    assert (result.error, result.retryable) == (UNREACHABLE, True)
