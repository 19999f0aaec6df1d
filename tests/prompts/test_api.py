"""Prompts API: create, validation, concurrent versions, listing."""

import asyncio

import httpx
import pytest

from tests.prompts.helpers import URL, create, loc


async def test_create_text_prompt_returns_version_1(client: httpx.AsyncClient) -> None:
    body = await create(
        client,
        template="Answer {{query}}",
        config={"model": "gpt-4o-mini", "temperature": 0.3, "seed": 7},
        labels=["production"],
        commit_message="first",
    )
    assert set(body) == {
        "id",
        "prompt_id",
        "name",
        "version",
        "template",
        "config",
        "labels",
        "commit_message",
        "created_at",
    }
    assert body["name"] == "support" and body["version"] == 1
    assert body["template"] == "Answer {{query}}"
    assert body["config"] == {"model": "gpt-4o-mini", "temperature": 0.3, "seed": 7}
    assert body["labels"] == ["production"]
    assert body["commit_message"] == "first"
    assert body["created_at"].endswith("Z")


async def test_create_chat_prompt_has_messages_not_template(client: httpx.AsyncClient) -> None:
    messages = [
        {"role": "system", "content": "Be {{tone}}."},
        {"role": "user", "content": "{{query}}"},
    ]
    response = await client.post(URL, json={"name": "chatty", "messages": messages})
    assert response.status_code == 201
    body = response.json()
    assert body["messages"] == messages and "template" not in body
    assert body["config"] == {} and body["labels"] == [] and body["commit_message"] == ""


async def test_second_create_is_version_2_and_labels_move(client: httpx.AsyncClient) -> None:
    first = await create(client, labels=["production", "staging"])
    second = await create(client, template="v2", labels=["production"])
    assert second["version"] == 2 and second["prompt_id"] == first["prompt_id"]
    assert second["id"] != first["id"]
    v1 = (await client.get(f"{URL}support/?version=1")).json()
    assert v1["labels"] == ["staging"]
    assert (await client.get(f"{URL}support/?label=production")).json()["version"] == 2


async def test_missing_template_and_messages_is_422(client: httpx.AsyncClient) -> None:
    assert loc(await client.post(URL, json={"name": "p"})) == [["body", "template"]]


async def test_template_and_messages_together_is_422(client: httpx.AsyncClient) -> None:
    response = await client.post(
        URL, json={"name": "p", "template": "t", "messages": [{"role": "user", "content": "x"}]}
    )
    assert loc(response) == [["body", "messages"]]
    assert (await client.get(f"{URL}p/")).status_code == 404  # nothing half-written


async def test_bad_message_role_is_422(client: httpx.AsyncClient) -> None:
    response = await client.post(
        URL, json={"name": "p", "messages": [{"role": "wizard", "content": "x"}]}
    )
    assert loc(response) == [["body", "messages", 0, "role"]]


async def test_empty_messages_and_missing_content_are_422(client: httpx.AsyncClient) -> None:
    assert loc(await client.post(URL, json={"name": "p", "messages": []})) == [["body", "messages"]]
    response = await client.post(URL, json={"name": "p", "messages": [{"role": "user"}]})
    assert loc(response) == [["body", "messages", 0, "content"]]


async def test_label_latest_cannot_be_set_on_create(client: httpx.AsyncClient) -> None:
    response = await client.post(
        URL, json={"name": "p", "template": "t", "labels": ["ok", "latest"]}
    )
    assert loc(response) == [["body", "labels", 1]]
    assert "implicit" in response.json()["detail"][0]["msg"]


@pytest.mark.parametrize("label", ["", "has space", "x" * 101, "a/b"])
async def test_bad_label_names_are_422(client: httpx.AsyncClient, label: str) -> None:
    response = await client.post(URL, json={"name": "p", "template": "t", "labels": [label]})
    assert loc(response) == [["body", "labels", 0]]


async def test_duplicate_labels_are_422(client: httpx.AsyncClient) -> None:
    response = await client.post(URL, json={"name": "p", "template": "t", "labels": ["a", "a"]})
    assert loc(response) == [["body", "labels"]]


@pytest.mark.parametrize("name", ["", "a b", "a/b", "x" * 201, "..", "é"])
async def test_bad_prompt_names_are_422(client: httpx.AsyncClient, name: str) -> None:
    assert loc(await client.post(URL, json={"name": name, "template": "t"})) == [["body", "name"]]


async def test_bad_config_values_are_422(client: httpx.AsyncClient) -> None:
    response = await client.post(
        URL, json={"name": "p", "template": "t", "config": {"temperature": 5}}
    )
    assert loc(response) == [["body", "config", "temperature"]]
    response = await client.post(URL, json={"name": "p", "template": "t", "config": "gpt-4o"})
    assert loc(response) == [["body", "config"]]


async def test_concurrent_creates_of_a_new_name_give_versions_1_to_n(
    client: httpx.AsyncClient,
) -> None:
    responses = await asyncio.gather(
        *(client.post(URL, json={"name": "race", "template": f"t{i}"}) for i in range(8))
    )
    assert [r.status_code for r in responses] == [201] * 8
    assert sorted(r.json()["version"] for r in responses) == list(range(1, 9))
    assert len({r.json()["prompt_id"] for r in responses}) == 1
    listed = (await client.get(f"{URL}race/versions/")).json()
    assert listed["count"] == 8
    assert [v["version"] for v in listed["results"]] == list(range(8, 0, -1))


async def test_list_is_one_row_per_name_with_latest_version_and_labels(
    client: httpx.AsyncClient,
) -> None:
    await create(client, "alpha", labels=["production"])
    await create(client, "alpha", labels=["staging"])
    await create(client, "beta")
    response = await client.get(URL)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2 and body["next"] is None and body["previous"] is None
    alpha, beta = body["results"]
    assert (alpha["name"], alpha["latest_version"], alpha["labels"]) == ("alpha", 2, ["staging"])
    assert alpha["label_versions"] == {"production": 1, "staging": 2}
    assert (beta["name"], beta["latest_version"], beta["labels"]) == ("beta", 1, [])
    assert alpha["created_at"].endswith("Z") and alpha["updated_at"].endswith("Z")


async def test_list_search_is_case_insensitive_and_literal(client: httpx.AsyncClient) -> None:
    for name in ("support-bot", "Support_v2", "sales", "50.off"):
        await create(client, name)
    found = (await client.get(URL, params={"search": "SUPPORT"})).json()
    assert sorted(r["name"] for r in found["results"]) == ["Support_v2", "support-bot"]
    # "_" and "%" are LIKE wildcards: the search must treat them as plain characters.
    assert [
        r["name"] for r in (await client.get(URL, params={"search": "t_v"})).json()["results"]
    ] == ["Support_v2"]
    assert (await client.get(URL, params={"search": "%"})).json()["count"] == 0


async def test_list_sort_and_pagination(client: httpx.AsyncClient) -> None:
    for name in ("bravo", "delta", "alpha", "charlie"):
        await create(client, name)
    first = (await client.get(URL, params={"page_size": 3, "sort": "-name"})).json()
    assert first["count"] == 4 and first["previous"] is None
    assert [r["name"] for r in first["results"]] == ["delta", "charlie", "bravo"]
    second = (await client.get(first["next"])).json()
    assert [r["name"] for r in second["results"]] == ["alpha"]
    assert second["next"] is None and second["previous"] is not None
    assert (await client.get(URL, params={"sort": "created_at"})).json()["results"][0][
        "name"
    ] == "bravo"
    assert loc(await client.get(URL, params={"sort": "password"})) == [["query", "sort"]]
