"""Hostile bodies the other suites do not cover yet: JSON nested 10,000 levels deep is a 4xx
(never a RecursionError and a 500) wherever a body may carry it, and nothing is written."""

import httpx
import pytest

API = "/api/v1"
DEPTH = 10_000
NESTED_LIST = "[" * DEPTH + "]" * DEPTH
NESTED_OBJECT = '{"a":' * DEPTH + "1" + "}" * DEPTH
JSON = {"Content-Type": "application/json"}


@pytest.mark.parametrize("nested", [NESTED_LIST, NESTED_OBJECT], ids=["list", "object"])
async def test_deeply_nested_json_is_refused_and_writes_nothing(
    client: httpx.AsyncClient, nested: str
) -> None:
    dataset = (await client.post(f"{API}/datasets/", json={"name": "deep"})).json()
    # FastAPI answers a body its parser gives up on with 400 "There was an error parsing the
    # body"; the import route parses its own body and names it (422). docs/reliability.md.
    expected = {
        f"{API}/datasets/": ('{"name": "x", "metadata": %s}', 400),
        f"{API}/datasets/{dataset['id']}/items/": ('{"input": %s}', 400),
        f"{API}/runs/": ('{"agent_name": "a", "inputs": %s}', 400),
        f"{API}/datasets/{dataset['id']}/import/": ('{"items": [{"input": %s}]}', 422),
    }
    for url, (template, status) in expected.items():
        response = await client.post(url, content=template % nested, headers=JSON)
        assert response.status_code == status, (url, response.text[:300])
    upload = await client.post(
        f"{API}/datasets/{dataset['id']}/import/", headers={"Origin": "http://testserver"},
        files={"file": ("deep.jsonl", ('{"input": ' + nested + '}\n').encode())},
    )
    assert upload.status_code == 422, upload.text[:300]
    assert upload.json()["detail"][0]["line"] == 1
    assert (await client.get(f"{API}/datasets/")).json()["count"] == 1
    assert (await client.get(f"{API}/datasets/{dataset['id']}/")).json()["item_count"] == 0
    assert (await client.get(f"{API}/runs/")).json()["count"] == 0
