"""Datasets: create, list (search, tags, sort, pages), detail, update, delete, tenancy, roles."""

import httpx

API = "/api/v1/datasets/"


async def make(client: httpx.AsyncClient, name: str, **fields) -> dict:
    response = await client.post(API, json={"name": name, **fields})
    assert response.status_code == 201, response.text
    return response.json()


async def test_seed_create_dataset_curl_flow(client: httpx.AsyncClient) -> None:
    response = await client.post(API, json={
        "name": "Support Agent QA",
        "description": "Test cases for the customer support agent",
        "tags": ["support", "qa"],
    })
    assert response.status_code == 201
    body = response.json()
    assert body["name"] == "Support Agent QA"
    assert body["description"] == "Test cases for the customer support agent"
    assert body["tags"] == ["support", "qa"]
    assert body["metadata"] == {}
    assert body["item_count"] == 0
    assert body["created_at"].endswith("Z") and body["updated_at"].endswith("Z")
    assert body["version"] == 0
    assert set(body) == {"id", "name", "description", "tags", "metadata", "item_count",
                         "version", "created_at", "updated_at"}


async def test_create_without_name_is_422_naming_the_field(client: httpx.AsyncClient) -> None:
    response = await client.post(API, json={"description": "x"})
    assert response.status_code == 422
    assert [e["loc"] for e in response.json()["detail"]] == [["body", "name"]]


async def test_create_with_empty_or_long_name_is_422(client: httpx.AsyncClient) -> None:
    for name in ("", "x" * 201):
        response = await client.post(API, json={"name": name})
        assert response.status_code == 422
        assert response.json()["detail"][0]["loc"] == ["body", "name"]


async def test_tags_must_be_strings_and_metadata_an_object(client: httpx.AsyncClient) -> None:
    bad_tags = await client.post(API, json={"name": "a", "tags": "qa"})
    assert bad_tags.status_code == 422 and bad_tags.json()["detail"][0]["loc"] == ["body", "tags"]
    bad_meta = await client.post(API, json={"name": "a", "metadata": [1]})
    assert bad_meta.status_code == 422 and bad_meta.json()["detail"][0]["loc"] == ["body", "metadata"]


async def test_duplicate_name_in_one_org_is_409(client: httpx.AsyncClient) -> None:
    await make(client, "QA")
    response = await client.post(API, json={"name": "QA"})
    assert response.status_code == 409
    assert response.json() == {"detail": "A dataset named 'QA' already exists in this organization."}


async def test_same_name_in_another_org_is_fine(client, other_org) -> None:
    await make(client, "QA")
    assert (await other_org.post(API, json={"name": "QA"})).status_code == 201


async def test_detail_has_item_count_and_ten_recent_items(client: httpx.AsyncClient) -> None:
    ds = await make(client, "QA")
    for i in range(12):
        created = await client.post(f"{API}{ds['id']}/items/", json={"input": f"q{i}"})
        assert created.status_code == 201
    detail = (await client.get(f"{API}{ds['id']}/")).json()
    assert detail["item_count"] == 12
    assert [i["input"] for i in detail["recent_items"]] == [f"q{i}" for i in range(11, 1, -1)]


async def test_update_is_partial_and_rename_to_taken_name_is_409(client: httpx.AsyncClient) -> None:
    ds = await make(client, "A", description="first", tags=["x"], metadata={"k": 1})
    await make(client, "B")
    response = await client.put(f"{API}{ds['id']}/", json={"description": "second"})
    assert response.status_code == 200
    body = response.json()
    assert (body["name"], body["description"], body["tags"], body["metadata"]) == (
        "A", "second", ["x"], {"k": 1})
    response = await client.put(f"{API}{ds['id']}/", json={"name": "C", "tags": [], "metadata": {}})
    assert (response.json()["name"], response.json()["tags"]) == ("C", [])
    conflict = await client.put(f"{API}{ds['id']}/", json={"name": "B"})
    assert conflict.status_code == 409
    same = await client.put(f"{API}{ds['id']}/", json={"name": "C"})
    assert same.status_code == 200


async def test_update_with_null_name_is_422(client: httpx.AsyncClient) -> None:
    ds = await make(client, "A")
    response = await client.put(f"{API}{ds['id']}/", json={"name": None})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "name"]


async def test_delete_removes_dataset_and_items(client: httpx.AsyncClient) -> None:
    ds = await make(client, "A")
    item = (await client.post(f"{API}{ds['id']}/items/", json={"input": "q"})).json()
    assert (await client.delete(f"{API}{ds['id']}/")).status_code == 204
    assert (await client.get(f"{API}{ds['id']}/")).status_code == 404
    assert (await client.get(f"{API}{ds['id']}/items/{item['id']}/")).status_code == 404
    assert (await client.delete(f"{API}{ds['id']}/")).status_code == 404


async def test_foreign_dataset_is_404_for_every_verb(client, other_org) -> None:
    ds = await make(client, "A")
    url = f"{API}{ds['id']}/"
    assert (await other_org.get(url)).status_code == 404
    assert (await other_org.put(url, json={"name": "x"})).status_code == 404
    assert (await other_org.delete(url)).status_code == 404
    assert (await other_org.get(url + "items/")).status_code == 404
    assert (await other_org.post(url + "items/", json={"input": "q"})).status_code == 404
    assert (await other_org.post(url + "import/", json={"items": [{"input": "q"}]})).status_code == 404
    assert (await other_org.get(url + "export/")).status_code == 404
    assert (await other_org.get(API)).json()["count"] == 0
    assert (await client.get(url)).json()["item_count"] == 0



async def test_foreign_org_cannot_reach_the_items_of_a_non_empty_dataset(client, other_org) -> None:
    """With items in the dataset, the listing answers from the item rows themselves: the
    organization filter of that query, not an empty page, is what keeps them private."""
    ds = await make(client, "A", tags=["qa"])
    url = f"{API}{ds['id']}/items/"
    created = [(await client.post(url, json={"input": f"secret {i}", "tags": ["t"]})).json()
               for i in range(3)]
    before = (await client.get(url)).json()
    for params in ({}, {"tags": "t"}, {"sort": "-created_at"}, {"page_size": 1, "page": 2}):
        response = await other_org.get(url, params=params)
        assert response.status_code == 404, (params, response.text)
        assert "secret" not in response.text
    item_url = f"{url}{created[0]['id']}/"
    assert (await other_org.get(item_url)).status_code == 404
    assert (await other_org.put(item_url, json={"input": "stolen"})).status_code == 404
    assert (await other_org.delete(item_url)).status_code == 404
    assert (await client.get(url)).json() == before
    assert (await client.get(f"{API}{ds['id']}/")).json()["item_count"] == 3

async def test_unknown_and_malformed_ids(client: httpx.AsyncClient) -> None:
    unknown = await client.get(f"{API}00000000-0000-0000-0000-000000000000/")
    assert unknown.status_code == 404 and unknown.json() == {"detail": "Dataset not found."}
    malformed = await client.get(f"{API}not-a-uuid/")
    assert malformed.status_code == 422
    assert malformed.json()["detail"][0]["loc"] == ["path", "dataset_id"]


async def test_viewer_reads_but_cannot_write(client, viewer) -> None:
    ds = await make(client, "A")
    assert (await viewer.get(API)).json()["count"] == 1
    assert (await viewer.get(f"{API}{ds['id']}/")).status_code == 200
    assert (await viewer.post(API, json={"name": "B"})).status_code == 403
    assert (await viewer.put(f"{API}{ds['id']}/", json={"name": "B"})).status_code == 403
    assert (await viewer.delete(f"{API}{ds['id']}/")).status_code == 403
    assert (await viewer.post(f"{API}{ds['id']}/items/", json={"input": "q"})).status_code == 403
    assert (await viewer.post(f"{API}{ds['id']}/import/", json={"items": []})).status_code == 403


async def test_missing_credentials_is_401(anon: httpx.AsyncClient) -> None:
    assert (await anon.get(API)).status_code == 401
    assert (await anon.post(API, json={"name": "A"})).status_code == 401


async def test_search_matches_name_or_description_case_insensitively(client) -> None:
    await make(client, "Support QA")
    await make(client, "Billing", description="invoices and SUPPORT tickets")
    await make(client, "Other")
    await make(client, "100%_done")
    body = (await client.get(API, params={"search": "support", "sort": "name"})).json()
    assert [d["name"] for d in body["results"]] == ["Billing", "Support QA"]
    assert body["count"] == 2
    literal = (await client.get(API, params={"search": "%_"})).json()
    assert [d["name"] for d in literal["results"]] == ["100%_done"]


async def test_tags_filter_requires_all_tags(client: httpx.AsyncClient) -> None:
    await make(client, "both", tags=["support", "qa"])
    await make(client, "one", tags=["support"])
    await make(client, "none")
    await make(client, "superset", tags=["qa", "x", "support"])
    body = (await client.get(API, params={"tags": "support,qa", "sort": "name"})).json()
    assert [d["name"] for d in body["results"]] == ["both", "superset"]
    single = (await client.get(API, params={"tags": "support", "sort": "name"})).json()
    assert [d["name"] for d in single["results"]] == ["both", "one", "superset"]
    assert (await client.get(API, params={"tags": "supp"})).json()["count"] == 0


async def test_sort_by_each_field_both_directions(client: httpx.AsyncClient) -> None:
    b = await make(client, "b")
    await make(client, "a")
    await make(client, "c")
    await client.post(f"{API}{b['id']}/import/", json={"items": [{"input": 1}, {"input": 2}]})
    names = lambda r: [d["name"] for d in r.json()["results"]]
    assert names(await client.get(API)) == ["c", "a", "b"]  # default -created_at
    assert names(await client.get(API, params={"sort": "name"})) == ["a", "b", "c"]
    assert names(await client.get(API, params={"sort": "-name"})) == ["c", "b", "a"]
    assert names(await client.get(API, params={"sort": "created_at"})) == ["b", "a", "c"]
    assert names(await client.get(API, params={"sort": "-item_count"}))[0] == "b"
    assert names(await client.get(API, params={"sort": "-updated_at"}))[0] == "b"
    bad = await client.get(API, params={"sort": "password"})
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["query", "sort"]


async def test_pagination_links_keep_other_parameters(client: httpx.AsyncClient) -> None:
    for i in range(5):
        await make(client, f"d{i}")
    first = (await client.get(API, params={"page_size": 2, "sort": "name"})).json()
    assert first["count"] == 5
    assert [d["name"] for d in first["results"]] == ["d0", "d1"]
    assert first["previous"] is None
    assert first["next"] == "http://testserver/api/v1/datasets/?page_size=2&sort=name&page=2"
    second = (await client.get(first["next"])).json()
    assert [d["name"] for d in second["results"]] == ["d2", "d3"]
    last = (await client.get(second["next"])).json()
    assert [d["name"] for d in last["results"]] == ["d4"]
    assert last["next"] is None
    assert last["previous"] == "http://testserver/api/v1/datasets/?page_size=2&sort=name&page=2"
    assert (await client.get(API, params={"page_size": 501})).status_code == 422
