"""Prompts API: versions, labels, promotion, tenancy and roles."""

import asyncio
import uuid

import httpx
import pytest

from app.errors import InvalidInput, NotFound
from app.prompts import service

URL = "/api/v1/prompts/"


async def create(client: httpx.AsyncClient, name: str = "support", **body) -> dict:
    body.setdefault("template", "You are a support agent.")
    response = await client.post(URL, json={"name": name, **body})
    assert response.status_code == 201, response.text
    return response.json()


def loc(response: httpx.Response) -> list:
    assert response.status_code == 422, response.text
    return [err["loc"] for err in response.json()["detail"]]


async def test_create_text_prompt_returns_version_1(client: httpx.AsyncClient) -> None:
    body = await create(
        client, template="Answer {{query}}", config={"model": "gpt-4o-mini", "temperature": 0.3, "seed": 7},
        labels=["production"], commit_message="first",
    )
    assert set(body) == {
        "id", "prompt_id", "name", "version", "template", "config", "labels", "commit_message", "created_at",
    }
    assert body["name"] == "support" and body["version"] == 1
    assert body["template"] == "Answer {{query}}"
    assert body["config"] == {"model": "gpt-4o-mini", "temperature": 0.3, "seed": 7}
    assert body["labels"] == ["production"]
    assert body["commit_message"] == "first"
    assert body["created_at"].endswith("Z")


async def test_create_chat_prompt_has_messages_not_template(client: httpx.AsyncClient) -> None:
    messages = [{"role": "system", "content": "Be {{tone}}."}, {"role": "user", "content": "{{query}}"}]
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
    response = await client.post(URL, json={"name": "p", "messages": [{"role": "wizard", "content": "x"}]})
    assert loc(response) == [["body", "messages", 0, "role"]]


async def test_empty_messages_and_missing_content_are_422(client: httpx.AsyncClient) -> None:
    assert loc(await client.post(URL, json={"name": "p", "messages": []})) == [["body", "messages"]]
    response = await client.post(URL, json={"name": "p", "messages": [{"role": "user"}]})
    assert loc(response) == [["body", "messages", 0, "content"]]


async def test_label_latest_cannot_be_set_on_create(client: httpx.AsyncClient) -> None:
    response = await client.post(URL, json={"name": "p", "template": "t", "labels": ["ok", "latest"]})
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
    response = await client.post(URL, json={"name": "p", "template": "t", "config": {"temperature": 5}})
    assert loc(response) == [["body", "config", "temperature"]]
    response = await client.post(URL, json={"name": "p", "template": "t", "config": "gpt-4o"})
    assert loc(response) == [["body", "config"]]


async def test_concurrent_creates_of_a_new_name_give_versions_1_to_n(client: httpx.AsyncClient) -> None:
    responses = await asyncio.gather(
        *(client.post(URL, json={"name": "race", "template": f"t{i}"}) for i in range(8))
    )
    assert [r.status_code for r in responses] == [201] * 8
    assert sorted(r.json()["version"] for r in responses) == list(range(1, 9))
    assert len({r.json()["prompt_id"] for r in responses}) == 1
    listed = (await client.get(f"{URL}race/versions/")).json()
    assert listed["count"] == 8
    assert [v["version"] for v in listed["results"]] == list(range(8, 0, -1))


async def test_list_is_one_row_per_name_with_latest_version_and_labels(client: httpx.AsyncClient) -> None:
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
    assert [r["name"] for r in (await client.get(URL, params={"search": "t_v"})).json()["results"]] == [
        "Support_v2"
    ]
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
    assert (await client.get(URL, params={"sort": "created_at"})).json()["results"][0]["name"] == "bravo"
    assert loc(await client.get(URL, params={"sort": "password"})) == [["query", "sort"]]


async def test_get_latest_by_version_and_by_label(client: httpx.AsyncClient) -> None:
    await create(client, template="one", labels=["production"])
    await create(client, template="two")
    assert (await client.get(f"{URL}support/")).json()["template"] == "two"
    assert (await client.get(f"{URL}support/?version=1")).json()["template"] == "one"
    assert (await client.get(f"{URL}support/?label=production")).json()["template"] == "one"
    assert (await client.get(f"{URL}support/?label=latest")).json()["version"] == 2


async def test_get_unknown_name_version_or_label_is_404(client: httpx.AsyncClient) -> None:
    await create(client)
    missing_name = await client.get(f"{URL}nope/")
    assert missing_name.status_code == 404
    assert missing_name.json() == {"detail": "Prompt 'nope' not found."}
    missing_version = await client.get(f"{URL}support/?version=9")
    assert missing_version.json() == {"detail": "Prompt 'support' has no version 9."}
    missing_label = await client.get(f"{URL}support/?label=prod")
    assert missing_label.json() == {"detail": "Prompt 'support' has no label 'prod'."}
    assert missing_version.status_code == missing_label.status_code == 404


async def test_get_with_version_and_label_is_422(client: httpx.AsyncClient) -> None:
    await create(client, labels=["production"])
    assert loc(await client.get(f"{URL}support/?version=1&label=production")) == [["query", "label"]]


async def test_versions_are_newest_first_with_labels(client: httpx.AsyncClient) -> None:
    await create(client, template="one", labels=["production"])
    await create(client, messages=[{"role": "user", "content": "two"}], template=None, labels=["beta"])
    body = (await client.get(f"{URL}support/versions/")).json()
    assert body["count"] == 2
    newest, oldest = body["results"]
    assert (newest["version"], newest["labels"], newest["messages"]) == (
        2, ["beta"], [{"role": "user", "content": "two"}],
    )
    assert (oldest["version"], oldest["labels"], oldest["template"]) == (1, ["production"], "one")
    assert (await client.get(f"{URL}nope/versions/")).status_code == 404


async def test_promotion_moves_label_then_get_by_label_returns_it(client: httpx.AsyncClient) -> None:
    await create(client, template="one", labels=["production"])
    await create(client, template="two")
    response = await client.put(f"{URL}support/labels/production/", json={"version": 2})
    assert response.status_code == 200
    assert response.json() == {"name": "support", "label": "production", "version": 2, "previous_version": 1}
    promoted = (await client.get(f"{URL}support/?label=production")).json()
    assert (promoted["version"], promoted["template"], promoted["labels"]) == (2, "two", ["production"])
    assert (await client.get(f"{URL}support/?version=1")).json()["labels"] == []


async def test_put_creates_a_new_label(client: httpx.AsyncClient) -> None:
    await create(client)
    response = await client.put(f"{URL}support/labels/canary/", json={"version": 1})
    assert response.json() == {"name": "support", "label": "canary", "version": 1, "previous_version": None}
    assert (await client.get(f"{URL}support/?label=canary")).json()["version"] == 1


async def test_put_label_errors(client: httpx.AsyncClient) -> None:
    await create(client)
    assert loc(await client.put(f"{URL}support/labels/production/", json={"version": 5})) == [
        ["body", "version"]
    ]
    assert loc(await client.put(f"{URL}support/labels/production/", json={"version": 0})) == [
        ["body", "version"]
    ]
    assert loc(await client.put(f"{URL}support/labels/latest/", json={"version": 1})) == [["path", "label"]]
    assert loc(await client.put(f"{URL}support/labels/a%20b/", json={"version": 1})) == [["path", "label"]]
    assert (await client.put(f"{URL}nope/labels/production/", json={"version": 1})).status_code == 404


async def test_delete_label_is_204_then_404(client: httpx.AsyncClient) -> None:
    await create(client, labels=["production"])
    assert (await client.delete(f"{URL}support/labels/production/")).status_code == 204
    assert (await client.get(f"{URL}support/?label=production")).status_code == 404
    again = await client.delete(f"{URL}support/labels/production/")
    assert again.status_code == 404
    assert again.json() == {"detail": "Prompt 'support' has no label 'production'."}
    assert loc(await client.delete(f"{URL}support/labels/latest/")) == [["path", "label"]]


async def test_foreign_organization_sees_nothing(client: httpx.AsyncClient, other_org: httpx.AsyncClient) -> None:
    await create(client, labels=["production"])
    assert (await other_org.get(URL)).json()["count"] == 0
    assert (await other_org.get(f"{URL}support/")).status_code == 404
    assert (await other_org.get(f"{URL}support/versions/")).status_code == 404
    assert (await other_org.put(f"{URL}support/labels/production/", json={"version": 1})).status_code == 404
    assert (await other_org.delete(f"{URL}support/labels/production/")).status_code == 404
    own = await create(other_org, template="globex's own")
    assert own["version"] == 1
    assert (await client.get(f"{URL}support/")).json()["template"] == "You are a support agent."


async def test_viewer_reads_but_cannot_write(client: httpx.AsyncClient, viewer: httpx.AsyncClient) -> None:
    await create(client, labels=["production"])
    assert (await viewer.get(f"{URL}support/")).status_code == 200
    assert (await viewer.get(URL)).json()["count"] == 1
    assert (await viewer.post(URL, json={"name": "v", "template": "t"})).status_code == 403
    assert (await viewer.put(f"{URL}support/labels/production/", json={"version": 1})).status_code == 403
    assert (await viewer.delete(f"{URL}support/labels/production/")).status_code == 403


async def test_anonymous_is_401(anon: httpx.AsyncClient) -> None:
    assert (await anon.get(URL)).status_code == 401
    assert (await anon.post(URL, json={"name": "p", "template": "t"})).status_code == 401


async def test_operation_ids_are_readable(anon: httpx.AsyncClient) -> None:
    paths = (await anon.get("/openapi.json")).json()["paths"]
    assert paths["/api/v1/prompts/"]["post"]["operationId"] == "prompts-create"
    assert paths["/api/v1/prompts/{name}/labels/{label}/"]["put"]["operationId"] == "prompts-set-label"
    assert paths["/api/v1/prompts/{name}/"]["get"]["description"].startswith("Get a prompt version")


async def _org_id(client: httpx.AsyncClient) -> uuid.UUID:
    return uuid.UUID((await client.get("/api/v1/auth/me/")).json()["organization"]["id"])


async def test_resolve_version_and_snapshot(app, client: httpx.AsyncClient) -> None:
    messages = [{"role": "system", "content": "Be {{tone}}."}]
    await create(client, template=None, messages=messages, config={"model": "gpt-4o-mini"}, labels=["prod"])
    await create(client, template="v2 {{query}}")
    org = await _org_id(client)
    async with app.state.sessionmaker() as db:
        latest = await service.resolve_version(db, org, "support")
        assert await service.resolve_version(db, org, "support", label="latest") == latest
        by_label = await service.resolve_version(db, org, "support", label="prod")
        assert (await service.resolve_version(db, org, "support", version=1)).id == by_label.id
        assert service.snapshot("support", latest) == {
            "prompt_name": "support", "version": 2, "template": "v2 {{query}}", "messages": None,
            "config": {},
        }
        assert service.snapshot("support", by_label) == {
            "prompt_name": "support", "version": 1, "template": None, "messages": messages,
            "config": {"model": "gpt-4o-mini"},
        }
        with pytest.raises(NotFound, match="has no label 'gone'"):
            await service.resolve_version(db, org, "support", label="gone")
        with pytest.raises(NotFound, match="has no version 3"):
            await service.resolve_version(db, org, "support", version=3)
        with pytest.raises(NotFound, match="Prompt 'support' not found"):
            await service.resolve_version(db, uuid.uuid4(), "support")
        with pytest.raises(InvalidInput):
            await service.resolve_version(db, org, "support", version=1, label="prod")
