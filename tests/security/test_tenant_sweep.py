"""Tenant isolation, swept over the whole API: organization B tries every route of the
OpenAPI schema on organization A's objects (read, list, update, delete, start, cancel,
compare, from-run, import, scores, export, ...). Every attempt is a 404 (or a 422 naming the
foreign id in a body, or a list without A's objects), nothing in the answer mentions A, and
afterwards everything A can read is exactly as before. A route the sweep does not know
fails `test_every_api_route_is_swept`: teach SWEEP (or NO_TENANT_OBJECT) the new route."""

import re

import httpx
import pytest

from app.config import Settings
from app.main import create_app
from tests.security.tenant_objects import API, make_objects, snapshot

EMPTY = "a list without A's objects"
ORIGIN = {"Origin": "http://testserver"}
# Routes that take no object of another tenant: they act on the caller's own organization
# (or on the server's configuration), whatever the body says.
NO_TENANT_OBJECT = {
    ("POST", "/auth/login/"), ("POST", "/auth/logout/"), ("GET", "/auth/me/"),
    ("POST", "/api-keys/"), ("POST", "/datasets/"), ("POST", "/runs/"),
    ("POST", "/evaluators/"), ("GET", "/models/"),
}
B_PARENT = {"dataset_id": "b_dataset_id"}  # B's own dataset, A's child object
DONE = {"experiment_id": "done_id"}  # A's finished experiment (it has results)
ITEM_BODY = {"input": "stolen"}
# (method, path) -> attempts: (which ids fill the path, request keywords, expected status).
SWEEP: dict[tuple[str, str], list[tuple[dict, dict, int | str]]] = {
    ("POST", "/users/"): [({}, {"json": {"email": "member@acme.test", "password": "x" * 12,
                                        "role": "viewer"}}, 409)],
    ("GET", "/users/"): [({}, {}, EMPTY)],
    ("PATCH", "/users/{user_id}/"): [({}, {"json": {"role": "viewer"}}, 404)],
    ("DELETE", "/users/{user_id}/"): [({}, {}, 404)],
    ("GET", "/api-keys/"): [({}, {}, EMPTY)],
    ("DELETE", "/api-keys/{key_id}/"): [({}, {}, 404)],
    ("GET", "/datasets/"): [({}, {}, EMPTY), ({}, {"params": {"search": "a-data"}}, EMPTY)],
    ("GET", "/datasets/{dataset_id}/"): [({}, {}, 404)],
    ("PUT", "/datasets/{dataset_id}/"): [({}, {"json": {"name": "stolen"}}, 404)],
    ("DELETE", "/datasets/{dataset_id}/"): [({}, {}, 404)],
    ("GET", "/datasets/{dataset_id}/items/"): [
        ({}, {}, 404), ({}, {"params": {"version": 1}}, 404),
        ({}, {"params": {"archived": "true"}}, 404)],
    ("GET", "/datasets/{dataset_id}/versions/"): [({}, {}, 404)],
    ("POST", "/datasets/{dataset_id}/items/"): [({}, {"json": ITEM_BODY}, 404)],
    ("GET", "/datasets/{dataset_id}/items/{item_id}/"): [({}, {}, 404), (B_PARENT, {}, 404)],
    ("PUT", "/datasets/{dataset_id}/items/{item_id}/"): [
        ({}, {"json": ITEM_BODY}, 404), (B_PARENT, {"json": ITEM_BODY}, 404)],
    ("DELETE", "/datasets/{dataset_id}/items/{item_id}/"): [({}, {}, 404), (B_PARENT, {}, 404)],
    ("POST", "/datasets/{dataset_id}/import/"): [
        ({}, {"json": {"items": [ITEM_BODY]}}, 404),
        ({}, {"files": {"file": ("x.jsonl", b'{"input": "stolen"}\n')}}, 404)],
    ("GET", "/datasets/{dataset_id}/export/"): [
        ({}, {"params": {"format": "jsonl"}}, 404), ({}, {"params": {"format": "csv"}}, 404)],
    ("POST", "/datasets/{dataset_id}/from-run/"): [
        ({}, {"json": {"run_id": "1"}}, 404), (B_PARENT, {"json": {"run_id": "1"}}, 404)],
    ("GET", "/datasets/{dataset_id}/baseline/"): [({}, {}, 404)],
    ("PUT", "/datasets/{dataset_id}/baseline/"): [
        ({}, {"json": {"experiment_id": "A_DONE"}}, 404),
        (B_PARENT, {"json": {"experiment_id": "A_DONE"}}, 422)],
    ("GET", "/runs/"): [({}, {}, EMPTY), ({}, {"params": {"agent_name": "a-agent"}}, EMPTY)],
    ("GET", "/runs/{run_id}/"): [({}, {}, 404)],
    # A prompt name is per organization: B's create makes B's own version 1 of the name.
    ("POST", "/prompts/"): [({}, {"json": {"name": "a-prompt", "template": "B"}}, 201)],
    ("GET", "/prompts/"): [({}, {"params": {"search": "a-"}}, EMPTY)],
    ("GET", "/prompts/{name}/"): [({}, {}, 404), ({}, {"params": {"label": "production"}}, 404)],
    ("GET", "/prompts/{name}/versions/"): [({}, {}, 404)],
    ("PUT", "/prompts/{name}/labels/{label}/"): [({}, {"json": {"version": 2}}, 404)],
    ("DELETE", "/prompts/{name}/labels/{label}/"): [({}, {}, 404)],
    ("GET", "/evaluators/"): [({}, {}, EMPTY)],
    ("GET", "/evaluators/{evaluator_id}/"): [({}, {}, 404)],
    ("PUT", "/evaluators/{evaluator_id}/"): [({}, {"json": {"name": "stolen"}}, 404)],
    ("DELETE", "/evaluators/{evaluator_id}/"): [({}, {}, 404)],
    ("POST", "/experiments/compare/"): [({}, {"json": {"experiment_ids": "A_EXPERIMENTS"}}, 404)],
    ("GET", "/experiments/compare/"): [({}, {"params": {"experiment_ids": "A_EXPERIMENTS"}}, 404)],
    ("POST", "/experiments/"): [({}, {"json": {"name": "x", "dataset_id": "A_DATASET",
                                              "config": {"model": "gpt-4o-mini"}}}, 422)],
    ("GET", "/experiments/"): [({}, {}, EMPTY), ({}, {"params": {"dataset_id": "A_DATASET"}}, EMPTY)],
    ("GET", "/experiments/{experiment_id}/"): [({}, {}, 404), (DONE, {}, 404)],
    ("DELETE", "/experiments/{experiment_id}/"): [({}, {}, 404), (DONE, {}, 404)],
    ("POST", "/experiments/{experiment_id}/start/"): [({}, {}, 404)],
    ("POST", "/experiments/{experiment_id}/cancel/"): [({}, {}, 404)],
    ("POST", "/experiments/{experiment_id}/retry-failed/"): [({}, {}, 404), (DONE, {}, 404)],
    ("GET", "/experiments/{experiment_id}/events/"): [({}, {}, 404), (DONE, {}, 404)],
    ("GET", "/experiments/{experiment_id}/results/"): [
        (DONE, {}, 404), (DONE, {"params": {"format": "csv"}}, 404),
        (DONE, {"params": {"format": "jsonl"}}, 404)],
    ("POST", "/experiments/{experiment_id}/results/{result_id}/scores/"): [
        (DONE, {"json": {"name": "x", "data_type": "numeric", "numeric_value": 1}}, 404)],
    ("GET", "/evaluators/{evaluator_id}/versions/"): [({}, {}, 404)],
    ("GET", "/experiments/{experiment_id}/verdict/"): [(DONE, {}, 404)],
    ("POST", "/experiments/{experiment_id}/verdict/"): [(DONE, {"json": {}}, 404)],
    ("POST", "/experiments/{experiment_id}/rescore/"): [
        (DONE, {"json": {"evaluator_ids": ["A_EVALUATOR"]}}, 404)],
    ("POST", "/experiments/compare/pairwise/"): [
        ({}, {"json": {"experiment_ids": "A_EXPERIMENTS", "evaluator_id": "A_EVALUATOR"}}, 404)],
    ("POST", "/datasets/{dataset_id}/compare-prompt-versions/"): [
        ({}, {"json": {"prompt_name": "a-prompt", "version_a": 1, "version_b": 2,
                       "model": "gpt-4o-mini"}}, 404),
        (B_PARENT, {"json": {"prompt_name": "a-prompt", "version_a": 1, "version_b": 2,
                             "model": "gpt-4o-mini"}}, 422)],
}


def api_routes() -> set[tuple[str, str]]:
    spec = create_app(Settings(database_url="sqlite+aiosqlite:///:memory:")).openapi()
    return {
        (method.upper(), path.removeprefix(API))
        for path, operations in spec["paths"].items() if path.startswith(API)
        for method in operations
    }


def test_every_api_route_is_swept() -> None:
    routes = api_routes()
    missing = routes - set(SWEEP) - NO_TENANT_OBJECT
    assert not missing, f"routes the tenant sweep does not try: {sorted(missing)}"
    assert not (set(SWEEP) | NO_TENANT_OBJECT) - routes, "the sweep names routes that are gone"


def _fill(value: object, ids: dict[str, str]) -> object:
    """Placeholders in bodies and query strings: A's dataset id, A's two experiments."""
    if value == "A_DATASET":
        return ids["dataset_id"]
    if value == "A_EVALUATOR":
        return ids["evaluator_id"]
    if isinstance(value, list):
        return [_fill(v, ids) for v in value]
    if value == "A_DONE":
        return ids["done_id"]
    if value == "A_EXPERIMENTS":
        return [ids["done_id"], ids["experiment_id"]]
    if isinstance(value, dict):
        return {k: _fill(v, ids) for k, v in value.items()}
    return value


def _markers(ids: dict[str, str]) -> list[str]:
    """Text that only A's objects contain (run numbers are plain integers: left out)."""
    names = ["a-data", "a-question", "a-agent", "secret", "a-exact", "a-done", "a-pending",
             "A says", "A replies", "member@acme.test"]
    own = {"run_id", "b_dataset_id", "name", "label"}
    return names + [value for key, value in ids.items() if key not in own]


async def _attempt(b: httpx.AsyncClient, method: str, path: str, fill: dict, kwargs: dict,
                   ids: dict[str, str]) -> httpx.Response:
    names = {**{k: k for k in ids}, **fill}
    url = re.sub(r"\{(\w+)\}", lambda m: ids[names[m.group(1)]], path)
    kwargs = {k: _fill(v, ids) for k, v in kwargs.items()}
    if kwargs.get("params", {}).get("experiment_ids"):
        kwargs["params"]["experiment_ids"] = ",".join(kwargs["params"]["experiment_ids"])
    headers = ORIGIN if method != "GET" else {}
    return await b.request(method, f"{API}{url}", headers=headers, **kwargs)


@pytest.fixture(autouse=True)
def _models(fake_llm):
    return fake_llm


async def test_another_organization_reaches_nothing_of_a(
    client: httpx.AsyncClient, other_org: httpx.AsyncClient
) -> None:
    ids = await make_objects(client, other_org)
    before = await snapshot(client, ids)
    markers = _markers(ids)
    # Deletes go last (one that got through would hide what the others did), B's own prompt
    # after them (from then on, B's GET of the name finds B's prompt).
    order = sorted(SWEEP.items(), key=lambda e: (e[0] == ("POST", "/prompts/"), e[0][0] == "DELETE"))
    tried = 0
    for (method, path), attempts in order:
        for fill, kwargs, expected in attempts:
            response = await _attempt(other_org, method, path, fill, kwargs, ids)
            where = f"{method} {path} {fill or ''} {kwargs}: {response.status_code} {response.text}"
            if expected == EMPTY:
                assert response.status_code == 200, where
            else:
                assert response.status_code == expected, where
            # An id the request itself carried may be echoed back ("not found: <id>").
            sent = f"{response.request.url} {_fill(kwargs, ids)}"
            leaked = [m for m in markers if m in response.text and m not in sent]
            assert not leaked, f"{where} mentions A's {leaked}"
            tried += 1
    assert tried == sum(len(attempts) for attempts in SWEEP.values())
    assert await snapshot(client, ids) == before
