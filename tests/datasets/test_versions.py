"""Dataset versions (issue 11.6): one version per change of the items, old versions readable."""

import asyncio

import httpx
import pytest

from app.config import Settings
from tests.runs.test_runs import RUN

API = "/api/v1/datasets/"
ORIGIN = {"Origin": "http://testserver"}


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """Chunks of 2 rows: a 5-line file is inserted in 3 chunks and must still be one version."""
    return settings.model_copy(update={"import_chunk_rows": 2})


async def dataset(client: httpx.AsyncClient, name: str = "QA") -> str:
    response = await client.post(API, json={"name": name})
    assert response.status_code == 201
    return response.json()["id"]


async def add(client: httpx.AsyncClient, ds: str, **body) -> dict:
    response = await client.post(f"{API}{ds}/items/", json=body)
    assert response.status_code == 201, response.text
    return response.json()


async def version_of(client: httpx.AsyncClient, ds: str) -> int:
    return (await client.get(f"{API}{ds}/")).json()["version"]


async def inputs_at(client: httpx.AsyncClient, ds: str, version: int | None = None, **params):
    if version is not None:
        params["version"] = version
    response = await client.get(f"{API}{ds}/items/", params={"page_size": 500, **params})
    assert response.status_code == 200, response.text
    body = response.json()
    return body["count"], [i["input"] for i in body["results"]]


async def test_every_kind_of_change_makes_exactly_one_version(client) -> None:
    ds = await dataset(client)
    assert await version_of(client, ds) == 0
    first = await add(client, ds, input="a")
    assert first["version_added"] == 1
    imported = await client.post(f"{API}{ds}/import/", json={"items": [
        {"input": f"j{i}"} for i in range(5)  # 3 chunks of at most 2 rows
    ]})
    assert imported.status_code == 201
    jsonl = "".join(f'{{"input": "f{i}"}}\n' for i in range(5))
    uploaded = await client.post(f"{API}{ds}/import/", files={"file": ("d.jsonl", jsonl)},
                                 headers=ORIGIN)
    assert uploaded.status_code == 201, uploaded.text
    csv = await client.post(f"{API}{ds}/import/", files={"file": ("d.csv", "input\nc0\nc1\nc2\n")},
                            headers=ORIGIN)
    assert csv.status_code == 201, csv.text
    run = await client.post("/api/v1/runs/", json={**RUN, "inputs": {"q": "prod"}})
    from_run = await client.post(f"{API}{ds}/from-run/", json={"run_id": run.json()["id"]})
    assert from_run.status_code == 201 and from_run.json()["version_added"] == 5
    edited = await client.put(f"{API}{ds}/items/{first['id']}/", json={"input": "a2"})
    assert edited.status_code == 200
    assert (await client.delete(f"{API}{ds}/items/{first['id']}/")).status_code == 204
    assert await version_of(client, ds) == 7
    listed = (await client.get(f"{API}{ds}/versions/")).json()
    assert listed["count"] == 7
    counts = [(v["number"], v["items_added"], v["items_updated"], v["items_removed"])
              for v in listed["results"]]
    assert counts == [(7, 0, 0, 1), (6, 0, 1, 0), (5, 1, 0, 0), (4, 3, 0, 0), (3, 5, 0, 0),
                      (2, 5, 0, 0), (1, 1, 0, 0)]
    assert all(v["created_at"].endswith("Z") for v in listed["results"])
    detail = (await client.get(f"{API}{ds}/")).json()
    assert detail["item_count"] == 14 and detail["version"] == 7
    # The items of one import all carry that import's version.
    _n, at_two = await inputs_at(client, ds, 2)
    assert at_two == ["a", "j0", "j1", "j2", "j3", "j4"]


async def test_a_refused_import_makes_no_version(client) -> None:
    ds = await dataset(client)
    await add(client, ds, input="a")
    bad = "".join(f'{{"input": "f{i}"}}\n' for i in range(4)) + '{"input": null}\n'
    response = await client.post(f"{API}{ds}/import/", files={"file": ("d.jsonl", bad)},
                                 headers=ORIGIN)
    assert response.status_code == 422
    empty = await client.post(f"{API}{ds}/import/", json={"items": []})
    assert empty.status_code == 201
    assert await version_of(client, ds) == 1
    assert (await client.get(f"{API}{ds}/versions/")).json()["count"] == 1
    assert await inputs_at(client, ds) == (1, ["a"])


async def test_items_at_a_version_show_their_content_then(client) -> None:
    ds = await dataset(client)
    a = await add(client, ds, input="a", expected_output="A", tags=["x"])       # v1
    b = await add(client, ds, input="b")                                        # v2
    await client.put(f"{API}{ds}/items/{a['id']}/", json={"input": "a2", "tags": []})  # v3
    await client.put(f"{API}{ds}/items/{a['id']}/", json={"expected_output": None})    # v4
    await client.delete(f"{API}{ds}/items/{b['id']}/")                          # v5
    await add(client, ds, input="c")                                            # v6
    assert await inputs_at(client, ds, 0) == (0, [])
    assert await inputs_at(client, ds, 1) == (1, ["a"])
    assert await inputs_at(client, ds, 2) == (2, ["a", "b"])
    assert await inputs_at(client, ds, 3) == (2, ["a2", "b"])
    assert await inputs_at(client, ds, 5) == (1, ["a2"])
    assert await inputs_at(client, ds, 6) == (2, ["a2", "c"])
    assert await inputs_at(client, ds) == (2, ["a2", "c"])
    page = (await client.get(f"{API}{ds}/items/", params={"version": 2})).json()["results"]
    old_a = next(i for i in page if i["id"] == a["id"])
    assert (old_a["expected_output"], old_a["tags"]) == ("A", ["x"])
    at_three = (await client.get(f"{API}{ds}/items/", params={"version": 3})).json()["results"]
    assert (at_three[0]["input"], at_three[0]["expected_output"], at_three[0]["tags"]) == (
        "a2", "A", [])
    # The tag filter applies to the content at that version.
    assert await inputs_at(client, ds, 2, tags="x") == (1, ["a"])
    assert await inputs_at(client, ds, 3, tags="x") == (0, [])
    # Paginated as today.
    paged = (await client.get(f"{API}{ds}/items/", params={"version": 2, "page_size": 1,
                                                           "page": 2})).json()
    assert paged["count"] == 2 and [i["input"] for i in paged["results"]] == ["b"]
    assert paged["previous"] is not None and paged["next"] is None


async def test_a_version_that_does_not_exist_is_422(client) -> None:
    ds = await dataset(client)
    await add(client, ds, input="a")
    for bad in (2, 10**12, -1, "x"):
        response = await client.get(f"{API}{ds}/items/", params={"version": bad})
        assert response.status_code == 422, bad
        assert response.json()["detail"][0]["loc"] == ["query", "version"]
    both = await client.get(f"{API}{ds}/items/", params={"version": 1, "archived": "true"})
    assert both.status_code == 422


async def test_version_query_is_bounded_in_the_openapi_schema(client) -> None:
    spec = (await client.get("/openapi.json")).json()
    params = spec["paths"]["/api/v1/datasets/{dataset_id}/items/"]["get"]["parameters"]
    version = next(p for p in params if p["name"] == "version")
    schema = version["schema"]["anyOf"][0]
    assert (schema["minimum"], schema["maximum"]) == (0, 2**31 - 1)
    compare = spec["components"]["schemas"]["CompareRead"]["properties"]
    assert "different versions" in compare["warnings"]["description"]
    assert "dataset_versions" in compare


async def test_versions_of_another_org_are_404(client, other_org) -> None:
    ds = await dataset(client)
    await add(client, ds, input="secret")
    assert (await other_org.get(f"{API}{ds}/versions/")).status_code == 404
    assert (await other_org.get(f"{API}{ds}/items/", params={"version": 1})).status_code == 404
    assert (await other_org.get(f"{API}{ds}/items/", params={"archived": "true"})).status_code == 404


async def test_removed_items_leave_every_current_query(client) -> None:
    ds = await dataset(client)
    keep = await add(client, ds, input="keep", tags=["t"])
    gone = await add(client, ds, input="gone", tags=["t"])
    await client.delete(f"{API}{ds}/items/{gone['id']}/")
    assert await inputs_at(client, ds) == (1, ["keep"])
    assert await inputs_at(client, ds, tags="t") == (1, ["keep"])
    assert await inputs_at(client, ds, sort="-created_at") == (1, ["keep"])
    detail = (await client.get(f"{API}{ds}/")).json()
    assert detail["item_count"] == 1
    assert [i["id"] for i in detail["recent_items"]] == [keep["id"]]
    listed = (await client.get(API)).json()["results"]
    assert [d["item_count"] for d in listed if d["id"] == ds] == [1]
    jsonl = await client.get(f"{API}{ds}/export/")
    assert jsonl.text == '{"input": "keep", "tags": ["t"]}\n'
    csv = await client.get(f"{API}{ds}/export/", params={"format": "csv"})
    assert "gone" not in csv.text and "keep" in csv.text
    archived = await inputs_at(client, ds, archived="true")
    assert archived == (1, ["gone"])
    # Read-only once archived: it cannot be edited or deleted again.
    url = f"{API}{ds}/items/{gone['id']}/"
    assert (await client.put(url, json={"input": "back"})).status_code == 409
    assert (await client.delete(url)).status_code == 409
    assert (await client.get(url)).json()["archived_at"].endswith("Z")


async def test_concurrent_changes_make_one_version_each_and_keep_every_content(client) -> None:
    ds = await dataset(client)
    item = await add(client, ds, input="v1")
    url = f"{API}{ds}/items/{item['id']}/"
    edits = await asyncio.gather(*[client.put(url, json={"input": f"e{i}"}) for i in range(6)])
    assert all(r.status_code == 200 for r in edits)
    # Versions 2..7, one per edit; each version holds the content its edit wrote, whatever
    # the order they committed in: no edit's revision kept a stale copy.
    seen = [(await inputs_at(client, ds, v))[1] for v in range(2, 8)]
    assert sorted(x for [x] in seen) == [f"e{i}" for i in range(6)]
    adds = await asyncio.gather(*[client.post(f"{API}{ds}/items/", json={"input": i})
                                  for i in range(5)])
    assert sorted(r.json()["version_added"] for r in adds) == [8, 9, 10, 11, 12]
    deletes = await asyncio.gather(*[client.delete(url) for _ in range(4)])
    assert sorted(r.status_code for r in deletes) == [204, 409, 409, 409]
    detail = (await client.get(f"{API}{ds}/")).json()
    assert (detail["item_count"], detail["version"]) == (5, 13)
    numbers = [v["number"] for v in (await client.get(f"{API}{ds}/versions/")).json()["results"]]
    assert numbers == list(range(13, 0, -1))
