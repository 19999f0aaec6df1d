"""Production runs and capturing one as a dataset item ("from-run")."""

import httpx

RUNS = "/api/v1/runs/"
DATASETS = "/api/v1/datasets/"
RUN = {
    "agent_name": "support-agent", "workflow": "password-reset",
    "inputs": {"query": "How do I reset my password?"},
    "result": {"answer": "Go to Settings > Security > Reset Password"},
    "status": "completed", "error": "", "latency_ms": 980, "tokens_in": 145, "tokens_out": 32,
    "cost": 0.0052, "metadata": {"env": "prod"},
    "started_at": "2026-02-07T15:00:00Z", "ended_at": "2026-02-07T15:00:01Z",
}


async def record(client: httpx.AsyncClient, **fields) -> dict:
    response = await client.post(RUNS, json={**RUN, **fields})
    assert response.status_code == 201, response.text
    return response.json()


async def test_create_returns_an_integer_id_and_every_field(client: httpx.AsyncClient) -> None:
    run = await record(client)
    assert isinstance(run["id"], int)
    assert {k: run[k] for k in RUN} == RUN
    assert run["created_at"].endswith("Z")
    fetched = await client.get(f"{RUNS}{run['id']}/")
    assert fetched.status_code == 200 and fetched.json() == run


async def test_minimal_run_gets_defaults(client: httpx.AsyncClient) -> None:
    response = await client.post(RUNS, json={"agent_name": "a", "inputs": "hi"})
    assert response.status_code == 201
    body = response.json()
    assert (body["status"], body["workflow"], body["result"], body["metadata"]) == (
        "completed", "", None, None)


async def test_create_with_wrong_types_is_422(client: httpx.AsyncClient) -> None:
    for field, value in (("latency_ms", "fast"), ("tokens_in", -1), ("started_at", "yesterday"),
                         ("metadata", [1])):
        response = await client.post(RUNS, json={**RUN, field: value})
        assert response.status_code == 422, field
        assert response.json()["detail"][0]["loc"] == ["body", field]


async def test_list_newest_first_with_filters_and_pages(client: httpx.AsyncClient) -> None:
    a = await record(client, agent_name="a", workflow="w1", status="completed")
    b = await record(client, agent_name="b", workflow="w1", status="failed")
    c = await record(client, agent_name="a", workflow="w2", status="failed")
    ids = lambda r: [x["id"] for x in r.json()["results"]]
    assert ids(await client.get(RUNS)) == [c["id"], b["id"], a["id"]]
    assert ids(await client.get(RUNS, params={"agent_name": "a"})) == [c["id"], a["id"]]
    assert ids(await client.get(RUNS, params={"workflow": "w1"})) == [b["id"], a["id"]]
    assert ids(await client.get(RUNS, params={"status": "failed", "agent_name": "a"})) == [c["id"]]
    page = (await client.get(RUNS, params={"page_size": 2})).json()
    assert page["count"] == 3 and page["next"] == "http://testserver/api/v1/runs/?page_size=2&page=2"


async def test_unknown_and_foreign_runs_are_404(client, other_org) -> None:
    run = await record(client)
    assert (await other_org.get(f"{RUNS}{run['id']}/")).status_code == 404
    assert (await other_org.get(RUNS)).json()["count"] == 0
    unknown = await client.get(f"{RUNS}999999/")
    assert unknown.status_code == 404 and unknown.json() == {"detail": "Run 999999 not found."}
    assert (await client.get(f"{RUNS}99999999999999999999/")).status_code == 404


async def test_viewer_reads_runs_but_cannot_record(client, viewer, anon) -> None:
    run = await record(client)
    assert (await viewer.get(f"{RUNS}{run['id']}/")).status_code == 200
    assert (await viewer.post(RUNS, json=RUN)).status_code == 403
    assert (await anon.get(RUNS)).status_code == 401


async def test_seed_from_run_curl_flow(client: httpx.AsyncClient) -> None:
    run = await record(client)
    ds = (await client.post(DATASETS, json={"name": "QA Regression Set", "tags": ["qa"]})).json()
    response = await client.post(f"{DATASETS}{ds['id']}/from-run/", json={"run_id": str(run["id"])})
    assert response.status_code == 201
    item = response.json()
    assert item["input"] == {"query": "How do I reset my password?"}
    assert item["expected_output"] == {"answer": "Go to Settings > Security > Reset Password"}
    assert item["context"] == {"agent_name": "support-agent", "workflow": "password-reset",
                               "run_id": str(run["id"])}
    assert item["source_run_id"] == run["id"]
    assert (await client.get(f"{DATASETS}{ds['id']}/")).json()["item_count"] == 1


async def test_from_run_accepts_an_integer_run_id(client: httpx.AsyncClient) -> None:
    run = await record(client)
    ds = (await client.post(DATASETS, json={"name": "A"})).json()
    response = await client.post(f"{DATASETS}{ds['id']}/from-run/", json={"run_id": run["id"]})
    assert response.status_code == 201 and response.json()["source_run_id"] == run["id"]


async def test_from_run_with_non_numeric_id_is_422(client: httpx.AsyncClient) -> None:
    ds = (await client.post(DATASETS, json={"name": "A"})).json()
    for bad in ("forty-two", "", True, None, 1.5):
        response = await client.post(f"{DATASETS}{ds['id']}/from-run/", json={"run_id": bad})
        assert response.status_code == 422, bad
        assert response.json()["detail"][0]["loc"][:2] == ["body", "run_id"]


async def test_from_run_unknown_or_foreign_run_is_404(client, other_org) -> None:
    foreign = (await other_org.post(RUNS, json=RUN)).json()
    ds = (await client.post(DATASETS, json={"name": "A"})).json()
    url = f"{DATASETS}{ds['id']}/from-run/"
    assert (await client.post(url, json={"run_id": str(foreign["id"])})).status_code == 404
    assert (await client.post(url, json={"run_id": "424242"})).status_code == 404
    run = await record(client)
    foreign_ds = (await other_org.post(DATASETS, json={"name": "B"})).json()
    other_url = f"{DATASETS}{foreign_ds['id']}/from-run/"
    assert (await client.post(other_url, json={"run_id": run["id"]})).status_code == 404
    assert (await client.get(f"{DATASETS}{ds['id']}/")).json()["item_count"] == 0


async def test_from_run_without_inputs_is_422(client: httpx.AsyncClient) -> None:
    run = await record(client, inputs=None)
    ds = (await client.post(DATASETS, json={"name": "A"})).json()
    response = await client.post(f"{DATASETS}{ds['id']}/from-run/", json={"run_id": run["id"]})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "run_id"]
