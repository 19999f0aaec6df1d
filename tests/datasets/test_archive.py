"""Archive instead of delete (issue 11.7), run by the real engine against the fake model server:
an item that experiments ran leaves future runs and stays in old results and comparisons;
experiments record the dataset version they ran on and compare warns when versions differ."""

import re
import uuid

from sqlalchemy import func, select

from app.models import DatasetItem, DatasetItemRevision, DatasetVersion
from bench.fakellm import FakeLLM
from tests.conftest import wait_for_experiment

API = "/api/v1"
ITEMS = [("q-keep", "a-keep"), ("q-gone", "a-gone"), ("q-also", "a-also")]


def sent_inputs(fake: FakeLLM) -> list[str]:
    """The item inputs the model received (the echo target sends the input as the user turn)."""
    found = []
    for request in fake.requests:
        text = " ".join(str(m.get("content")) for m in request["messages"])
        found += [q for q, _a in ITEMS if q in text]
    return sorted(found)


async def seeded(client) -> tuple[str, list[dict]]:
    ds = (await client.post(f"{API}/datasets/", json={"name": "Archive QA"})).json()["id"]
    items = [{"input": q, "expected_output": a} for q, a in ITEMS]
    imported = await client.post(f"{API}/datasets/{ds}/import/", json={"items": items})
    assert imported.status_code == 201, imported.text
    listed = (await client.get(f"{API}/datasets/{ds}/items/")).json()["results"]
    return ds, listed


async def run(client, ds: str, name: str, runs: int) -> dict:
    created = await client.post(f"{API}/experiments/", json={
        "name": name, "dataset_id": ds, "config": {"model": "gpt-4o-mini"},
    })
    assert created.status_code == 201, created.text
    started = await client.post(f"{API}/experiments/{created.json()['id']}/start/")
    assert started.status_code == 200, started.text
    assert started.json()["runs_created"] == runs
    return await wait_for_experiment(client, created.json()["id"], timeout=60)


async def test_archived_item_leaves_future_runs_and_stays_in_old_results(client, fake_llm) -> None:
    ds, items = await seeded(client)
    gone = items[1]
    a = await run(client, ds, "before", 3)
    assert a["status"] == "completed" and a["dataset_version"] == 1
    assert sent_inputs(fake_llm) == ["q-also", "q-gone", "q-keep"]

    assert (await client.delete(f"{API}/datasets/{ds}/items/{gone['id']}/")).status_code == 204
    fake_llm.reset_stats()
    b = await run(client, ds, "after", 2)
    assert b["status"] == "completed" and b["dataset_version"] == 2
    assert sent_inputs(fake_llm) == ["q-also", "q-keep"]  # the archived item left future runs

    # The old experiment's results still show the archived item's input and expected output.
    results = (await client.get(f"{API}/experiments/{a['id']}/results/")).json()["results"]
    row = next(r for r in results if r["dataset_item_id"] == gone["id"])
    assert (row["item_input"], row["item_expected_output"], row["output"]) == (
        "q-gone", "a-gone", "q-gone")
    assert len(results) == 3
    archived = (await client.get(f"{API}/datasets/{ds}/items/", params={"archived": "true"})).json()
    assert [i["id"] for i in archived["results"]] == [gone["id"]]
    assert archived["results"][0]["version_removed"] == 2

    # Compare: the archived item's row is there, and the version difference is a warning.
    body = (await client.get(f"{API}/experiments/compare/",
                             params={"experiment_ids": f"{a['id']},{b['id']}"})).json()
    row = next(c for c in body["comparisons"] if c["dataset_item"]["id"] == gone["id"])
    assert (row["dataset_item"]["input"], row["dataset_item"]["expected_output"]) == (
        "q-gone", "a-gone")
    assert row["results"][b["id"]] is None and row["results"][a["id"]]["output"] == "q-gone"
    assert body["dataset_versions"] == {
        a["id"]: {"dataset_id": ds, "version": 1, "items_added": 0, "items_removed": 0},
        b["id"]: {"dataset_id": ds, "version": 2, "items_added": 0, "items_removed": 1},
    }
    assert len(body["warnings"]) == 1
    assert "version 2" in body["warnings"][0] and "1 removed" in body["warnings"][0]
    page = await client.get("/ui/compare/", params={"experiment_ids": f"{a['id']},{b['id']}"})
    assert page.status_code == 200
    shown = page.text.split('id="compare-warnings"')[1].split("</div>")[0]
    assert "version 2" in shown and "1 removed" in shown


async def test_same_version_compares_without_warning_and_counts_additions(client, fake_llm) -> None:
    ds, _items = await seeded(client)
    a = await run(client, ds, "a", 3)
    b = await run(client, ds, "b", 3)
    same = (await client.post(f"{API}/experiments/compare/",
                              json={"experiment_ids": [a["id"], b["id"]]})).json()
    assert same["warnings"] == []
    assert {v["version"] for v in same["dataset_versions"].values()} == {1}
    await client.post(f"{API}/datasets/{ds}/items/", json={"input": "q-new"})
    await client.post(f"{API}/datasets/{ds}/items/", json={"input": "q-new2"})
    c = await run(client, ds, "c", 5)
    body = (await client.post(f"{API}/experiments/compare/",
                              json={"experiment_ids": [c["id"], a["id"]]})).json()
    # Against the baseline c (version 3), a (version 1) lacks the two items added since.
    assert body["dataset_versions"][a["id"]] == {
        "dataset_id": ds, "version": 1, "items_added": 0, "items_removed": 2}
    assert len(body["warnings"]) == 1


async def test_a_removed_item_is_not_checked_at_start(client, fake_llm) -> None:
    """Create and start check every item can fill the prompt; an archived one is not asked."""
    ds = (await client.post(f"{API}/datasets/", json={"name": "Prompt QA"})).json()["id"]
    ok = await client.post(f"{API}/datasets/{ds}/items/", json={"input": {"query": "q-keep"}})
    bad = await client.post(f"{API}/datasets/{ds}/items/", json={"input": {"other": "x"}})
    prompt = await client.post(f"{API}/prompts/", json={
        "name": "p", "template": "Answer: {{query}}", "labels": ["production"]})
    assert prompt.status_code == 201, prompt.text
    body = {"name": "e", "dataset_id": ds,
            "config": {"model": "gpt-4o-mini", "prompt_name": "p", "prompt_label": "production"}}
    refused = await client.post(f"{API}/experiments/", json=body)
    assert refused.status_code == 422 and bad.json()["id"] in refused.text
    await client.delete(f"{API}/datasets/{ds}/items/{bad.json()['id']}/")
    second = (await client.post(f"{API}/experiments/", json={**body, "name": "e2"})).json()
    started = await client.post(f"{API}/experiments/{second['id']}/start/")
    assert started.status_code == 200 and started.json()["runs_created"] == 1
    done = await wait_for_experiment(client, second["id"], timeout=60)
    assert done["status"] == "completed" and done["dataset_version"] == 3
    assert ok.status_code == 201


async def test_deleting_the_dataset_still_deletes_everything(app, client, fake_llm) -> None:
    ds, items = await seeded(client)
    experiment = await run(client, ds, "ran", 3)
    await client.delete(f"{API}/datasets/{ds}/items/{items[0]['id']}/")
    await client.put(f"{API}/datasets/{ds}/items/{items[1]['id']}/", json={"input": "q-edit"})
    assert (await client.delete(f"{API}/datasets/{ds}/")).status_code == 204
    assert (await client.get(f"{API}/datasets/{ds}/")).status_code == 404
    assert (await client.get(f"{API}/datasets/{ds}/versions/")).status_code == 404
    assert (await client.get(f"{API}/datasets/{ds}/items/{items[0]['id']}/")).status_code == 404
    assert (await client.get(f"{API}/experiments/{experiment['id']}/")).status_code == 404
    async with app.state.sessionmaker() as db:
        for table in (DatasetItem, DatasetItemRevision, DatasetVersion):
            left = await db.scalar(select(func.count()).select_from(table)
                                   .where(table.dataset_id == uuid.UUID(ds)))
            assert left == 0, table.__tablename__


async def test_dataset_page_shows_the_version_and_the_archived_items(client) -> None:
    ds, items = await seeded(client)
    gone = items[1]
    await client.delete(f"{API}/datasets/{ds}/items/{gone['id']}/")
    page = await client.get(f"/ui/datasets/{ds}/")
    assert page.status_code == 200
    assert re.search(r'id="dataset-version"[^>]*>version 2<', page.text)
    assert "q-keep" in page.text and "q-gone" not in page.text
    archived = await client.get(f"/ui/datasets/{ds}/", params={"archived": "true"})
    assert archived.status_code == 200
    assert "Archived items (1)" in archived.text and "removed in version 2" in archived.text
    assert "q-gone" in archived.text and "q-keep" not in archived.text
    item = await client.get(f"/ui/datasets/{ds}/items/{gone['id']}/")
    assert 'id="archived-state"' in item.text and "<form" not in item.text.split("</h1>")[1]
