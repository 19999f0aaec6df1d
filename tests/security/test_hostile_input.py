"""Hostile bodies: JSON nested 10,000 levels deep is a 422 naming the depth limit (never
FastAPI's 400, never a RecursionError and a 500) on every operation of the OpenAPI schema
that takes a JSON body, and in an uploaded JSONL file; nothing is written."""

import uuid

import httpx
import pytest
from fastapi import FastAPI

from app.limits import MAX_JSON_DEPTH

API = "/api/v1"
DEPTH = 10_000
NESTED_LIST = "[" * DEPTH + "]" * DEPTH
NESTED_OBJECT = '{"a":' * DEPTH + "1" + "}" * DEPTH
JSON = {"Content-Type": "application/json", "Origin": "http://testserver"}


def json_operations(app: FastAPI, ids: dict[str, str]) -> list[tuple[str, str]]:
    """(method, path) of each operation taking a JSON body, its path parameters filled from
    `ids` (a route that reads its own body does so after finding its object) or at random."""
    operations = []
    for path, methods in app.openapi()["paths"].items():
        for method, operation in methods.items():
            if "application/json" in operation.get("requestBody", {}).get("content", {}):
                filled = path
                for parameter in operation.get("parameters", []):
                    if parameter["in"] == "path":
                        filled = filled.replace(f"{{{parameter['name']}}}",
                                                ids.get(parameter["name"], str(uuid.uuid4())))
                operations.append((method.upper(), filled))
    return operations


@pytest.mark.parametrize("nested", [NESTED_LIST, NESTED_OBJECT], ids=["list", "object"])
async def test_deeply_nested_json_is_422_on_every_json_operation_and_writes_nothing(
    app: FastAPI, client: httpx.AsyncClient, nested: str
) -> None:
    dataset = (await client.post(f"{API}/datasets/", json={"name": "deep"})).json()
    operations = json_operations(app, {"dataset_id": dataset["id"]})
    assert len(operations) > 20  # the schema was read: every JSON operation of the API
    for method, path in operations:
        body = f'{{"name": "x", "input": {nested}}}'
        response = await client.request(method, path, content=body, headers=JSON)
        assert response.status_code == 422, (method, path, response.text[:300])
        assert response.json()["detail"][0]["type"] == "json_depth", (method, path)
    import_url = f"{API}/datasets/{dataset['id']}/import/"
    response = await client.post(import_url, content=f'{{"items": [{{"input": {nested}}}]}}', headers=JSON)
    assert response.status_code == 422, response.text[:300]
    upload = await client.post(
        import_url, headers={"Origin": "http://testserver"},
        files={"file": ("deep.jsonl", ('{"input": ' + nested + '}\n').encode())},
    )
    assert upload.status_code == 422, upload.text[:300]
    assert upload.json()["detail"][0]["line"] == 1
    assert (await client.get(f"{API}/datasets/")).json()["count"] == 1
    assert (await client.get(f"{API}/datasets/{dataset['id']}/")).json()["item_count"] == 0
    assert (await client.get(f"{API}/runs/")).json()["count"] == 0


async def test_nesting_up_to_the_limit_is_stored_and_one_level_more_is_422(client: httpx.AsyncClient) -> None:
    dataset = (await client.post(f"{API}/datasets/", json={"name": "deep"})).json()
    items = f"{API}/datasets/{dataset['id']}/items/"
    # The body's own object is one level: the input adds MAX_JSON_DEPTH - 1 more.
    inner = MAX_JSON_DEPTH - 1
    value = '{"k": "[[[[ in a string {{"}'
    for _ in range(inner - 1):
        value = f"[{value}]"
    accepted = await client.post(items, content=f'{{"input": {value}}}', headers=JSON)
    assert accepted.status_code == 201, accepted.text[:300]
    stored = accepted.json()["input"]
    for _ in range(inner - 1):
        stored = stored[0]
    assert stored == {"k": "[[[[ in a string {{"}
    refused = await client.post(items, content=f'{{"input": [{value}]}}', headers=JSON)
    assert refused.status_code == 422, refused.text[:300]
    assert refused.json()["detail"] == [{"loc": ["body"], "msg": f"JSON nested deeper than {MAX_JSON_DEPTH} levels",
                                         "type": "json_depth"}]
    assert (await client.get(f"{API}/datasets/{dataset['id']}/")).json()["item_count"] == 1
