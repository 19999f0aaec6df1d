"""Prompts API: reading versions, labels and promotion, tenancy, roles, the service interface."""

import asyncio
import uuid

import httpx
import pytest

from app.errors import InvalidInput, NotFound
from app.prompts import service
from tests.prompts.helpers import URL, create, loc


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
    assert loc(await client.get(f"{URL}support/?version=1&label=production")) == [
        ["query", "label"]
    ]


async def test_versions_are_newest_first_with_labels(client: httpx.AsyncClient) -> None:
    await create(client, template="one", labels=["production"])
    await create(
        client, messages=[{"role": "user", "content": "two"}], template=None, labels=["beta"]
    )
    body = (await client.get(f"{URL}support/versions/")).json()
    assert body["count"] == 2
    newest, oldest = body["results"]
    assert (newest["version"], newest["labels"], newest["messages"]) == (
        2,
        ["beta"],
        [{"role": "user", "content": "two"}],
    )
    assert (oldest["version"], oldest["labels"], oldest["template"]) == (1, ["production"], "one")
    assert (await client.get(f"{URL}nope/versions/")).status_code == 404


async def test_promotion_moves_label_then_get_by_label_returns_it(
    client: httpx.AsyncClient,
) -> None:
    await create(client, template="one", labels=["production"])
    await create(client, template="two")
    response = await client.put(f"{URL}support/labels/production/", json={"version": 2})
    assert response.status_code == 200
    assert response.json() == {
        "name": "support",
        "label": "production",
        "version": 2,
        "previous_version": 1,
    }
    promoted = (await client.get(f"{URL}support/?label=production")).json()
    assert (promoted["version"], promoted["template"], promoted["labels"]) == (
        2,
        "two",
        ["production"],
    )
    assert (await client.get(f"{URL}support/?version=1")).json()["labels"] == []


async def test_put_creates_a_new_label(client: httpx.AsyncClient) -> None:
    await create(client)
    response = await client.put(f"{URL}support/labels/canary/", json={"version": 1})
    assert response.json() == {
        "name": "support",
        "label": "canary",
        "version": 1,
        "previous_version": None,
    }
    assert (await client.get(f"{URL}support/?label=canary")).json()["version"] == 1


async def test_put_label_errors(client: httpx.AsyncClient) -> None:
    await create(client)
    assert loc(await client.put(f"{URL}support/labels/production/", json={"version": 5})) == [
        ["body", "version"]
    ]
    assert loc(await client.put(f"{URL}support/labels/production/", json={"version": 0})) == [
        ["body", "version"]
    ]
    assert loc(await client.put(f"{URL}support/labels/latest/", json={"version": 1})) == [
        ["path", "label"]
    ]
    assert loc(await client.put(f"{URL}support/labels/a%20b/", json={"version": 1})) == [
        ["path", "label"]
    ]
    assert (
        await client.put(f"{URL}nope/labels/production/", json={"version": 1})
    ).status_code == 404


async def test_delete_label_is_204_then_404(client: httpx.AsyncClient) -> None:
    await create(client, labels=["production"])
    assert (await client.delete(f"{URL}support/labels/production/")).status_code == 204
    assert (await client.get(f"{URL}support/?label=production")).status_code == 404
    again = await client.delete(f"{URL}support/labels/production/")
    assert again.status_code == 404
    assert again.json() == {"detail": "Prompt 'support' has no label 'production'."}
    assert loc(await client.delete(f"{URL}support/labels/latest/")) == [["path", "label"]]


async def test_foreign_organization_sees_nothing(
    client: httpx.AsyncClient, other_org: httpx.AsyncClient
) -> None:
    await create(client, labels=["production"])
    assert (await other_org.get(URL)).json()["count"] == 0
    assert (await other_org.get(f"{URL}support/")).status_code == 404
    assert (await other_org.get(f"{URL}support/versions/")).status_code == 404
    assert (
        await other_org.put(f"{URL}support/labels/production/", json={"version": 1})
    ).status_code == 404
    assert (await other_org.delete(f"{URL}support/labels/production/")).status_code == 404
    own = await create(other_org, template="globex's own")
    assert own["version"] == 1
    assert (await client.get(f"{URL}support/")).json()["template"] == "You are a support agent."


async def test_viewer_reads_but_cannot_write(
    client: httpx.AsyncClient, viewer: httpx.AsyncClient
) -> None:
    await create(client, labels=["production"])
    assert (await viewer.get(f"{URL}support/")).status_code == 200
    assert (await viewer.get(URL)).json()["count"] == 1
    assert (await viewer.post(URL, json={"name": "v", "template": "t"})).status_code == 403
    assert (
        await viewer.put(f"{URL}support/labels/production/", json={"version": 1})
    ).status_code == 403
    assert (await viewer.delete(f"{URL}support/labels/production/")).status_code == 403


async def test_anonymous_is_401(anon: httpx.AsyncClient) -> None:
    assert (await anon.get(URL)).status_code == 401
    assert (await anon.post(URL, json={"name": "p", "template": "t"})).status_code == 401


async def test_operation_ids_are_readable(anon: httpx.AsyncClient) -> None:
    paths = (await anon.get("/openapi.json")).json()["paths"]
    assert paths["/api/v1/prompts/"]["post"]["operationId"] == "prompts-create"
    assert (
        paths["/api/v1/prompts/{name}/labels/{label}/"]["put"]["operationId"] == "prompts-set-label"
    )
    assert paths["/api/v1/prompts/{name}/"]["get"]["description"].startswith("Get a prompt version")


async def _org_id(client: httpx.AsyncClient) -> uuid.UUID:
    return uuid.UUID((await client.get("/api/v1/auth/me/")).json()["organization"]["id"])


async def test_resolve_version_and_snapshot(app, client: httpx.AsyncClient) -> None:
    messages = [{"role": "system", "content": "Be {{tone}}."}]
    await create(
        client, template=None, messages=messages, config={"model": "gpt-4o-mini"}, labels=["prod"]
    )
    await create(client, template="v2 {{query}}")
    org = await _org_id(client)
    async with app.state.sessionmaker() as db:
        latest = await service.resolve_version(db, org, "support")
        assert await service.resolve_version(db, org, "support", label="latest") == latest
        by_label = await service.resolve_version(db, org, "support", label="prod")
        assert (await service.resolve_version(db, org, "support", version=1)).id == by_label.id
        assert service.snapshot("support", latest) == {
            "prompt_name": "support",
            "version": 2,
            "template": "v2 {{query}}",
            "messages": None,
            "config": {},
        }
        assert service.snapshot("support", by_label) == {
            "prompt_name": "support",
            "version": 1,
            "template": None,
            "messages": messages,
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


async def test_concurrent_puts_of_a_new_label_never_fail(client: httpx.AsyncClient) -> None:
    for _ in range(3):
        await create(client)
    responses = await asyncio.gather(
        *(
            client.put(f"{URL}support/labels/canary/", json={"version": v})
            for v in (1, 2, 3, 1, 2, 3)
        )
    )
    assert [r.status_code for r in responses] == [200] * 6
    final = (await client.get(f"{URL}support/?label=canary")).json()["version"]
    assert final in (1, 2, 3)
    listed = (await client.get(URL)).json()["results"][0]
    assert listed["label_versions"] == {"canary": final}
