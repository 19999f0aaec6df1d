"""NUL characters, which PostgreSQL's text refuses (a 500 the fuzzer found), are a 422 naming
where they are, on both backends, and nothing is written."""

import httpx

API = "/api/v1"


async def test_nul_in_a_query_string_is_422_naming_the_parameter(client: httpx.AsyncClient) -> None:
    for params in ({"search": "a\x00b"}, {"tags": "x\x00"}):
        response = await client.get(f"{API}/datasets/", params=params)
        assert response.status_code == 422, response.text
        assert response.json()["detail"][0]["loc"] == ["query", next(iter(params))]


async def test_nul_in_a_json_body_is_422_naming_the_field(client: httpx.AsyncClient) -> None:
    response = await client.post(f"{API}/datasets/", json={"name": "a\x00b"})
    assert response.status_code == 422, response.text
    assert response.json()["detail"][0]["loc"] == ["body", "name"]
    nested = await client.post(f"{API}/runs/", json={"agent_name": "a", "inputs": {"k": ["\x00"]}})
    assert nested.status_code == 422, nested.text
    assert nested.json()["detail"][0]["loc"] == ["body", "inputs", "k", 0]
    assert (await client.get(f"{API}/datasets/")).json()["count"] == 0
    assert (await client.get(f"{API}/runs/")).json()["count"] == 0
