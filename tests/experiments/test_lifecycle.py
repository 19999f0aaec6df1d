"""The state machine: start, cancel, delete; the snapshot frozen at start."""

import asyncio
import uuid

from tests.experiments.conftest import (
    API,
    add_dataset,
    create_experiment,
    finish_run,
    runs_of,
    started_experiment,
)


async def test_start_answers_the_seed_shape_and_creates_one_run_per_item(
    app, client, queue
) -> None:
    ds = await add_dataset(app, [{"query": "a"}, {"query": "b"}, {"query": "c"}])
    experiment = await create_experiment(client, ds.id, name="GPT-4o on QA")
    response = await client.post(f"{API}/experiments/{experiment['id']}/start/")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"id", "name", "status", "runs_created", "started_at", "cost_estimate"}
    assert body["id"] == experiment["id"] and body["name"] == "GPT-4o on QA"
    assert body["cost_estimate"] > 0  # gpt-4o-mini is in litellm's price map
    assert body["status"] == "running" and body["runs_created"] == 3
    assert body["started_at"].endswith("Z")
    runs = await runs_of(app, experiment["id"])
    assert [r.dataset_item_id for r in runs] == ds.item_ids
    assert [r.sort_order for r in runs] == [0, 1, 2]
    assert {r.status for r in runs} == {"pending"}
    # one driver job drives every run (the in-process shape: one lane)
    eid = experiment["id"]
    assert queue.jobs == [("experiments.drive", (eid, 0, 1), f"drive:{eid}:0")]


async def test_second_start_is_409(app, client, queue) -> None:
    ds = await add_dataset(app, [{"query": "a"}])
    experiment = await started_experiment(client, ds.id)
    again = await client.post(f"{API}/experiments/{experiment['id']}/start/")
    assert again.status_code == 409
    assert again.json() == {"detail": "Experiment is running; cannot start."}
    assert len(await runs_of(app, experiment["id"])) == 1
    assert len(queue.jobs) == 1


async def test_50_concurrent_starts_give_one_200_and_one_run_per_item(app, client, queue) -> None:
    ds = await add_dataset(app, [{"query": str(i)} for i in range(20)])
    experiment = await create_experiment(client, ds.id)
    url = f"{API}/experiments/{experiment['id']}/start/"
    responses = await asyncio.gather(*(client.post(url) for _ in range(50)))
    codes = sorted(r.status_code for r in responses)
    assert codes == [200] + [409] * 49
    assert {r.json()["detail"] for r in responses if r.status_code == 409} == {
        "Experiment is running; cannot start."
    }
    runs = await runs_of(app, experiment["id"])
    assert sorted(r.dataset_item_id for r in runs) == sorted(ds.item_ids)
    assert len(queue.jobs) == 1


async def test_start_on_empty_dataset_completes_at_once(app, client, queue) -> None:
    ds = await add_dataset(app, [])
    experiment = await create_experiment(client, ds.id)
    body = (await client.post(f"{API}/experiments/{experiment['id']}/start/")).json()
    assert body["status"] == "completed" and body["runs_created"] == 0
    detail = (await client.get(f"{API}/experiments/{experiment['id']}/")).json()
    assert detail["status"] == "completed" and detail["finished_at"] is not None
    assert detail["runs"] == [] and queue.jobs == []


async def test_detail_lists_every_run_with_counts(app, client, queue) -> None:
    ds = await add_dataset(app, [{"query": "a"}, {"query": "b"}])
    experiment = await started_experiment(client, ds.id)
    first, _second = await runs_of(app, experiment["id"])
    await finish_run(
        app,
        first.id,
        status="completed",
        output="hi",
        latency_ms=12,
        tokens_in=5,
        tokens_out=2,
        cost=0.001,
        attempts=1,
    )
    detail = (await client.get(f"{API}/experiments/{experiment['id']}/")).json()
    assert detail["counts"] == {
        "total": 2,
        "pending": 1,
        "running": 0,
        "completed": 1,
        "failed": 0,
        "cancelled": 0,
        "skipped": 0,
    }
    run = detail["runs"][0]
    assert {
        k: run[k]
        for k in (
            "id",
            "dataset_item_id",
            "status",
            "output",
            "error",
            "latency_ms",
            "tokens_in",
            "tokens_out",
            "cost",
            "attempts",
        )
    } == {
        "id": str(first.id),
        "dataset_item_id": str(ds.item_ids[0]),
        "status": "completed",
        "output": "hi",
        "error": "",
        "latency_ms": 12,
        "tokens_in": 5,
        "tokens_out": 2,
        "cost": 0.001,
        "attempts": 1,
    }
    assert detail["runs"][1]["status"] == "pending"
    assert detail["snapshot"]["target"] == "model" and detail["snapshot"]["model"] == "gpt-4o-mini"


async def test_cancel_running_cancels_its_pending_runs(app, client, queue) -> None:
    ds = await add_dataset(app, [{"query": "a"}, {"query": "b"}])
    experiment = await started_experiment(client, ds.id)
    first, _ = await runs_of(app, experiment["id"])
    await finish_run(app, first.id, status="completed", output="x")
    response = await client.post(f"{API}/experiments/{experiment['id']}/cancel/")
    assert response.status_code == 200
    assert response.json()["status"] == "cancelled"
    assert (
        response.json()["counts"]["cancelled"] == 1 and response.json()["counts"]["completed"] == 1
    )
    assert [r.status for r in await runs_of(app, experiment["id"])] == ["completed", "cancelled"]


async def test_cancel_pending_then_start_is_409(app, client, queue) -> None:
    ds = await add_dataset(app, [{"query": "a"}])
    experiment = await create_experiment(client, ds.id)
    assert (await client.post(f"{API}/experiments/{experiment['id']}/cancel/")).status_code == 200
    start = await client.post(f"{API}/experiments/{experiment['id']}/start/")
    assert start.status_code == 409
    assert start.json() == {"detail": "Experiment is cancelled; cannot start."}
    again = await client.post(f"{API}/experiments/{experiment['id']}/cancel/")
    assert again.json() == {"detail": "Experiment is cancelled; cannot cancel."}


async def test_cancel_of_a_finished_experiment_is_409(app, client, queue) -> None:
    ds = await add_dataset(app, [])
    experiment = await started_experiment(client, ds.id)  # empty: completes at once
    response = await client.post(f"{API}/experiments/{experiment['id']}/cancel/")
    assert response.status_code == 409
    assert response.json() == {"detail": "Experiment is completed; cannot cancel."}


async def test_delete_running_is_409_until_cancelled(app, client, queue) -> None:
    ds = await add_dataset(app, [{"query": "a"}])
    experiment = await started_experiment(client, ds.id)
    url = f"{API}/experiments/{experiment['id']}/"
    refused = await client.delete(url)
    assert refused.status_code == 409
    assert refused.json() == {"detail": "Experiment is running; cannot delete. Cancel it first."}
    await client.post(f"{url}cancel/")
    assert (await client.delete(url)).status_code == 204
    assert (await client.get(url)).status_code == 404
    assert await runs_of(app, experiment["id"]) == []


async def test_viewer_cannot_start_cancel_or_delete(app, client, viewer, queue) -> None:
    ds = await add_dataset(app, [{"query": "a"}])
    experiment = await create_experiment(client, ds.id)
    base = f"{API}/experiments/{experiment['id']}"
    assert (await viewer.post(f"{base}/start/")).status_code == 403
    assert (await viewer.post(f"{base}/cancel/")).status_code == 403
    assert (await viewer.delete(f"{base}/")).status_code == 403
    assert (await client.get(f"{base}/")).json()["status"] == "pending"


async def test_later_prompt_and_evaluator_edits_do_not_change_a_started_experiment(
    app, client, queue
) -> None:
    ds = await add_dataset(app, [{"query": "a"}])
    v1 = await client.post(
        f"{API}/prompts/",
        json={
            "name": "support",
            "template": "Answer {{query}}.",
            "config": {"temperature": 0.1},
            "labels": ["production"],
        },
    )
    assert v1.status_code == 201
    evaluator = (
        await client.post(
            f"{API}/evaluators/",
            json={
                "name": "has-hello",
                "kind": "contains",
                "config": {"value": "hello"},
            },
        )
    ).json()
    experiment = await started_experiment(
        client,
        ds.id,
        config={
            "prompt_name": "support",
            "prompt_label": "production",
            "model": "gpt-4o-mini",
            "max_tokens": 50,
        },
        evaluator_ids=[evaluator["id"]],
    )
    before = (await client.get(f"{API}/experiments/{experiment['id']}/")).json()["snapshot"]
    assert before["prompt"] == {
        "prompt_name": "support",
        "version": 1,
        "template": "Answer {{query}}.",
        "messages": None,
        "config": {"temperature": 0.1},
    }
    assert before["params"] == {"temperature": 0.1, "max_tokens": 50}
    assert before["max_concurrency"] == 16
    assert [(e["id"], e["kind"], e["config"]) for e in before["evaluators"]] == [
        (evaluator["id"], "contains", evaluator["config"])
    ]
    await client.post(
        f"{API}/prompts/",
        json={"name": "support", "template": "New {{query}}", "labels": ["production"]},
    )
    edited = await client.put(
        f"{API}/evaluators/{evaluator['id']}/", json={"config": {"value": "bye"}}
    )
    assert edited.status_code == 200, edited.text
    after = (await client.get(f"{API}/experiments/{experiment['id']}/")).json()["snapshot"]
    assert after == before


async def test_start_of_unknown_id_is_404(client, queue) -> None:
    response = await client.post(f"{API}/experiments/{uuid.uuid4()}/start/")
    assert response.status_code == 404


async def test_racing_start_and_cancel_never_leave_pending_runs(app, client, queue) -> None:
    ds = await add_dataset(app, [{"query": str(i)} for i in range(10)])
    for _ in range(5):
        experiment = await create_experiment(client, ds.id)
        base = f"{API}/experiments/{experiment['id']}"
        start, cancel = await asyncio.gather(
            client.post(f"{base}/start/"), client.post(f"{base}/cancel/")
        )
        assert cancel.status_code == 200
        assert start.status_code in (200, 409)
        runs = await runs_of(app, experiment["id"])
        # Either the start won (10 runs, all cancelled after) or the cancel did (no runs).
        assert [r.status for r in runs] == (["cancelled"] * 10 if start.status_code == 200 else [])
        assert (await client.get(f"{base}/")).json()["status"] == "cancelled"


async def test_routes_have_readable_operation_ids(anon) -> None:
    spec = (await anon.get("/openapi.json")).json()
    ids = {op["operationId"] for path in spec["paths"].values() for op in path.values()}
    assert {
        "experiments-create",
        "experiments-list",
        "experiments-get",
        "experiments-delete",
        "experiments-start",
        "experiments-cancel",
        "experiments-results",
        "experiments-add-score",
        "experiments-compare",
        "experiments-compare-get",
        "experiments-compare-prompt-versions",
    } <= ids
    assert spec["paths"]["/api/v1/experiments/{experiment_id}/start/"]["post"]["summary"] == (
        "Start: freeze the config, create one run per item, queue the drivers."
    )


async def test_start_after_the_prompt_label_or_an_evaluator_vanished_is_422_and_stays_pending(
    app, client, queue
) -> None:
    ds = await add_dataset(app, [{"query": "a"}])
    await client.post(
        f"{API}/prompts/", json={"name": "p", "template": "{{query}}", "labels": ["staging"]}
    )
    evaluator = (
        await client.post(f"{API}/evaluators/", json={"name": "em", "kind": "exact_match"})
    ).json()
    by_label = await create_experiment(
        client, ds.id, config={"prompt_name": "p", "prompt_label": "staging", "model": "m"}
    )
    by_evaluator = await create_experiment(client, ds.id, evaluator_ids=[evaluator["id"]])
    assert (await client.delete(f"{API}/prompts/p/labels/staging/")).status_code == 204
    assert (await client.delete(f"{API}/evaluators/{evaluator['id']}/")).status_code == 204
    for experiment, loc in (
        (by_label, ["body", "config", "prompt_label"]),
        (by_evaluator, ["body", "evaluator_ids"]),
    ):
        response = await client.post(f"{API}/experiments/{experiment['id']}/start/")
        assert response.status_code == 422
        assert response.json()["detail"][0]["loc"] == loc
        detail = (await client.get(f"{API}/experiments/{experiment['id']}/")).json()
        assert detail["status"] == "pending" and detail["runs"] == []
    assert queue.jobs == []
