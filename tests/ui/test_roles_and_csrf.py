"""Viewers see no write buttons and cannot post; forms need the session's CSRF token; another
organization's objects are a 404 page."""

import re

import httpx

from tests.ui.conftest import csrf, make_dataset

WRITE_FORMS = ("new-dataset", "new-experiment", "compare-versions", "add-item", "import", "promote", "new-evaluator")


def _forms(html: str) -> list[str]:
    """The ids of the page's forms, and every form action but logout."""
    ids = re.findall(r'<form[^>]*id="([^"]+)"', html)
    actions = [a for a in re.findall(r'<form method="post" action="([^"]+)"', html) if a != "/ui/logout/"]
    return ids + actions


async def _pages(client: httpx.AsyncClient) -> dict[str, str]:
    dataset_id = await make_dataset(client, "QA", [{"input": "hi", "expected_output": "hello"}])
    await client.post("/api/v1/prompts/", json={"name": "p", "template": "a"})
    await client.post("/api/v1/prompts/", json={"name": "p", "template": "b"})
    return {
        "datasets": "/ui/datasets/", "dataset": f"/ui/datasets/{dataset_id}/",
        "prompt": "/ui/prompts/p/", "evaluators": "/ui/evaluators/",
    }


async def test_viewer_sees_no_write_forms(client: httpx.AsyncClient, viewer: httpx.AsyncClient) -> None:
    pages = await _pages(client)
    for path in pages.values():
        admin_page, viewer_page = await client.get(path), await viewer.get(path)
        assert viewer_page.status_code == 200
        assert _forms(viewer_page.text) == [], path
        assert "Log out" in viewer_page.text and "(viewer)" in viewer_page.text
        assert any(f in _forms(admin_page.text) for f in WRITE_FORMS), path
    dataset_page = await viewer.get(pages["dataset"])
    assert "New Experiment" not in dataset_page.text and "Compare Versions" not in dataset_page.text


async def test_viewer_form_post_is_403(client: httpx.AsyncClient, viewer: httpx.AsyncClient) -> None:
    token = await csrf(viewer)
    done = await viewer.post("/ui/datasets/", data={"csrf_token": token, "name": "sneaky"})
    assert done.status_code == 403
    assert "Viewers have read-only access." in done.text
    listing = (await client.get("/api/v1/datasets/")).json()
    assert listing["count"] == 0


async def test_form_post_needs_the_session_token(client: httpx.AsyncClient) -> None:
    missing = await client.post("/ui/datasets/", data={"name": "a"})
    wrong = await client.post("/ui/datasets/", data={"name": "a", "csrf_token": "guess"})
    assert (missing.status_code, wrong.status_code) == (403, 403)
    assert "CSRF token missing or wrong" in wrong.text
    token = await csrf(client)
    foreign = await client.post(
        "/ui/datasets/", data={"name": "a", "csrf_token": token}, headers={"Origin": "http://evil.test"}
    )
    assert foreign.status_code == 403
    assert (await client.get("/api/v1/datasets/")).json()["count"] == 0
    done = await client.post("/ui/datasets/", data={"name": "a", "csrf_token": token})
    assert done.status_code == 303
    assert (await client.get("/api/v1/datasets/")).json()["results"][0]["name"] == "a"


async def test_another_organizations_dataset_is_a_404_page(
    client: httpx.AsyncClient, other_org: httpx.AsyncClient
) -> None:
    dataset_id = await make_dataset(client, "secret", [{"input": "classified"}])
    page = await other_org.get(f"/ui/datasets/{dataset_id}/")
    assert page.status_code == 404
    assert "Dataset not found." in page.text and "classified" not in page.text
    token = await csrf(other_org)
    added = await other_org.post(
        f"/ui/datasets/{dataset_id}/items/", data={"csrf_token": token, "input": "x"}
    )
    assert added.status_code == 404
    assert (await client.get(f"/api/v1/datasets/{dataset_id}/")).json()["item_count"] == 1
