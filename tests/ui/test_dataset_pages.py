"""Dataset pages: list with search, tags and pages; create; items add/edit/delete; file import."""

import re

import httpx

from tests.ui.conftest import csrf, make_dataset

API = "/api/v1"


def _names(html: str) -> list[str]:
    return re.findall(r'<td><a href="/ui/datasets/[0-9a-f-]+/">([^<]+)</a></td>', html)


async def test_list_search_tags_and_pages(client: httpx.AsyncClient) -> None:
    for i in range(52):
        tags = ["even"] if i % 2 == 0 else ["odd"]
        await client.post(f"{API}/datasets/", json={"name": f"set-{i:02d}", "tags": tags})
    first = await client.get("/ui/datasets/")
    assert len(_names(first.text)) == 50 and _names(first.text)[0] == "set-51"
    assert "page 1 · 52 in all" in first.text
    second = await client.get("/ui/datasets/?page=2")
    assert _names(second.text) == ["set-01", "set-00"]
    assert _names((await client.get("/ui/datasets/?search=set-1")).text) == [f"set-{i}" for i in range(19, 9, -1)]
    odd = _names((await client.get("/ui/datasets/?tags=odd&search=set-0")).text)
    assert odd == ["set-09", "set-07", "set-05", "set-03", "set-01"]


async def test_create_dataset_and_duplicate_name_error(client: httpx.AsyncClient) -> None:
    token = await csrf(client)
    done = await client.post("/ui/datasets/", data={"csrf_token": token, "name": "QA", "tags": "a, b"})
    assert done.status_code == 303
    again = await client.post("/ui/datasets/", data={"csrf_token": token, "name": "QA"})
    assert again.status_code == 422
    assert "already exists" in again.text


async def test_add_edit_delete_item(client: httpx.AsyncClient) -> None:
    dataset_id = await make_dataset(client, "QA", [])
    token = await csrf(client)
    added = await client.post(f"/ui/datasets/{dataset_id}/items/", data={
        "csrf_token": token, "input": '{"query": "hi"}', "expected_output": "hello", "tags": "x",
    })
    assert added.status_code == 303
    items = (await client.get(f"{API}/datasets/{dataset_id}/items/")).json()["results"]
    assert [(i["input"], i["expected_output"], i["tags"]) for i in items] == [({"query": "hi"}, "hello", ["x"])]
    item_id = items[0]["id"]
    form = await client.get(f"/ui/datasets/{dataset_id}/items/{item_id}/")
    assert "&#34;query&#34;: &#34;hi&#34;" in form.text
    edited = await client.post(f"/ui/datasets/{dataset_id}/items/{item_id}/", data={
        "csrf_token": token, "input": '["turn one", "turn two"]', "expected_output": "", "tags": "",
    })
    assert edited.status_code == 303
    item = (await client.get(f"{API}/datasets/{dataset_id}/items/{item_id}/")).json()
    assert (item["input"], item["expected_output"], item["tags"]) == (["turn one", "turn two"], None, [])
    page = await client.get(f"/ui/datasets/{dataset_id}/")
    assert "[\n  &#34;turn one&#34;,\n  &#34;turn two&#34;\n]" in page.text  # a conversation, readable
    bad = await client.post(f"/ui/datasets/{dataset_id}/items/{item_id}/", data={
        "csrf_token": token, "input": '{"broken": ',
    })
    assert bad.status_code == 422 and "input: not valid JSON" in bad.text
    deleted = await client.post(f"/ui/datasets/{dataset_id}/items/{item_id}/delete/", data={"csrf_token": token})
    assert deleted.status_code == 303
    assert (await client.get(f"{API}/datasets/{dataset_id}/")).json()["item_count"] == 0


async def test_import_errors_are_listed_beside_their_lines(client: httpx.AsyncClient) -> None:
    dataset_id = await make_dataset(client, "QA", [])
    token = await csrf(client)
    body = b'{"input": "ok", "ground_truth": "fine"}\n{"input": null}\nnot json at all\n'
    done = await client.post(
        f"/ui/datasets/{dataset_id}/import/", data={"csrf_token": token},
        files={"file": ("cases.jsonl", body, "application/jsonl")},
    )
    assert done.status_code == 422
    rows = re.findall(r"<tr><td>(\d+)</td><td><pre class=\"cell\">([^<]*)</pre></td>", done.text)
    assert rows == [("2", '{&#34;input&#34;: null}'), ("3", "not json at all")]
    assert (await client.get(f"{API}/datasets/{dataset_id}/")).json()["item_count"] == 0  # all or nothing


async def test_import_a_csv_file(client: httpx.AsyncClient) -> None:
    dataset_id = await make_dataset(client, "QA", [])
    token = await csrf(client)
    body = b"input,ground_truth\nHow do I reset my password?,Settings\nWhat plans?,Free and Pro\n"
    done = await client.post(
        f"/ui/datasets/{dataset_id}/import/", data={"csrf_token": token},
        files={"file": ("cases.csv", body, "text/csv")},
    )
    assert done.status_code == 303
    items = (await client.get(f"{API}/datasets/{dataset_id}/items/")).json()["results"]
    assert [(i["input"], i["expected_output"]) for i in items] == [
        ("How do I reset my password?", "Settings"), ("What plans?", "Free and Pro"),
    ]


async def test_import_refuses_an_unknown_file_type(client: httpx.AsyncClient) -> None:
    dataset_id = await make_dataset(client, "QA", [])
    done = await client.post(
        f"/ui/datasets/{dataset_id}/import/", data={"csrf_token": await csrf(client)},
        files={"file": ("cases.txt", b"hello", "text/plain")},
    )
    assert done.status_code == 422 and "file: choose a .jsonl or .csv file" in done.text
