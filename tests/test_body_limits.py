"""Request bodies are counted as they stream: a declared, misdeclared or absent Content-Length
(chunked) cannot carry a body past the limit; and one dataset item has a size cap of its own
in every import and single write."""

import asyncio
import json
from collections.abc import AsyncIterator

import httpx
import pytest
import uvicorn
from fastapi import FastAPI

API = "/api/v1"
ORIGIN = {"Origin": "http://testserver"}
JSON = {"Content-Type": "application/json"}
KB = 1024


async def chunked(body: bytes, size: int = 4 * KB) -> AsyncIterator[bytes]:
    """The body as a stream: httpx sends it without Content-Length (Transfer-Encoding: chunked)."""
    for start in range(0, len(body), size):
        yield body[start:start + size]


def padded_dataset(size: int) -> bytes:
    return json.dumps({"name": "big", "description": "x" * size}).encode()


async def _dataset_count(client: httpx.AsyncClient) -> int:
    return (await client.get(f"{API}/datasets/")).json()["count"]


@pytest.fixture
def small_bodies(app: FastAPI) -> None:
    app.state.settings.max_body_mb = 8 / 1024  # 8 KB


async def test_chunked_body_over_the_limit_is_413_and_writes_nothing(client, small_bodies) -> None:
    response = await client.post(f"{API}/datasets/", content=chunked(padded_dataset(9 * KB)),
                                  headers=JSON)
    assert response.status_code == 413, response.text
    assert response.json() == {"detail": "The request body is larger than the 8 KB limit."}
    assert await _dataset_count(client) == 0


async def test_body_under_the_limit_passes_chunked_or_not(client, small_bodies) -> None:
    body = padded_dataset(7 * KB)
    assert (await client.post(f"{API}/datasets/", content=chunked(body), headers=JSON)).status_code == 201
    body = body.replace(b'"big"', b'"big2"')
    assert (await client.post(f"{API}/datasets/", content=body, headers=JSON)).status_code == 201


async def test_declared_length_over_the_limit_is_413(client, small_bodies) -> None:
    response = await client.post(f"{API}/datasets/", content=padded_dataset(9 * KB), headers=JSON)
    assert response.status_code == 413
    assert await _dataset_count(client) == 0


async def test_a_declared_length_that_lies_does_not_matter(client, small_bodies) -> None:
    headers = {**JSON, "Content-Length": "100"}
    response = await client.post(f"{API}/datasets/", content=chunked(padded_dataset(20 * KB)),
                                 headers=headers)
    assert response.status_code == 413
    assert await _dataset_count(client) == 0


async def test_chunked_json_import_over_the_upload_limit_is_413(client, app) -> None:
    """The review's repro: 3 MB sent chunked passed a 1 MB upload limit."""
    app.state.settings.max_upload_mb = 1
    dataset = (await client.post(f"{API}/datasets/", json={"name": "QA"})).json()["id"]
    items = [{"input": "x" * 1000} for _ in range(3000)]
    body = json.dumps({"items": items}).encode()
    response = await client.post(f"{API}/datasets/{dataset}/import/", content=chunked(body, 64 * KB),
                                 headers=JSON)
    assert response.status_code == 413, response.text
    assert response.json()["detail"].startswith("The request body is larger than")
    assert (await client.get(f"{API}/datasets/{dataset}/")).json()["item_count"] == 0


async def test_import_takes_the_upload_limit_not_the_body_limit(client, app, small_bodies) -> None:
    dataset = (await client.post(f"{API}/datasets/", json={"name": "QA"})).json()["id"]
    body = json.dumps({"items": [{"input": "x" * 500} for _ in range(100)]}).encode()  # ~50 KB
    response = await client.post(f"{API}/datasets/{dataset}/import/", content=chunked(body),
                                 headers=JSON)
    assert response.status_code == 201, response.text
    assert response.json()["imported"] == 100


async def test_real_http_chunked_body_over_the_limit_is_413(app, client, small_bodies) -> None:
    """Through a real server and socket: uvicorn, HTTP/1.1 chunked transfer encoding."""
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, lifespan="off",
                                           log_level="warning"))
    task = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        cookie = {"Cookie": f"sessionid={client.cookies['sessionid']}"}
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", headers=cookie) as real:
            response = await real.post(f"{API}/datasets/", headers=JSON,
                                       content=chunked(padded_dataset(64 * KB)))
            assert response.status_code == 413
            assert response.json() == {"detail": "The request body is larger than the 8 KB limit."}
            small = await real.post(f"{API}/datasets/", json={"name": "small"})
            assert small.status_code == 201  # the same client, authenticated: only size differs
    finally:
        server.should_exit = True
        await task
    assert [d["name"] for d in (await client.get(f"{API}/datasets/")).json()["results"]] == ["small"]


# --- one item's size ---------------------------------------------------------------------

@pytest.fixture
async def dataset(client, app) -> str:
    app.state.settings.max_item_kb = 1
    return (await client.post(f"{API}/datasets/", json={"name": "QA"})).json()["id"]


BIG = "x" * 1100  # over 1 KB as stored JSON


async def _count(client, dataset: str) -> int:
    return (await client.get(f"{API}/datasets/{dataset}/")).json()["item_count"]


async def test_json_import_names_every_oversized_item(client, dataset) -> None:
    body = {"items": [{"input": "ok"}, {"input": BIG}, {"input": "q", "metadata": {"n": BIG}}]}
    response = await client.post(f"{API}/datasets/{dataset}/import/", json=body)
    assert response.status_code == 422, response.text
    detail = response.json()["detail"]
    assert [e["loc"] for e in detail] == [["body", "items", 1], ["body", "items", 2]]
    assert detail[0]["msg"] == ("the item is 2 KB of JSON, over the 1 KB limit per item "
                                "(EVALFORGE_MAX_ITEM_KB)")
    assert await _count(client, dataset) == 0


async def test_json_import_oversized_item_after_a_full_chunk_writes_nothing(client, app, dataset):
    app.state.settings.import_chunk_rows = 2  # the first chunk is inserted before the bad one
    body = {"items": [{"input": "a"}, {"input": "b"}, {"input": BIG}]}
    response = await client.post(f"{API}/datasets/{dataset}/import/", json=body)
    assert response.status_code == 422
    assert await _count(client, dataset) == 0


@pytest.mark.parametrize(("content_type", "body", "line"), [
    ("application/jsonl", f'{{"input": "ok"}}\n{{"input": "{BIG}"}}\n', 2),
    ("text/csv", f"input\nok\n{BIG}\n", 3),
])
async def test_file_import_names_the_oversized_line(client, dataset, content_type, body, line):
    response = await client.post(f"{API}/datasets/{dataset}/import/", content=body,
                                 headers={**ORIGIN, "Content-Type": content_type})
    assert response.status_code == 422, response.text
    detail = response.json()["detail"]
    assert [(e["line"], e["message"][:30]) for e in detail] == [(line, "the item is 2 KB of JSON, over")]
    assert await _count(client, dataset) == 0


async def test_single_item_create_and_update_are_capped(client, dataset) -> None:
    url = f"{API}/datasets/{dataset}/items/"
    response = await client.post(url, json={"input": "q", "expected_output": BIG})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body"]
    item = (await client.post(url, json={"input": "q"})).json()
    response = await client.put(f"{url}{item['id']}/", json={"context": {"long": BIG}})
    assert response.status_code == 422
    assert (await client.get(f"{url}{item['id']}/")).json()["context"] is None
    assert await _count(client, dataset) == 1


async def test_from_run_with_an_oversized_run_is_422(client, dataset) -> None:
    run = (await client.post(f"{API}/runs/", json={"agent_name": "a", "inputs": BIG})).json()
    response = await client.post(f"{API}/datasets/{dataset}/from-run/", json={"run_id": run["id"]})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "run_id"]
    assert await _count(client, dataset) == 0
