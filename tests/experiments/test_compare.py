"""Comparing experiments item by item, and linked prompt-version experiments."""

import uuid

from tests.experiments.conftest import (
    API,
    add_dataset,
    create_experiment,
    error_locs,
    finish_run,
    runs_of,
    started_experiment,
)


async def _pair(app, client) -> tuple[dict, dict, object]:
    """Two experiments on three items; B improves item 0, regresses item 1, ties item 2."""
    ds = await add_dataset(
        app,
        [{"query": "q0"}, {"query": "q1"}, {"query": "q2"}],
        expected=[{"answer": "a0"}, None, None],
    )
    a = await started_experiment(
        client, ds.id, name="A", config={"model": "gpt-4o", "temperature": 0.3}
    )
    b = await started_experiment(
        client, ds.id, name="B", config={"model": "gpt-4o-mini", "temperature": 0.3}
    )
    for experiment, values in ((a, (0.5, 0.9, 0.7)), (b, (0.8, 0.4, 0.7))):
        for run, value in zip(await runs_of(app, experiment["id"]), values, strict=True):
            await finish_run(
                app,
                run.id,
                status="completed",
                output=f"out-{value}",
                latency_ms=100,
                cost=0.001,
                scores=[{"name": "helpfulness", "numeric_value": value}],
            )
    return a, b, ds


async def test_compare_aligns_results_by_dataset_item(app, client, queue) -> None:
    a, b, ds = await _pair(app, client)
    response = await client.post(
        f"{API}/experiments/compare/", json={"experiment_ids": [a["id"], b["id"]]}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["experiments"] == {
        a["id"]: {
            "name": "A",
            "config": {"model": "gpt-4o", "temperature": 0.3},
            "status": "running",
        },
        b["id"]: {
            "name": "B",
            "config": {"model": "gpt-4o-mini", "temperature": 0.3},
            "status": "running",
        },
    }
    assert [c["dataset_item"]["id"] for c in body["comparisons"]] == [str(i) for i in ds.item_ids]
    first = body["comparisons"][0]
    assert first["dataset_item"] == {
        "id": str(ds.item_ids[0]),
        "input": {"query": "q0"},
        "expected_output": {"answer": "a0"},
    }
    run_a = (await runs_of(app, a["id"]))[0]
    assert first["results"][a["id"]] == {
        "run_id": str(run_a.id),
        "status": "completed",
        "output": "out-0.5",
        "latency_ms": 100,
        "cost": 0.001,
        "tool_calls": None,
        "scores": [
            {
                "name": "helpfulness",
                "data_type": "numeric",
                "numeric_value": 0.5,
                "string_value": None,
                "source": "evaluator",
                "reason": "",
                "status": "ok",
                "evaluator_version": None,
            }
        ],
    }
    assert first["results"][b["id"]]["output"] == "out-0.8"


async def test_compare_summary_against_the_baseline(app, client, queue) -> None:
    a, b, _ = await _pair(app, client)
    body = (
        await client.post(
            f"{API}/experiments/compare/", json={"experiment_ids": [a["id"], b["id"]]}
        )
    ).json()
    summary = body["summary"]
    assert summary["baseline_id"] == a["id"] and summary["score_names"] == ["helpfulness"]
    assert (summary["alpha"], summary["warnings"]) == (0.05, [])
    assert summary["bootstrap"] == {"resamples": 2000, "seed": 20261201, "confidence": 0.95}
    counts = {"n_scored": 3, "n_errored": 0, "n_target_error": 0, "n_skipped": 0,
              "n_missing": 0, "n_not_run": 0, "n_runs": 3, "coverage": 1.0}
    mine = summary["experiments"][b["id"]]
    assert summary["experiments"][a["id"]]["scores"] == {
        "helpfulness": {"mean": 0.7, "n": 3, "n_items": 3, **counts}
    }
    assert summary["experiments"][a["id"]]["vs_baseline"] is None
    assert mine["scores"] == {"helpfulness": {"mean": 0.633333, "n": 3, "n_items": 3, **counts}}
    versus = mine["vs_baseline"]["helpfulness"]
    ci = versus.pop("ci_low"), versus.pop("ci_high")
    assert versus == {
        "delta": -0.066667,
        "n_paired": 3,
        "baseline_mean": 0.7,
        "mean": 0.633333,
        "mean_difference": -0.066667,
        "improvements": 1,
        "regressions": 1,
        "unchanged": 1,
        # |d| 0.3 (+) and 0.5 (-) rank 1 and 2: W+ = 1, every sign pattern as likely -> p 1
        "test": "wilcoxon_exact",
        "p_value": 1.0,
        "sign_test_p": 1.0,
        "verdict": "no_significant_difference",
        "pairing": {"items": 3, "only_here": 0, "only_in_baseline": 0,
                    "unscored_in_baseline": 0, "unscored_here": 0, "unscored_both": 0},
        "regressed_items": [],
    }
    # Resampled means of (+0.3, -0.5, 0) range over multiples of 1/15 from -0.5 to 0.3.
    assert ci == (-0.5, 0.3)
    assert mine["metrics"] == {"latency_ms": {"mean": 100.0, "n": 3},
                               "cost": {"mean": 0.001, "n": 3}}
    latency = mine["metrics_vs_baseline"]["latency_ms"]
    assert (latency["n_paired"], latency["unchanged"], latency["verdict"]) == (
        3, 3, "no_significant_difference")


async def test_get_compare_answers_like_post(app, client, queue) -> None:
    a, b, _ = await _pair(app, client)
    posted = (
        await client.post(
            f"{API}/experiments/compare/", json={"experiment_ids": [a["id"], b["id"]]}
        )
    ).json()
    got = await client.get(f"{API}/experiments/compare/?experiment_ids={a['id']},{b['id']}")
    assert got.status_code == 200 and got.json() == posted


async def test_compare_across_datasets_fills_the_missing_side_with_null(app, client, queue) -> None:
    one = await add_dataset(app, [{"query": "x"}], name="one")
    two = await add_dataset(app, [{"query": "y"}], name="two")
    a = await started_experiment(client, one.id, name="A")
    b = await started_experiment(client, two.id, name="B")
    body = (
        await client.get(f"{API}/experiments/compare/?experiment_ids={a['id']},{b['id']}")
    ).json()
    assert [c["dataset_item"]["id"] for c in body["comparisons"]] == [
        str(one.item_ids[0]),
        str(two.item_ids[0]),
    ]
    assert body["comparisons"][0]["results"][b["id"]] is None
    assert body["comparisons"][1]["results"][a["id"]] is None
    assert body["comparisons"][1]["results"][b["id"]]["status"] == "pending"


async def test_compare_needs_two_distinct_ids(app, client, queue) -> None:
    ds = await add_dataset(app, [{"query": "x"}])
    a = await create_experiment(client, ds.id)
    for ids in ([a["id"]], [a["id"], a["id"]], []):
        response = await client.post(f"{API}/experiments/compare/", json={"experiment_ids": ids})
        assert response.status_code == 422
        assert error_locs(response) == {("body", "experiment_ids")}
    got = await client.get(f"{API}/experiments/compare/?experiment_ids={a['id']}")
    assert got.status_code == 422 and error_locs(got) == {("query", "experiment_ids")}
    bad = await client.get(f"{API}/experiments/compare/?experiment_ids={a['id']},nope")
    assert bad.status_code == 422 and error_locs(bad) == {("query", "experiment_ids")}


async def test_compare_with_unknown_or_foreign_id_is_404(app, client, other_org, queue) -> None:
    ds = await add_dataset(app, [{"query": "x"}])
    a = await create_experiment(client, ds.id)
    b = await create_experiment(client, ds.id)
    missing = str(uuid.uuid4())
    response = await client.post(
        f"{API}/experiments/compare/", json={"experiment_ids": [a["id"], missing]}
    )
    assert response.status_code == 404 and missing in response.json()["detail"]
    foreign = await other_org.post(
        f"{API}/experiments/compare/", json={"experiment_ids": [a["id"], b["id"]]}
    )
    assert foreign.status_code == 404


async def _post_versions(client, dataset_id, **overrides):
    """POST compare-prompt-versions with the usual body, `overrides` replacing its fields."""
    body = {"prompt_name": "support", "version_a": 1, "version_b": 2, "model": "gpt-4o-mini"}
    return await client.post(
        f"{API}/datasets/{dataset_id}/compare-prompt-versions/", json={**body, **overrides}
    )


async def _versions(client, name: str = "support") -> None:
    for template in ("Answer {{query}}.", "Answer {{query}} briefly."):
        created = await client.post(f"{API}/prompts/", json={"name": name, "template": template})
        assert created.status_code == 201, created.text


async def test_compare_prompt_versions_creates_and_starts_two_linked_experiments(
    app, client, queue
) -> None:
    ds = await add_dataset(app, [{"query": "a"}, {"query": "b"}])
    await _versions(client)
    response = await _post_versions(client, ds.id)
    assert response.status_code == 201, response.text
    body = response.json()
    a, b = body["experiment_a"], body["experiment_b"]
    assert (a["name"], a["version"]) == ("support-v1-vs-v2-a", 1)
    assert (b["name"], b["version"]) == ("support-v1-vs-v2-b", 2)
    assert body["compare_url"] == f"/api/v1/experiments/compare/?experiment_ids={a['id']},{b['id']}"
    details = [(await client.get(f"{API}/experiments/{x['id']}/")).json() for x in (a, b)]
    assert [d["status"] for d in details] == ["running", "running"]
    assert details[0]["group_id"] == details[1]["group_id"] == body["group_id"]
    assert [d["snapshot"]["prompt"]["version"] for d in details] == [1, 2]
    assert [d["counts"]["total"] for d in details] == [2, 2]
    assert len(queue.jobs) == 2  # one driver per experiment
    compared = await client.get(body["compare_url"])
    assert compared.status_code == 200
    assert list(compared.json()["experiments"]) == [a["id"], b["id"]]
    assert len(compared.json()["comparisons"]) == 2


async def test_compare_prompt_versions_with_unknown_version_is_422_and_writes_nothing(
    app, client, queue
) -> None:
    ds = await add_dataset(app, [{"query": "a"}])
    await _versions(client)
    response = await _post_versions(client, ds.id, version_b=9)
    assert response.status_code == 422
    assert error_locs(response) == {("body", "version_b")}
    assert (await client.get(f"{API}/experiments/")).json()["count"] == 0
    assert queue.jobs == []
    unknown = await _post_versions(client, ds.id, prompt_name="nope")
    assert unknown.status_code == 422 and error_locs(unknown) == {("body", "prompt_name")}


async def test_compare_prompt_versions_on_foreign_dataset_is_404(
    app, client, other_org, queue
) -> None:
    ds = await add_dataset(app, [{"query": "a"}])
    await _versions(client)
    response = await _post_versions(other_org, ds.id)
    assert response.status_code == 404


async def test_compare_of_more_than_20_experiments_is_422(client, queue) -> None:
    ids = [str(uuid.uuid4()) for _ in range(21)]
    response = await client.get(f"{API}/experiments/compare/?experiment_ids={','.join(ids)}")
    assert response.status_code == 422
    assert error_locs(response) == {("query", "experiment_ids")}


async def test_viewer_may_compare_with_post_and_get(app, client, viewer, queue) -> None:
    a, b, _ = await _pair(app, client)
    body = {"experiment_ids": [a["id"], b["id"]]}
    posted = await viewer.post(f"{API}/experiments/compare/", json=body)
    got = await viewer.get(f"{API}/experiments/compare/?experiment_ids={a['id']},{b['id']}")
    assert posted.status_code == got.status_code == 200
    assert posted.json() == got.json()
    assert list(posted.json()["experiments"]) == [a["id"], b["id"]]
