"""Tenant isolation over the web UI: organization B, logged in with the UI's session cookie,
tries every /ui/ page and form POST that names an object (dataset, item, experiment,
compare, prompt, evaluator) with organization A's ids. Every attempt is a 404 page (or a
422 form page when A's id sits in the form's body), no answer mentions A's objects, and
afterwards everything A can read through the API is exactly as before. A page the sweep
does not know fails `test_every_ui_page_is_swept`."""

import httpx
import pytest
from fastapi.routing import APIRoute

from app import ui
from tests.security.tenant_objects import make_objects, snapshot
from tests.security.test_tenant_sweep import _markers
from tests.ui.conftest import csrf

EMPTY = "a page without A's objects"
# Pages that name no object: B's own lists and forms that create in B's organization.
NO_TENANT_OBJECT = {("GET", "/ui/login/"), ("POST", "/ui/login/"), ("POST", "/ui/logout/"),
                    ("POST", "/ui/datasets/"), ("POST", "/ui/evaluators/")}
LISTS = {("GET", "/ui/datasets/"), ("GET", "/ui/evaluators/"), ("GET", "/ui/prompts/")}
A_PAIR = "{done_id},{experiment_id}"
# (method, path) -> attempts: (URL with {placeholders} of A's ids, form fields, expected).
SWEEP: dict[tuple[str, str], list[tuple[str, dict, int | str]]] = {
    **{key: [(key[1], {}, EMPTY)] for key in LISTS},
    ("GET", "/ui/datasets/{dataset_id}/"): [("/ui/datasets/{dataset_id}/", {}, 404)],
    ("POST", "/ui/datasets/{dataset_id}/items/"): [
        ("/ui/datasets/{dataset_id}/items/", {"input": "stolen"}, 404)],
    ("GET", "/ui/datasets/{dataset_id}/items/{item_id}/"): [
        ("/ui/datasets/{dataset_id}/items/{item_id}/", {}, 404),
        ("/ui/datasets/{b_dataset_id}/items/{item_id}/", {}, 404)],
    ("POST", "/ui/datasets/{dataset_id}/items/{item_id}/"): [
        ("/ui/datasets/{dataset_id}/items/{item_id}/", {"input": "stolen"}, 404),
        ("/ui/datasets/{b_dataset_id}/items/{item_id}/", {"input": "stolen"}, 404)],
    ("POST", "/ui/datasets/{dataset_id}/items/{item_id}/delete/"): [
        ("/ui/datasets/{dataset_id}/items/{item_id}/delete/", {}, 404),
        ("/ui/datasets/{b_dataset_id}/items/{item_id}/delete/", {}, 404)],
    ("POST", "/ui/datasets/{dataset_id}/import/"): [("/ui/datasets/{dataset_id}/import/", {"file": True}, 404)],
    ("POST", "/ui/datasets/{dataset_id}/experiments/"): [
        ("/ui/datasets/{dataset_id}/experiments/", {"name": "x", "model": "gpt-4o-mini"}, 404),
        # B's own dataset with A's evaluator: a 422 form page, nothing started.
        ("/ui/datasets/{b_dataset_id}/experiments/",
         {"name": "x", "model": "gpt-4o-mini", "evaluator_ids": "{evaluator_id}"}, 422)],
    ("POST", "/ui/datasets/{dataset_id}/compare-versions/"): [
        ("/ui/datasets/{dataset_id}/compare-versions/",
         {"prompt_name": "a-prompt", "version_a": "1", "version_b": "2"}, 404),
        # B's own dataset with A's prompt: the form page says no such prompt, nothing started.
        ("/ui/datasets/{b_dataset_id}/compare-versions/",
         {"prompt_name": "a-prompt", "version_a": "1", "version_b": "2"}, 422)],
    ("GET", "/ui/experiments/{experiment_id}/"): [
        ("/ui/experiments/{done_id}/", {}, 404), ("/ui/experiments/{experiment_id}/", {}, 404)],
    ("GET", "/ui/experiments/{experiment_id}/progress/"): [("/ui/experiments/{done_id}/progress/", {}, 404)],
    ("POST", "/ui/experiments/{experiment_id}/retry-failed/"): [
        ("/ui/experiments/{done_id}/retry-failed/", {}, 404)],
    ("POST", "/ui/experiments/{experiment_id}/cancel/"): [("/ui/experiments/{experiment_id}/cancel/", {}, 404)],
    ("GET", "/ui/compare/"): [(f"/ui/compare/?experiment_ids={A_PAIR}", {}, 404)],
    ("GET", "/ui/wait/"): [(f"/ui/wait/?experiment_ids={A_PAIR}", {}, 404)],
    ("GET", "/ui/prompts/{name}/"): [("/ui/prompts/a-prompt/", {}, 404)],
    ("POST", "/ui/prompts/{name}/promote/"): [("/ui/prompts/a-prompt/promote/", {"version": "2", "label": "production"}, 404)],
}


def ui_routes() -> set[tuple[str, str]]:
    """Every page and form of the UI's routers, as app.ui.mount includes them (under /ui)."""
    return {(method, f"/ui{route.path}") for router in ui._routers() for route in router.routes
            if isinstance(route, APIRoute) for method in route.methods if method != "HEAD"}


def test_every_ui_page_is_swept() -> None:
    routes = ui_routes()
    assert len(routes) > 20
    missing = routes - set(SWEEP) - NO_TENANT_OBJECT
    assert not missing, f"UI pages the tenant sweep does not try: {sorted(missing)}"
    assert not (set(SWEEP) | NO_TENANT_OBJECT) - routes, "the sweep names pages that are gone"


@pytest.fixture(autouse=True)
def _models(fake_llm):
    return fake_llm


async def test_another_organization_reaches_nothing_of_a_through_the_ui(
    client: httpx.AsyncClient, other_org: httpx.AsyncClient
) -> None:
    ids = await make_objects(client, other_org)
    before = await snapshot(client, ids)
    markers = _markers(ids)
    token = await csrf(other_org)
    tried = 0
    # Deletes last: one that got through would hide what the others did.
    for (method, _), attempts in sorted(SWEEP.items(), key=lambda e: e[0][1].endswith("/delete/")):
        for url, form, expected in attempts:
            url = url.format(**ids)
            fields = {k: v.format(**ids) for k, v in form.items() if k != "file"}
            if method == "GET":
                response = await other_org.get(url)
            else:
                files = {"file": ("a.jsonl", b'{"input": "stolen"}\n')} if "file" in form else None
                response = await other_org.post(url, data={"csrf_token": token, **fields}, files=files,
                                                headers={"Origin": "http://testserver"})
            where = f"{method} {url} {form}: {response.status_code}"
            assert response.status_code == (200 if expected == EMPTY else expected), where
            # An id the request itself carried may be echoed back ("not found: <id>").
            leaked = [m for m in markers if m in response.text and m not in f"{url} {fields}"]
            assert not leaked, f"{where} mentions A's {leaked}"
            tried += 1
    assert tried == sum(len(attempts) for attempts in SWEEP.values())
    assert await snapshot(client, ids) == before
    assert (await other_org.get("/api/v1/experiments/")).json()["count"] == 0  # B started nothing
