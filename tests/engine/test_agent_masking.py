"""Agent credentials (header values, and user:password@ in URLs stored before that was
refused) reach the agent but never come back through the API: not in the started
experiment's config or snapshot, the list, the results and their exports, nor a comparison."""

import httpx
from fastapi import FastAPI

from tests.engine.conftest import API, AgentServer, add_dataset, run_to_end
from tests.engine.test_agent_ssrf import add_old_experiment, start_and_wait

SECRET = "Bearer s3cret-agent-token"


async def _api_texts(client: httpx.AsyncClient, ids: list[str]) -> dict[str, str]:
    """Every response that shows an experiment's config, or its results."""
    joined = ",".join(ids)
    texts = {
        "list": (await client.get(f"{API}/experiments/")).text,
        "compare (POST)": (await client.post(f"{API}/experiments/compare/",
                                              json={"experiment_ids": ids})).text,
        "compare (GET)": (await client.get(f"{API}/experiments/compare/",
                                           params={"experiment_ids": joined})).text,
    }
    for i in ids:
        texts[f"detail {i}"] = (await client.get(f"{API}/experiments/{i}/")).text
        for fmt in ("json", "jsonl", "csv"):
            response = await client.get(f"{API}/experiments/{i}/results/", params={"format": fmt})
            assert response.status_code == 200, response.text
            texts[f"results.{fmt} {i}"] = response.text
    return texts


async def test_header_values_are_masked_in_the_snapshot_results_and_compare(
    app: FastAPI, client: httpx.AsyncClient, agent: AgentServer
) -> None:
    dataset = await add_dataset(app, ["q1", "q2"])
    headers = {"Authorization": SECRET, "X-Api-Key": "k3y-value"}
    ids = [
        (await run_to_end(client, dataset, {"agent": {"url": agent.url, "headers": headers}}))["id"]
        for _ in range(2)
    ]
    assert {r["headers"]["Authorization"] for r in agent.requests} == {SECRET}  # the agent gets it
    detail = (await client.get(f"{API}/experiments/{ids[0]}/")).json()
    masked = {"Authorization": "***", "X-Api-Key": "***"}
    assert detail["status"] == "completed"
    assert detail["snapshot"]["agent"]["headers"] == masked
    assert detail["config"]["agent"]["headers"] == masked
    compared = (await client.post(f"{API}/experiments/compare/", json={"experiment_ids": ids})).json()
    assert [e["config"]["agent"]["headers"] for e in compared["experiments"].values()] == [masked] * 2
    for name, text in (await _api_texts(client, ids)).items():
        assert "s3cret" not in text and "k3y-value" not in text, name


async def test_credentials_in_an_old_experiments_url_are_masked(
    app: FastAPI, client: httpx.AsyncClient, agent: AgentServer
) -> None:
    dataset = await add_dataset(app, ["q"])
    old_url = agent.url.replace("http://", "http://bob:pa55word@")
    ids = [await add_old_experiment(app, dataset, {"agent": {"url": old_url}}) for _ in range(2)]
    for experiment_id in ids:
        await start_and_wait(client, experiment_id)
    detail = (await client.get(f"{API}/experiments/{ids[0]}/")).json()
    assert detail["snapshot"]["agent"]["url"] == agent.url
    assert detail["config"]["agent"]["url"] == agent.url
    for name, text in (await _api_texts(client, ids)).items():
        assert "pa55word" not in text and "bob" not in text, name
    assert agent.requests == []  # refused at run time: credentials belong in headers
