"""Bad input is a 422 naming the field, never a 500: huge page numbers and prompt versions
(they overflowed the database drivers) and NaN/Infinity in JSON bodies (PostgreSQL's JSON
columns refuse them), on both backends."""

import httpx
import pytest

from app.config import Settings
from app.main import create_app
from app.pagination import MAX_PAGE

API = "/api/v1"
HUGE = 10**18
MAX_VERSION = 2**31 - 1
ORIGIN = {"Origin": "http://testserver"}
JSON = {"Content-Type": "application/json"}


def _list_endpoints() -> list[str]:
    """Every GET of the OpenAPI schema that takes ?page=, so a new list is covered unasked."""
    spec = create_app(Settings(database_url="sqlite+aiosqlite:///:memory:")).openapi()
    return sorted(
        path for path, operations in spec["paths"].items()
        if any(p["name"] == "page" for p in operations.get("get", {}).get("parameters", []))
    )


LIST_ENDPOINTS = _list_endpoints()


async def _fill(client: httpx.AsyncClient, path: str) -> str:
    """The path with real objects of the caller's organization in its placeholders."""
    if "{dataset_id}" in path:
        dataset = await client.post(f"{API}/datasets/", json={"name": "bounds"})
        path = path.replace("{dataset_id}", dataset.json()["id"])
    if "{name}" in path:
        await client.post(f"{API}/prompts/", json={"name": "bounds", "template": "Hi"})
        path = path.replace("{name}", "bounds")
    assert "{" not in path, f"no filler for {path}: teach _fill this parameter"
    return path


def test_the_list_endpoints_were_found() -> None:
    assert {"/api/v1/datasets/", "/api/v1/datasets/{dataset_id}/items/", "/api/v1/runs/",
            "/api/v1/prompts/{name}/versions/", "/api/v1/experiments/"} <= set(LIST_ENDPOINTS)


@pytest.mark.parametrize("path", LIST_ENDPOINTS)
async def test_huge_page_is_422_naming_page(client: httpx.AsyncClient, path: str) -> None:
    url = await _fill(client, path)
    response = await client.get(url, params={"page": HUGE})
    assert response.status_code == 422, response.text
    assert response.json()["detail"][0]["loc"] == ["query", "page"]
    assert (await client.get(url, params={"page": MAX_PAGE + 1})).status_code == 422


@pytest.mark.parametrize("path", LIST_ENDPOINTS)
async def test_last_allowed_page_is_an_empty_page(client: httpx.AsyncClient, path: str) -> None:
    """The bound still lets the database see the deepest offset it allows, and answer it."""
    url = await _fill(client, path)
    response = await client.get(url, params={"page": MAX_PAGE, "page_size": 500})
    assert response.status_code == 200, response.text
    assert response.json()["results"] == []


async def test_huge_prompt_version_query_is_422(client: httpx.AsyncClient) -> None:
    await client.post(f"{API}/prompts/", json={"name": "support", "template": "Hi"})
    for version in (HUGE, MAX_VERSION + 1):
        response = await client.get(f"{API}/prompts/support/", params={"version": version})
        assert response.status_code == 422, response.text
        assert response.json()["detail"][0]["loc"] == ["query", "version"]
    largest = await client.get(f"{API}/prompts/support/", params={"version": MAX_VERSION})
    assert largest.status_code == 404


async def test_huge_version_in_label_body_is_422(client: httpx.AsyncClient) -> None:
    await client.post(f"{API}/prompts/", json={"name": "support", "template": "Hi"})
    response = await client.put(f"{API}/prompts/support/labels/prod/", json={"version": HUGE})
    assert response.status_code == 422, response.text
    assert response.json()["detail"][0]["loc"] == ["body", "version"]


async def test_huge_prompt_version_in_experiment_config_is_422(client: httpx.AsyncClient) -> None:
    dataset = (await client.post(f"{API}/datasets/", json={"name": "QA"})).json()
    await client.post(f"{API}/prompts/", json={"name": "support", "template": "Hi"})
    response = await client.post(f"{API}/experiments/", json={
        "name": "x", "dataset_id": dataset["id"],
        "config": {"prompt_name": "support", "prompt_version": HUGE, "model": "gpt-4o-mini"},
    })
    assert response.status_code == 422, response.text
    assert response.json()["detail"][0]["loc"] == ["body", "config", "prompt_version"]


@pytest.mark.parametrize("field", ["version_a", "version_b"])
async def test_huge_versions_to_compare_are_422(client: httpx.AsyncClient, field: str) -> None:
    dataset = (await client.post(f"{API}/datasets/", json={"name": "QA"})).json()
    body = {"prompt_name": "support", "version_a": 1, "version_b": 2, "model": "gpt-4o-mini",
            field: HUGE}
    response = await client.post(f"{API}/datasets/{dataset['id']}/compare-prompt-versions/", json=body)
    assert response.status_code == 422, response.text
    assert response.json()["detail"][0]["loc"] == ["body", field]


NONFINITE = ["NaN", "Infinity", "-Infinity"]


async def _nonfinite_bodies(client: httpx.AsyncClient, literal: str) -> dict[str, tuple[str, str]]:
    """Endpoint -> (raw JSON text with `literal` where a number goes, the field named)."""
    dataset = (await client.post(f"{API}/datasets/", json={"name": "QA"})).json()["id"]
    bad = f'{{"a": [1, {literal}]}}'
    return {
        f"{API}/datasets/": (f'{{"name": "x", "metadata": {bad}}}', ["metadata", "a", 1]),
        f"{API}/datasets/{dataset}/items/": (f'{{"input": "q", "metadata": {bad}}}',
                                             ["metadata", "a", 1]),
        f"{API}/datasets/{dataset}/import/": (f'{{"items": [{{"input": {literal}}}]}}',
                                              ["items", 0, "input"]),
        f"{API}/experiments/": (
            f'{{"name": "x", "dataset_id": "{dataset}", "config": {{"model": "m"}}, "metadata": {bad}}}',
            ["metadata", "a", 1],
        ),
        f"{API}/runs/": (f'{{"agent_name": "a", "inputs": "q", "cost": {literal}}}', ["cost"]),
    }


@pytest.mark.parametrize("literal", NONFINITE)
async def test_nonfinite_numbers_in_json_bodies_are_422(client: httpx.AsyncClient, literal) -> None:
    for url, (body, field) in (await _nonfinite_bodies(client, literal)).items():
        response = await client.post(url, content=body, headers=JSON)
        assert response.status_code == 422, (url, response.text)
        error = response.json()["detail"][0]
        assert error["loc"] == ["body", *field], url
        assert "NaN and Infinity are not JSON numbers" in error["msg"]
    # nothing was written
    datasets = (await client.get(f"{API}/datasets/")).json()["results"]
    assert [d["item_count"] for d in datasets] == [0]
    assert (await client.get(f"{API}/runs/")).json()["count"] == 0


async def test_nonfinite_in_a_json_body_without_content_type_is_422(client) -> None:
    """The import reads any non-file body as JSON, so every such body is checked."""
    dataset = (await client.post(f"{API}/datasets/", json={"name": "QA"})).json()["id"]
    response = await client.post(f"{API}/datasets/{dataset}/import/",
                                 content=b'{"items": [{"input": NaN}]}', headers=ORIGIN)
    assert response.status_code == 422, response.text
    assert (await client.get(f"{API}/datasets/{dataset}/")).json()["item_count"] == 0


async def test_the_words_inside_strings_are_just_text(client: httpx.AsyncClient) -> None:
    body = '{"name": "NaN and Infinity", "metadata": {"NaN": "-Infinity"}}'
    response = await client.post(f"{API}/datasets/", content=body, headers=JSON)
    assert response.status_code == 201, response.text
    assert response.json()["metadata"] == {"NaN": "-Infinity"}


@pytest.mark.parametrize("literal", NONFINITE)
async def test_nonfinite_in_a_jsonl_line_is_422_naming_the_line(client, literal) -> None:
    dataset = (await client.post(f"{API}/datasets/", json={"name": "QA"})).json()["id"]
    body = f'{{"input": "ok"}}\n{{"input": "q", "ground_truth": {literal}}}\n'
    response = await client.post(f"{API}/datasets/{dataset}/import/", content=body,
                                 headers={**ORIGIN, "Content-Type": "application/jsonl"})
    assert response.status_code == 422, response.text
    error = response.json()["detail"][0]
    assert error["line"] == 2 and literal in error["message"]
    assert (await client.get(f"{API}/datasets/{dataset}/")).json()["item_count"] == 0


async def test_nonfinite_in_a_csv_json_cell_is_422_naming_the_line(client) -> None:
    dataset = (await client.post(f"{API}/datasets/", json={"name": "QA"})).json()["id"]
    body = 'input,metadata\nq1,"{""a"": 1}"\nq2,"{""a"": NaN}"\n'
    response = await client.post(f"{API}/datasets/{dataset}/import/", content=body,
                                 headers={**ORIGIN, "Content-Type": "text/csv"})
    assert response.status_code == 422, response.text
    assert [(e["line"], e["field"]) for e in response.json()["detail"]] == [(3, "metadata")]
