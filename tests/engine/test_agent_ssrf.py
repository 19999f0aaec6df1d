"""Agent endpoints cannot reach the server's own network (SSRF): refused at create when the
URL says so, refused at run time when the name resolves there, nothing sent, and the run's
error never tells what answered.

The allow-list is EMPTY here (the production default) unless a test passes its own through
`@pytest.mark.parametrize("settings", [[...]], indirect=True)`. Names resolve through a
scripted DNS (`dns`): the fake servers listen on 127.0.0.1 whatever the name."""

import socket
import threading
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import insert, select

from app.config import Settings
from app.experiments import agent_http, targets
from app.experiments.agent_http import UNREACHABLE
from app.models import Experiment, Organization
from app.models.base import utcnow
from tests.conftest import wait_for_experiment
from tests.engine.conftest import API, AgentServer, add_dataset, run_to_end, runs_of

MAX_TIMEOUT_S = 30.0


@pytest.fixture
def settings(settings: Settings, request: pytest.FixtureRequest) -> Settings:
    return settings.model_copy(update={
        "agent_allowed_hosts": getattr(request, "param", []),
        "agent_max_timeout_s": MAX_TIMEOUT_S,
    })


class FakeDNS:
    """Names -> addresses; any other name does not exist. `calls` lists every lookup."""

    def __init__(self) -> None:
        self.names: dict[str, list[str]] = {}
        self.calls: list[str] = []

    async def __call__(self, host: str, port: int) -> list[tuple[int, str]]:
        self.calls.append(host)
        if host not in self.names:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [(socket.AF_INET6 if ":" in a else socket.AF_INET, a) for a in self.names[host]]


@pytest.fixture
def dns(app: FastAPI) -> Iterator[FakeDNS]:
    fake = FakeDNS()
    agent_http.use_lookup(fake)
    yield fake
    agent_http.use_lookup(None)


def port_of(server: AgentServer) -> int:
    return int(server.url.rsplit(":", 1)[1].split("/")[0])


async def create(client: httpx.AsyncClient, dataset: uuid.UUID, agent: dict) -> httpx.Response:
    return await client.post(f"{API}/experiments/", json={
        "name": "ssrf", "dataset_id": str(dataset), "config": {"agent": agent}})


async def add_old_experiment(app: FastAPI, dataset: uuid.UUID, config: dict) -> str:
    """An experiment stored before the create-time checks existed (straight to the table)."""
    async with app.state.sessionmaker() as db:
        org_id = await db.scalar(select(Organization.id).where(Organization.slug == "acme"))
        experiment_id, now = uuid.uuid4(), utcnow()
        await db.execute(insert(Experiment).values(
            id=experiment_id, organization_id=org_id, dataset_id=dataset, name="old", config=config,
            evaluator_ids=[], metadata_={}, status="pending", error="", created_at=now, updated_at=now))
        await db.commit()
    return str(experiment_id)


async def start_and_wait(client: httpx.AsyncClient, experiment_id: str) -> dict:
    started = await client.post(f"{API}/experiments/{experiment_id}/start/")
    assert started.status_code == 200, started.text
    return await wait_for_experiment(client, experiment_id)


async def test_internal_addresses_and_names_are_422_naming_the_url(
    app: FastAPI, client: httpx.AsyncClient, agent: AgentServer
) -> None:
    dataset, port = await add_dataset(app, ["q"]), port_of(agent)
    urls = [
        agent.url, f"http://localhost:{port}/agent", f"http://[::1]:{port}/agent",
        f"http://[::ffff:127.0.0.1]:{port}/agent", f"http://0.0.0.0:{port}/agent",
        f"http://2130706433:{port}/agent", "http://169.254.169.254/latest/meta-data/",
        "http://metadata.google.internal/computeMetadata/v1/", "http://10.0.0.5/agent",
        "http://192.168.1.10/agent", "http://100.64.0.1/agent", "http://[fd00::1]/agent",
        "http://[fe80::1]/agent",
    ]
    for url in urls:
        response = await create(client, dataset, {"url": url})
        assert response.status_code == 422, url
        (error,) = response.json()["detail"]
        assert error["loc"] == ["body", "config", "agent", "url"]
        assert error["msg"].startswith("Agent URL not allowed: "), error["msg"]
    assert "EVALFORGE_AGENT_ALLOWED_HOSTS" in error["msg"]
    assert agent.requests == []


async def test_malformed_urls_are_422_not_500(app: FastAPI, client: httpx.AsyncClient) -> None:
    dataset = await add_dataset(app, ["q"])
    for url in ("http://[71J1]`)@/", "http://8T\u0130\u2488P/", "http://a\x00b/", "http://h:99999/"):
        response = await create(client, dataset, {"url": url})
        assert response.status_code == 422, (url, response.text)
        assert [e["loc"] for e in response.json()["detail"]] == [["body", "config", "agent", "url"]]


async def test_credentials_in_the_url_are_422(app: FastAPI, client: httpx.AsyncClient) -> None:
    dataset = await add_dataset(app, ["q"])
    response = await create(client, dataset, {"url": "https://bob:s3cret@agent.example/run"})
    assert response.status_code == 422
    (error,) = response.json()["detail"]
    assert error["loc"] == ["body", "config", "agent", "url"]
    assert "must not contain credentials" in error["msg"]


async def test_timeout_above_the_maximum_is_422_saying_the_maximum(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    dataset, url = await add_dataset(app, ["q"]), "https://agent.example/run"
    response = await create(client, dataset, {"url": url, "timeout_s": MAX_TIMEOUT_S + 1})
    assert response.status_code == 422
    assert response.json()["detail"] == [{
        "loc": ["body", "config", "agent", "timeout_s"], "type": "value_error",
        "msg": "timeout_s must be at most 30 seconds (EVALFORGE_AGENT_MAX_TIMEOUT_S).",
    }]
    assert (await create(client, dataset, {"url": url, "timeout_s": MAX_TIMEOUT_S})).status_code == 201


@pytest.mark.parametrize("answers", [["127.0.0.1"], ["93.184.216.34", "127.0.0.1"]],
                         ids=["loopback", "public-and-loopback"])
async def test_a_name_resolving_to_loopback_fails_the_run_and_the_server_receives_nothing(
    app: FastAPI, client: httpx.AsyncClient, agent: AgentServer, dns: FakeDNS, answers: list[str]
) -> None:
    agent.reply = {"output": {"secret": "from-loopback"}}
    dns.names["agent.test"] = answers
    dataset = await add_dataset(app, ["q"])
    url = f"http://agent.test:{port_of(agent)}/agent"
    experiment = await run_to_end(client, dataset, {"agent": {"url": url}})
    (run,) = await runs_of(app, experiment["id"])
    assert (run.status, run.output, run.error) == ("failed", None, UNREACHABLE)
    assert agent.requests == []
    assert dns.calls == ["agent.test"]


@pytest.mark.parametrize("template", [
    "http://127.0.0.1:{port}/agent", "http://localhost:{port}/agent",
    "http://[::ffff:127.0.0.1]:{port}/agent", "http://user:pw@127.0.0.1:{port}/agent",
])
async def test_an_experiment_stored_before_the_checks_is_refused_at_run_time(
    app: FastAPI, client: httpx.AsyncClient, agent: AgentServer, template: str
) -> None:
    agent.reply = {"output": {"secret": "from-loopback"}}
    dataset = await add_dataset(app, ["q"])
    url = template.format(port=port_of(agent))
    experiment_id = await add_old_experiment(app, dataset, {"agent": {"url": url, "timeout_s": 3600}})
    experiment = await start_and_wait(client, experiment_id)
    assert experiment["snapshot"]["agent"]["timeout_s"] == MAX_TIMEOUT_S  # clamped
    (run,) = await runs_of(app, experiment_id)
    assert (run.status, run.error) == ("failed", UNREACHABLE)
    assert agent.requests == []


@pytest.fixture
def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize("settings", [["localhost"]], indirect=True)
async def test_errors_do_not_tell_a_refused_destination_from_a_closed_port_or_a_missing_name(
    app: FastAPI, client: httpx.AsyncClient, agent: AgentServer, dns: FakeDNS, closed_port: int
) -> None:
    dns.names.update({"localhost": ["127.0.0.1"], "internal.test": ["127.0.0.1"]})
    dataset = await add_dataset(app, ["q"])
    urls = {
        "closed port of an allowed host": f"http://localhost:{closed_port}/agent",
        "refused destination, a live server": f"http://internal.test:{port_of(agent)}/agent",
        "name that does not resolve": f"http://missing.test:{port_of(agent)}/agent",
    }
    seen = {}
    for case, url in urls.items():
        experiment = await run_to_end(client, dataset, {"agent": {"url": url}})
        (run,) = await runs_of(app, experiment["id"])
        seen[case] = (run.status, run.error, run.attempts, experiment["error"])
    assert set(seen.values()) == {("failed", UNREACHABLE, 1, UNREACHABLE)}, seen
    assert agent.requests == []


@pytest.mark.parametrize("settings", [["127.0.0.1"]], indirect=True)
async def test_the_connection_goes_to_the_checked_address_with_the_name_as_host(
    app: FastAPI, client: httpx.AsyncClient, agent: AgentServer, dns: FakeDNS
) -> None:
    dns.names["pinned.test"] = ["127.0.0.1"]  # allowed by address, not by name
    dataset = await add_dataset(app, ["q"])
    url = f"http://pinned.test:{port_of(agent)}/agent"
    experiment = await run_to_end(client, dataset, {"agent": {"url": url}})
    assert experiment["status"] == "completed", experiment["error"]
    (request,) = agent.requests
    assert request["headers"]["Host"] == f"pinned.test:{port_of(agent)}"
    assert dns.calls == ["pinned.test"]  # one lookup: checked and connected are the same


class Redirector:
    """Answers every POST with `status` and a Location header."""

    def __init__(self, status: int, location: str) -> None:
        self.hits = 0
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                outer.hits += 1
                self.rfile.read(int(self.headers.get("content-length") or 0))
                self.send_response(status)
                self.send_header("location", location)
                self.send_header("content-length", "0")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                return None

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/agent"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.mark.parametrize("settings", [["127.0.0.1"]], indirect=True)
@pytest.mark.parametrize("status", [302, 307])
async def test_a_redirect_to_a_forbidden_host_is_not_followed(
    app: FastAPI, client: httpx.AsyncClient, agent: AgentServer, status: int
) -> None:
    redirector = Redirector(status, f"http://localhost:{port_of(agent)}/agent")
    try:
        dataset = await add_dataset(app, ["q"])
        experiment = await run_to_end(client, dataset, {"agent": {"url": redirector.url}})
    finally:
        redirector.close()
    (run,) = await runs_of(app, experiment["id"])
    message = f"agent returned HTTP {status}: redirects are not followed; use the final URL of the agent endpoint"
    assert (run.status, run.error) == ("failed", message)
    assert redirector.hits == 1
    assert agent.requests == []


@pytest.mark.parametrize("settings", [["127.0.0.1"]], indirect=True)
async def test_a_snapshot_frozen_before_the_maximum_is_clamped_at_run_time(
    app: FastAPI, agent: AgentServer
) -> None:
    agent.delay_s = 2.0
    agent_http.configure(app.state.settings.model_copy(update={"agent_max_timeout_s": 0.3}))
    try:
        result = await targets.run_agent({"url": agent.url, "timeout_s": 3600}, {"input": "q"})
    finally:
        agent_http.configure(app.state.settings)
    assert (result.error, result.retryable) == ("agent timed out after 0.3s", True)
