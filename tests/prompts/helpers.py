"""Shared helpers of the prompts API tests."""

import httpx

URL = "/api/v1/prompts/"


async def create(client: httpx.AsyncClient, name: str = "support", **body) -> dict:
    body.setdefault("template", "You are a support agent.")
    response = await client.post(URL, json={"name": name, **body})
    assert response.status_code == 201, response.text
    return response.json()


def loc(response: httpx.Response) -> list:
    assert response.status_code == 422, response.text
    return [err["loc"] for err in response.json()["detail"]]
