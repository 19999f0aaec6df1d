"""Production run ids are numbers per organization: another tenant's activity leaves no gap,
and the seed's `"run_id": "42"` means the caller's own run 42."""

import asyncio

import httpx

from tests.runs.test_runs import RUN

RUNS = "/api/v1/runs/"
DATASETS = "/api/v1/datasets/"


async def record(client: httpx.AsyncClient, **fields) -> int:
    response = await client.post(RUNS, json={**RUN, **fields})
    assert response.status_code == 201, response.text
    return response.json()["id"]


async def test_each_organization_counts_from_one_without_gaps(client, other_org) -> None:
    mine, theirs = [], []
    for _ in range(3):  # interleaved: one global sequence would give 1, 3, 5 and 2, 4, 6
        mine.append(await record(client, agent_name="acme-agent"))
        theirs.append(await record(other_org, agent_name="globex-agent"))
    assert mine == [1, 2, 3] and theirs == [1, 2, 3]
    listed = (await client.get(RUNS)).json()["results"]
    assert [(r["id"], r["agent_name"]) for r in listed] == [(3, "acme-agent"), (2, "acme-agent"),
                                                            (1, "acme-agent")]


async def test_a_number_means_the_callers_own_run(client, other_org) -> None:
    await record(client, agent_name="acme-agent")
    await record(other_org, agent_name="globex-agent")
    assert (await client.get(f"{RUNS}1/")).json()["agent_name"] == "acme-agent"
    assert (await other_org.get(f"{RUNS}1/")).json()["agent_name"] == "globex-agent"
    assert (await other_org.get(f"{RUNS}2/")).status_code == 404


async def test_from_run_takes_the_per_organization_number(client, other_org) -> None:
    await record(other_org, inputs={"q": "theirs"})
    await record(other_org, inputs={"q": "theirs too"})
    run = await record(client, inputs={"q": "mine"})
    assert run == 1
    dataset = (await client.post(DATASETS, json={"name": "QA"})).json()["id"]
    response = await client.post(f"{DATASETS}{dataset}/from-run/", json={"run_id": "1"})
    assert response.status_code == 201, response.text
    item = response.json()
    assert item["input"] == {"q": "mine"}
    assert item["source_run_id"] == 1 and item["context"]["run_id"] == "1"
    missing = await client.post(f"{DATASETS}{dataset}/from-run/", json={"run_id": "2"})
    assert missing.status_code == 404  # globex has a run 2; acme does not


async def test_concurrent_creates_get_one_to_twenty(client, other_org) -> None:
    """On PostgreSQL the creates really overlap: the counter row serializes them."""
    numbers = await asyncio.gather(*(record(client, agent_name=f"a{i}") for i in range(20)))
    assert sorted(numbers) == list(range(1, 21))
    assert await record(other_org) == 1
    assert await record(client) == 21
