"""Evaluators CRUD over HTTP: validation per kind, tenancy, roles, pagination."""

import re
import uuid

import httpx
import pytest

from app.errors import InvalidInput
from app.evaluators import service
from app.evaluators.graders import KINDS

URL = "/api/v1/evaluators/"
ISO_Z = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$")
JUDGE = {"model": "gpt-4o-mini", "rubric": "Is {output} helpful for {input}?"}


async def create(
    client: httpx.AsyncClient, name: str = "exact", kind: str = "exact_match", **body
) -> dict:
    response = await client.post(URL, json={"name": name, "kind": kind, "config": {}, **body})
    assert response.status_code == 201, response.text
    return response.json()


async def test_create_defaults_score_name_and_fills_config_defaults(
    client: httpx.AsyncClient,
) -> None:
    body = await create(client, "helpfulness-em", description="exact answers")
    assert body["name"] == body["score_name"] == "helpfulness-em"
    assert body["kind"] == "exact_match"
    assert body["config"] == {"case_sensitive": True, "strip": True}
    assert body["data_type"] == "numeric"
    assert body["description"] == "exact answers"
    assert ISO_Z.match(body["created_at"]) and ISO_Z.match(body["updated_at"])
    uuid.UUID(body["id"])


async def test_create_keeps_explicit_score_name_and_judge_config(client: httpx.AsyncClient) -> None:
    body = await create(
        client,
        "judge",
        "llm_judge",
        config={**JUDGE, "pass_threshold": 0.7},
        score_name="helpfulness",
    )
    assert body["score_name"] == "helpfulness"
    assert body["config"] == {**JUDGE, "temperature": 0.0, "pass_threshold": 0.7}


async def test_unknown_kind_is_422_listing_valid_kinds(client: httpx.AsyncClient) -> None:
    response = await client.post(URL, json={"name": "x", "kind": "semantic", "config": {}})
    assert response.status_code == 422
    (error,) = response.json()["detail"]
    assert error["loc"] == ["body", "kind"]
    assert error["msg"] == f"unknown kind 'semantic'; valid kinds: {', '.join(KINDS)}"
    assert "exact_match" in error["msg"] and "llm_judge" in error["msg"]


async def test_invalid_regex_is_422_naming_config_pattern(client: httpx.AsyncClient) -> None:
    response = await client.post(
        URL, json={"name": "r", "kind": "regex", "config": {"pattern": "(abc"}}
    )
    assert response.status_code == 422
    (error,) = response.json()["detail"]
    assert error["loc"] == ["body", "config", "pattern"]
    assert "invalid regular expression: missing )" in error["msg"]


async def test_config_errors_name_the_key(client: httpx.AsyncClient) -> None:
    cases = [
        ("numeric_close", {"abs_tol": -1}, ["body", "config", "abs_tol"]),
        ("numeric_close", {"rel_tol": -0.5}, ["body", "config", "rel_tol"]),
        ("length", {"min": 10, "max": 5}, ["body", "config", "max"]),
        ("length", {}, ["body", "config", "min"]),
        ("llm_judge", {"rubric": "r"}, ["body", "config", "model"]),
        ("llm_judge", {"model": "gpt-4o-mini"}, ["body", "config", "rubric"]),
        ("llm_judge", {**JUDGE, "pass_threshold": 1.5}, ["body", "config", "pass_threshold"]),
        ("json_match", {"mode": "fuzzy"}, ["body", "config", "mode"]),
        ("exact_match", {"case_sensitve": False}, ["body", "config", "case_sensitve"]),
        ("regex", {}, ["body", "config", "pattern"]),
    ]
    for kind, config, loc in cases:
        response = await client.post(URL, json={"name": kind, "kind": kind, "config": config})
        assert response.status_code == 422, (kind, config)
        assert response.json()["detail"][0]["loc"] == loc, (kind, config)
    listed = await client.get(URL)
    assert listed.json()["count"] == 0  # nothing half-written


async def test_missing_name_is_422(client: httpx.AsyncClient) -> None:
    response = await client.post(URL, json={"kind": "contains"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "name"]


async def test_duplicate_name_in_one_org_is_409(client: httpx.AsyncClient) -> None:
    await create(client, "dup")
    response = await client.post(URL, json={"name": "dup", "kind": "contains", "config": {}})
    assert response.status_code == 409
    assert response.json() == {"detail": "An evaluator named 'dup' already exists."}


async def test_same_name_in_another_org_is_fine(client, other_org) -> None:
    await create(client, "shared-name")
    await create(other_org, "shared-name")


async def test_get_update_and_delete(client: httpx.AsyncClient) -> None:
    created = await create(client, "c", "contains")
    url = f"{URL}{created['id']}/"
    assert (await client.get(url)).json() == created
    updated = await client.put(url, json={"config": {"value": "refund"}, "description": "d"})
    assert updated.status_code == 200
    assert updated.json()["config"] == {"value": "refund", "case_sensitive": True, "strip": True}
    assert updated.json()["description"] == "d"
    assert updated.json()["name"] == "c"
    assert (await client.delete(url)).status_code == 204
    assert (await client.get(url)).status_code == 404
    assert (await client.delete(url)).status_code == 404


async def test_update_revalidates_config_against_the_new_kind(client: httpx.AsyncClient) -> None:
    created = await create(client, "c", "contains", config={"value": "x"})
    url = f"{URL}{created['id']}/"
    response = await client.put(url, json={"kind": "regex"})
    assert response.status_code == 422
    locs = [e["loc"] for e in response.json()["detail"]]
    assert ["body", "config", "pattern"] in locs and ["body", "config", "value"] in locs
    bad = await client.put(url, json={"config": {"value": ""}})
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["body", "config", "value"]
    moved = await client.put(url, json={"kind": "regex", "config": {"pattern": "^x"}})
    assert moved.status_code == 200 and moved.json()["kind"] == "regex"
    assert (await client.get(url)).json()["config"]["pattern"] == "^x"


async def test_rename_to_a_taken_name_is_409(client: httpx.AsyncClient) -> None:
    await create(client, "a")
    b = await create(client, "b")
    response = await client.put(f"{URL}{b['id']}/", json={"name": "a"})
    assert response.status_code == 409
    same = await client.put(f"{URL}{b['id']}/", json={"name": "b", "score_name": "bee"})
    assert same.status_code == 200 and same.json()["score_name"] == "bee"


async def test_foreign_org_gets_404_everywhere(client, other_org) -> None:
    created = await create(client, "mine")
    url = f"{URL}{created['id']}/"
    assert (await other_org.get(url)).status_code == 404
    assert (await other_org.put(url, json={"name": "stolen"})).status_code == 404
    assert (await other_org.delete(url)).status_code == 404
    assert (await other_org.get(URL)).json()["count"] == 0
    assert (await client.get(url)).json()["name"] == "mine"


async def test_viewer_reads_but_cannot_write(client, viewer) -> None:
    created = await create(client, "mine")
    url = f"{URL}{created['id']}/"
    assert (await viewer.get(url)).status_code == 200
    assert (await viewer.post(URL, json={"name": "v", "kind": "contains"})).status_code == 403
    assert (await viewer.put(url, json={"name": "v"})).status_code == 403
    assert (await viewer.delete(url)).status_code == 403


async def test_anonymous_is_401(anon: httpx.AsyncClient) -> None:
    assert (await anon.get(URL)).status_code == 401


async def test_list_paginates_searches_and_filters_by_kind(client: httpx.AsyncClient) -> None:
    await create(client, "Refund policy", "contains", description="mentions refunds")
    await create(client, "tone", "llm_judge", config=JUDGE, description="polite REFUND handling")
    await create(client, "format", "json_valid")
    page = (await client.get(URL, params={"page_size": 2, "sort": "name"})).json()
    assert page["count"] == 3
    assert [r["name"] for r in page["results"]] == ["Refund policy", "format"]
    assert page["next"] == "http://testserver/api/v1/evaluators/?page_size=2&sort=name&page=2"
    assert page["previous"] is None
    second = (await client.get(page["next"])).json()
    assert [r["name"] for r in second["results"]] == ["tone"] and second["next"] is None
    found = (await client.get(URL, params={"search": "refund", "sort": "name"})).json()
    assert [r["name"] for r in found["results"]] == ["Refund policy", "tone"]
    judges = (await client.get(URL, params={"kind": "llm_judge"})).json()
    assert [r["name"] for r in judges["results"]] == ["tone"]
    both = (await client.get(URL, params={"kind": "json_valid,contains", "sort": "-name"})).json()
    assert [r["name"] for r in both["results"]] == ["format", "Refund policy"]


async def test_list_search_treats_percent_literally(client: httpx.AsyncClient) -> None:
    await create(client, "100% match")
    await create(client, "other")
    found = (await client.get(URL, params={"search": "%"})).json()
    assert [r["name"] for r in found["results"]] == ["100% match"]


async def test_list_bad_kind_or_sort_is_422(client: httpx.AsyncClient) -> None:
    bad_kind = await client.get(URL, params={"kind": "nope"})
    assert bad_kind.status_code == 422 and bad_kind.json()["detail"][0]["loc"] == ["query", "kind"]
    bad_sort = await client.get(URL, params={"sort": "config"})
    assert bad_sort.status_code == 422 and bad_sort.json()["detail"][0]["loc"] == ["query", "sort"]


async def test_get_many_keeps_order_and_names_unknown_ids(app, client: httpx.AsyncClient) -> None:
    a, b = await create(client, "a"), await create(client, "b")
    me = (await client.get("/api/v1/auth/me/")).json()
    org_id = uuid.UUID(me["organization"]["id"])
    ghost = uuid.uuid4()
    async with app.state.sessionmaker() as db:
        rows = await service.get_many(
            db, org_id, [uuid.UUID(b["id"]), uuid.UUID(a["id"]), uuid.UUID(b["id"])]
        )
        assert [r.name for r in rows] == ["b", "a"]
        assert service.snapshot(rows[0]) == {
            "id": b["id"],
            "name": "b",
            "kind": "exact_match",
            "config": {"case_sensitive": True, "strip": True},
            "score_name": "b",
            "data_type": "numeric",
            "version": b["version"],
        }
        with pytest.raises(InvalidInput) as caught:
            await service.get_many(db, org_id, [uuid.UUID(a["id"]), ghost])
    assert caught.value.detail == [
        {
            "loc": ["body", "evaluator_ids"],
            "msg": f"unknown evaluator ids: {ghost}",
            "type": "value_error",
        }
    ]


async def test_get_many_treats_foreign_ids_as_unknown(app, client, other_org) -> None:
    foreign = await create(other_org, "theirs")
    org_id = uuid.UUID((await client.get("/api/v1/auth/me/")).json()["organization"]["id"])
    async with app.state.sessionmaker() as db:
        with pytest.raises(InvalidInput) as caught:
            await service.get_many(db, org_id, [uuid.UUID(foreign["id"])])
    assert caught.value.detail[0]["msg"] == f"unknown evaluator ids: {foreign['id']}"


async def test_openapi_operation_ids(client: httpx.AsyncClient) -> None:
    spec = (await client.get("/openapi.json")).json()
    ops = {
        op["operationId"]
        for path, item in spec["paths"].items()
        if path.startswith(URL)
        for op in item.values()
    }
    assert ops == {
        "evaluators-create",
        "evaluators-list",
        "evaluators-get",
        "evaluators-update",
        "evaluators-delete",
        "evaluators-versions",
    }


async def test_a_long_unknown_kind_still_lists_the_valid_kinds(client: httpx.AsyncClient) -> None:
    response = await client.post(URL, json={"name": "x", "kind": "k" * 300})
    assert response.status_code == 422
    assert response.json()["detail"][0]["msg"].endswith(f"valid kinds: {', '.join(KINDS)}")
