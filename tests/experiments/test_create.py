"""Creating, listing, reading and validating experiments."""

import uuid

from app.models import Experiment
from tests.experiments.conftest import API, add_dataset, create_experiment, error_locs


async def _prompt(client, name: str = "support", **body) -> dict:
    payload = {"name": name, "template": "You answer {{query}} politely.", **body}
    response = await client.post(f"{API}/prompts/", json=payload)
    assert response.status_code == 201, response.text
    return response.json()


async def test_create_returns_201_pending(app, client) -> None:
    ds = await add_dataset(app, [{"query": "a"}])
    body = {
        "name": "GPT-4o-mini on QA",
        "dataset_id": str(ds.id),
        "config": {"model": "gpt-4o-mini", "temperature": 0.3},
        "metadata": {"hypothesis": "mini is enough"},
    }
    response = await client.post(f"{API}/experiments/", json=body)
    assert response.status_code == 201
    got = response.json()
    assert got["name"] == "GPT-4o-mini on QA"
    assert got["dataset_id"] == str(ds.id)
    assert got["status"] == "pending"
    assert got["config"] == {"model": "gpt-4o-mini", "temperature": 0.3}
    assert got["metadata"] == {"hypothesis": "mini is enough"}
    assert got["evaluator_ids"] == [] and got["started_at"] is None
    assert got["created_at"].endswith("Z")
    assert got["counts"] == {
        "total": 0,
        "pending": 0,
        "running": 0,
        "completed": 0,
        "failed": 0,
        "cancelled": 0,
        "skipped": 0,
    }


async def test_unknown_or_foreign_dataset_is_422_naming_dataset_id(app, client, other_org) -> None:
    foreign = await add_dataset(app, [{"query": "a"}], org="globex")
    for dataset_id in (uuid.uuid4(), foreign.id):
        response = await client.post(
            f"{API}/experiments/",
            json={"name": "x", "dataset_id": str(dataset_id), "config": {"model": "m"}},
        )
        assert response.status_code == 422
        assert error_locs(response) == {("body", "dataset_id")}


async def test_unknown_prompt_label_and_version_are_422_naming_the_field(app, client) -> None:
    ds = await add_dataset(app, [{"query": "a"}])
    await _prompt(client, labels=["production"])
    cases = [
        ({"prompt_name": "nope", "model": "m"}, "prompt_name"),
        ({"prompt_name": "support", "prompt_label": "staging", "model": "m"}, "prompt_label"),
        ({"prompt_name": "support", "prompt_version": 7, "model": "m"}, "prompt_version"),
        ({"prompt_label": "production", "model": "m"}, "prompt_name"),
        (
            {
                "prompt_name": "support",
                "prompt_label": "production",
                "prompt_version": 1,
                "model": "m",
            },
            "prompt_version",
        ),
    ]
    for config, field in cases:
        response = await client.post(
            f"{API}/experiments/", json={"name": "x", "dataset_id": str(ds.id), "config": config}
        )
        assert response.status_code == 422, config
        assert error_locs(response) == {("body", "config", field)}, config
    ok = await client.post(
        f"{API}/experiments/",
        json={
            "name": "x",
            "dataset_id": str(ds.id),
            "config": {"prompt_name": "support", "prompt_label": "production", "model": "m"},
        },
    )
    assert ok.status_code == 201


async def test_unknown_evaluator_is_422_naming_evaluator_ids(app, client, other_org) -> None:
    ds = await add_dataset(app, [{"query": "a"}])
    foreign = await other_org.post(f"{API}/evaluators/", json={"name": "em", "kind": "exact_match"})
    assert foreign.status_code == 201
    for evaluator_id in (str(uuid.uuid4()), foreign.json()["id"]):
        response = await client.post(
            f"{API}/experiments/",
            json={
                "name": "x",
                "dataset_id": str(ds.id),
                "config": {"model": "m"},
                "evaluator_ids": [evaluator_id],
            },
        )
        assert response.status_code == 422
        assert error_locs(response) == {("body", "evaluator_ids")}
        assert evaluator_id in response.json()["detail"][0]["msg"]


async def test_model_is_required_unless_the_prompt_version_has_one(app, client) -> None:
    ds = await add_dataset(app, [{"query": "a"}])
    response = await client.post(
        f"{API}/experiments/", json={"name": "x", "dataset_id": str(ds.id)}
    )
    assert response.status_code == 422
    assert error_locs(response) == {("body", "config", "model")}
    await _prompt(client, config={"model": "gpt-4o-mini"})
    ok = await client.post(
        f"{API}/experiments/",
        json={"name": "x", "dataset_id": str(ds.id), "config": {"prompt_name": "support"}},
    )
    assert ok.status_code == 201


async def test_agent_target_needs_an_http_url(app, client) -> None:
    ds = await add_dataset(app, [{"query": "a"}])
    bad = await client.post(
        f"{API}/experiments/",
        json={
            "name": "x",
            "dataset_id": str(ds.id),
            "config": {"agent": {"url": "file:///etc/passwd"}},
        },
    )
    assert bad.status_code == 422
    assert error_locs(bad) == {("body", "config", "agent", "url")}
    ok = await create_experiment(
        client,
        ds.id,
        config={
            "agent": {
                "url": "https://agent.example/run",
                "headers": {"Authorization": "Bearer s3cret"},
                "timeout_s": 5,
            },
        },
    )
    # Header values are credentials: stored for the engine, never shown back.
    assert ok["config"]["agent"] == {
        "url": "https://agent.example/run",
        "headers": {"Authorization": "***"},
        "timeout_s": 5.0,
    }
    async with app.state.sessionmaker() as db:
        stored = await db.get(Experiment, uuid.UUID(ok["id"]))
    assert stored.config["agent"]["headers"] == {"Authorization": "Bearer s3cret"}
    assert "s3cret" not in (await client.get(f"{API}/experiments/{ok['id']}/")).text


async def test_max_concurrency_must_be_1_to_256(app, client) -> None:
    ds = await add_dataset(app, [{"query": "a"}])
    for value in (0, 257):
        response = await client.post(
            f"{API}/experiments/",
            json={
                "name": "x",
                "dataset_id": str(ds.id),
                "config": {"model": "m", "max_concurrency": value},
            },
        )
        assert response.status_code == 422
        assert error_locs(response) == {("body", "config", "max_concurrency")}
    await create_experiment(client, ds.id, config={"model": "m", "max_concurrency": 256})


async def test_unknown_config_key_is_422(app, client) -> None:
    ds = await add_dataset(app, [{"query": "a"}])
    response = await client.post(
        f"{API}/experiments/",
        json={
            "name": "x",
            "dataset_id": str(ds.id),
            "config": {"model": "m", "prompt_labl": "production"},
        },
    )
    assert response.status_code == 422
    assert error_locs(response) == {("body", "config", "prompt_labl")}


async def test_missing_prompt_variable_names_the_variable_and_the_item(app, client) -> None:
    ds = await add_dataset(app, [{"query": "a"}, {"question": "b"}, {"query": "c"}])
    await _prompt(client)
    response = await client.post(
        f"{API}/experiments/",
        json={
            "name": "x",
            "dataset_id": str(ds.id),
            "config": {"prompt_name": "support", "model": "m"},
        },
    )
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"] == ["body", "config", "prompt_name"]
    assert "query" in error["msg"] and str(ds.item_ids[1]) in error["msg"]
    assert error["ctx"] == {"variables": ["query"], "dataset_item_id": str(ds.item_ids[1])}


async def test_missing_rubric_variable_is_422_naming_it(app, client) -> None:
    ds = await add_dataset(app, ["q1", "q2"], rubric_vars=[{"reference": "r"}, None])
    judge = await client.post(
        f"{API}/evaluators/",
        json={
            "name": "helpfulness",
            "kind": "llm_judge",
            "config": {"model": "gpt-4o-mini", "rubric": "Compare {output} with {reference}."},
        },
    )
    assert judge.status_code == 201, judge.text
    response = await client.post(
        f"{API}/experiments/",
        json={
            "name": "x",
            "dataset_id": str(ds.id),
            "config": {"model": "m"},
            "evaluator_ids": [judge.json()["id"]],
        },
    )
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"] == ["body", "evaluator_ids", 0]
    assert "reference" in error["msg"] and str(ds.item_ids[1]) in error["msg"]


async def test_viewer_cannot_create_but_can_read(app, client, viewer) -> None:
    ds = await add_dataset(app, [{"query": "a"}])
    refused = await viewer.post(f"{API}/experiments/", json={"name": "x", "dataset_id": str(ds.id)})
    assert refused.status_code == 403
    experiment = await create_experiment(client, ds.id)
    assert (await viewer.get(f"{API}/experiments/{experiment['id']}/")).status_code == 200


async def test_list_filters_sorts_and_paginates(app, client, other_org) -> None:
    first = await add_dataset(app, [{"query": "a"}], name="one")
    second = await add_dataset(app, [{"query": "a"}], name="two")
    for name, ds in (("beta", first), ("alpha", first), ("gamma", second)):
        await create_experiment(client, ds.id, name=name)
    listed = (await client.get(f"{API}/experiments/?sort=name")).json()
    assert [e["name"] for e in listed["results"]] == ["alpha", "beta", "gamma"]
    assert listed["count"] == 3 and listed["next"] is None
    filtered = (await client.get(f"{API}/experiments/?dataset_id={first.id}&sort=-name")).json()
    assert [e["name"] for e in filtered["results"]] == ["beta", "alpha"]
    paged = (await client.get(f"{API}/experiments/?sort=name&page=2&page_size=2")).json()
    assert [e["name"] for e in paged["results"]] == ["gamma"] and paged["previous"] is not None
    assert (await client.get(f"{API}/experiments/?status=running")).json()["count"] == 0
    assert (await client.get(f"{API}/experiments/?search=AMM")).json()["results"][0][
        "name"
    ] == "gamma"
    assert (await other_org.get(f"{API}/experiments/")).json()["count"] == 0
    bad = await client.get(f"{API}/experiments/?sort=cost")
    assert bad.status_code == 422 and error_locs(bad) == {("query", "sort")}
    assert (await client.get(f"{API}/experiments/?status=done")).status_code == 422


async def test_foreign_experiment_is_404(app, client, other_org) -> None:
    ds = await add_dataset(app, [{"query": "a"}])
    experiment = await create_experiment(client, ds.id)
    base = f"{API}/experiments/{experiment['id']}"
    assert (await other_org.get(f"{base}/")).status_code == 404
    assert (await other_org.post(f"{base}/start/")).status_code == 404
    assert (await other_org.post(f"{base}/cancel/")).status_code == 404
    assert (await other_org.delete(f"{base}/")).status_code == 404
    assert (await other_org.get(f"{base}/results/")).status_code == 404
    assert (await client.get(f"{API}/experiments/{uuid.uuid4()}/")).status_code == 404
