"""Dataset items: create, read, update, delete, list (sort, tags, pages), counters."""

import asyncio

import httpx

API = "/api/v1/datasets/"


async def dataset(client: httpx.AsyncClient, name: str = "QA") -> str:
    response = await client.post(API, json={"name": name})
    assert response.status_code == 201
    return response.json()["id"]


async def test_seed_add_item_curl_flow(client: httpx.AsyncClient) -> None:
    ds = await dataset(client)
    response = await client.post(f"{API}{ds}/items/", json={
        "input": {"query": "How do I reset my password?"},
        "expected_output": {"answer": "Go to Settings > Security > Reset Password"},
        "context": {"category": "account"},
    })
    assert response.status_code == 201
    item = response.json()
    assert item["dataset_id"] == ds
    assert item["input"] == {"query": "How do I reset my password?"}
    assert item["expected_output"] == {"answer": "Go to Settings > Security > Reset Password"}
    assert item["context"] == {"category": "account"}
    assert (item["metadata"], item["tags"], item["agent_args"], item["rubric_vars"]) == (None, [], None, None)
    assert (item["external_id"], item["source_run_id"], item["sort_order"]) == (None, None, 0)
    assert item["created_at"].endswith("Z")
    assert set(item) == {"id", "dataset_id", "input", "expected_output", "context", "metadata",
                         "tags", "agent_args", "rubric_vars", "external_id", "source_run_id",
                         "sort_order", "created_at", "updated_at", "version_added",
                         "version_removed", "archived_at"}
    assert (item["version_added"], item["version_removed"], item["archived_at"]) == (1, None, None)
    fetched = await client.get(f"{API}{ds}/items/{item['id']}/")
    assert fetched.status_code == 200 and fetched.json() == item


async def test_every_json_input_kind_but_null_is_accepted(client: httpx.AsyncClient) -> None:
    ds = await dataset(client)
    for value in ({"q": 1}, "text", ["turn 1", "turn 2"], 42, 1.5):
        response = await client.post(f"{API}{ds}/items/", json={"input": value})
        assert response.status_code == 201 and response.json()["input"] == value
    for body in ({"input": None}, {"expected_output": "x"}):
        response = await client.post(f"{API}{ds}/items/", json=body)
        assert response.status_code == 422
        assert response.json()["detail"][0]["loc"] == ["body", "input"]


async def test_item_field_types_are_checked(client: httpx.AsyncClient) -> None:
    ds = await dataset(client)
    for field, value in (("tags", "a"), ("tags", [1]), ("agent_args", "x"), ("rubric_vars", [1]),
                         ("metadata", 3), ("sort_order", "first"), ("external_id", True)):
        response = await client.post(f"{API}{ds}/items/", json={"input": "q", field: value})
        assert response.status_code == 422, (field, value)
        assert response.json()["detail"][0]["loc"][:2] == ["body", field]


async def test_full_fields_round_trip_and_integer_external_id_becomes_string(client) -> None:
    ds = await dataset(client)
    body = {"input": "q", "expected_output": "a", "context": {"c": 1}, "metadata": {"m": 2},
            "tags": ["x", "y"], "agent_args": {"item": {"sku": "S"}}, "rubric_vars": {"ref": "r"},
            "external_id": 7, "sort_order": 10}
    item = (await client.post(f"{API}{ds}/items/", json=body)).json()
    assert {k: item[k] for k in body} == {**body, "external_id": "7"}
    # sort_order was chosen explicitly: the next automatic one comes after it.
    nxt = (await client.post(f"{API}{ds}/items/", json={"input": "n"})).json()
    assert nxt["sort_order"] == 11


async def test_sort_order_is_assigned_in_insertion_order(client: httpx.AsyncClient) -> None:
    ds = await dataset(client)
    orders = [(await client.post(f"{API}{ds}/items/", json={"input": i})).json()["sort_order"]
              for i in range(3)]
    assert orders == [0, 1, 2]


async def test_concurrent_inserts_never_share_a_sort_order(client: httpx.AsyncClient) -> None:
    ds = await dataset(client)
    responses = await asyncio.gather(*[
        client.post(f"{API}{ds}/items/", json={"input": i}) for i in range(20)
    ])
    assert all(r.status_code == 201 for r in responses)
    assert sorted(r.json()["sort_order"] for r in responses) == list(range(20))
    assert (await client.get(f"{API}{ds}/")).json()["item_count"] == 20


async def test_update_is_partial_and_keeps_source_run_id_read_only(client) -> None:
    ds = await dataset(client)
    item = (await client.post(f"{API}{ds}/items/", json={
        "input": "q", "expected_output": "a", "tags": ["t"]})).json()
    url = f"{API}{ds}/items/{item['id']}/"
    response = await client.put(url, json={"expected_output": "b", "source_run_id": 99})
    assert response.status_code == 200
    updated = response.json()
    assert (updated["input"], updated["expected_output"], updated["tags"]) == ("q", "b", ["t"])
    assert updated["source_run_id"] is None
    assert (await client.put(url, json={"input": None})).status_code == 422
    assert (await client.put(url, json={"tags": None})).status_code == 422
    cleared = (await client.put(url, json={"expected_output": None, "tags": []})).json()
    assert (cleared["expected_output"], cleared["tags"]) == (None, [])


async def test_delete_item_updates_the_count(client: httpx.AsyncClient) -> None:
    ds = await dataset(client)
    a = (await client.post(f"{API}{ds}/items/", json={"input": "a"})).json()
    await client.post(f"{API}{ds}/items/", json={"input": "b"})
    assert (await client.delete(f"{API}{ds}/items/{a['id']}/")).status_code == 204
    archived = await client.get(f"{API}{ds}/items/{a['id']}/")  # archived, still readable
    assert archived.status_code == 200 and archived.json()["version_removed"] == 3
    assert (await client.delete(f"{API}{ds}/items/{a['id']}/")).status_code == 409
    listed = (await client.get(f"{API}{ds}/items/")).json()
    assert listed["count"] == 1 and [i["input"] for i in listed["results"]] == ["b"]
    assert (await client.get(f"{API}{ds}/")).json()["item_count"] == 1


async def test_item_of_another_dataset_or_org_is_404(client, other_org) -> None:
    ds1, ds2 = await dataset(client, "one"), await dataset(client, "two")
    item = (await client.post(f"{API}{ds1}/items/", json={"input": "a"})).json()
    assert (await client.get(f"{API}{ds2}/items/{item['id']}/")).status_code == 404
    assert (await client.put(f"{API}{ds2}/items/{item['id']}/", json={"input": "x"})).status_code == 404
    assert (await client.delete(f"{API}{ds2}/items/{item['id']}/")).status_code == 404
    url = f"{API}{ds1}/items/{item['id']}/"
    assert (await other_org.get(url)).status_code == 404
    assert (await other_org.put(url, json={"input": "x"})).status_code == 404
    assert (await other_org.delete(url)).status_code == 404
    assert (await client.get(url)).json()["input"] == "a"


async def test_viewer_cannot_change_items(client, viewer) -> None:
    ds = await dataset(client)
    item = (await client.post(f"{API}{ds}/items/", json={"input": "a"})).json()
    url = f"{API}{ds}/items/{item['id']}/"
    assert (await viewer.get(url)).status_code == 200
    assert (await viewer.put(url, json={"input": "x"})).status_code == 403
    assert (await viewer.delete(url)).status_code == 403


async def test_list_sorts_and_pages(client: httpx.AsyncClient) -> None:
    ds = await dataset(client)
    await client.post(f"{API}{ds}/import/", json={"items": [{"input": i} for i in range(5)]})
    url = f"{API}{ds}/items/"
    inputs = lambda r: [i["input"] for i in r.json()["results"]]
    assert inputs(await client.get(url)) == [0, 1, 2, 3, 4]
    assert inputs(await client.get(url, params={"sort": "-sort_order"})) == [4, 3, 2, 1, 0]
    assert inputs(await client.get(url, params={"sort": "created_at"})) == [0, 1, 2, 3, 4]
    assert inputs(await client.get(url, params={"sort": "-created_at"})) == [4, 3, 2, 1, 0]
    page2 = (await client.get(url, params={"page": 2, "page_size": 2})).json()
    assert page2["count"] == 5 and [i["input"] for i in page2["results"]] == [2, 3]
    assert page2["next"] == f"http://testserver{url}?page_size=2&page=3"
    assert page2["previous"] == f"http://testserver{url}?page_size=2&page=1"
    bad = await client.get(url, params={"sort": "input"})
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["query", "sort"]


async def test_list_items_tags_filter_requires_all(client: httpx.AsyncClient) -> None:
    ds = await dataset(client)
    await client.post(f"{API}{ds}/import/", json={"items": [
        {"input": "a", "tags": ["math", "easy"]}, {"input": "b", "tags": ["math"]},
        {"input": "c"}, {"input": "d", "tags": ["easy", "x", "math"]},
    ]})
    body = (await client.get(f"{API}{ds}/items/", params={"tags": "math,easy"})).json()
    assert body["count"] == 2 and [i["input"] for i in body["results"]] == ["a", "d"]
    assert (await client.get(f"{API}{ds}/items/", params={"tags": "math"})).json()["count"] == 3
