"""Honest denominators in compare and results, version warnings, the pinned baseline."""

from tests.experiments.conftest import (
    API,
    add_dataset,
    error_locs,
    finish_run,
    runs_of,
    started_experiment,
)


def _counts(**nonzero: int) -> dict:
    keys = ("n_scored", "n_errored", "n_target_error", "n_skipped", "n_missing", "n_not_run")
    return {k: nonzero.get(k, 0) for k in keys}


async def _scored(app, experiment: dict, values: list, **score: object) -> None:
    for run, value in zip(await runs_of(app, experiment["id"]), values, strict=True):
        await finish_run(app, run.id, status="completed", output="o", latency_ms=10, cost=0.0,
                         scores=[{"name": "helpfulness", "numeric_value": value, **score}])


async def _errored_pair(app, client) -> tuple[dict, dict]:
    """A scores all four items; B scores one, its judge fails on one, its target fails on
    one, and one has not run."""
    ds = await add_dataset(app, [{"q": i} for i in range(4)])
    a = await started_experiment(client, ds.id, name="A")
    b = await started_experiment(client, ds.id, name="B")
    await _scored(app, a, [0.5, 0.6, 0.7, 0.8])
    r0, r1, r2, _ = await runs_of(app, b["id"])
    await finish_run(app, r0.id, status="completed", output="o", latency_ms=10, cost=0.0,
                     scores=[{"name": "helpfulness", "numeric_value": 0.9}])
    await finish_run(app, r1.id, status="completed", output="o", latency_ms=10, cost=0.0,
                     scores=[{"name": "helpfulness", "numeric_value": None,
                              "status": "judge_error"}])
    await finish_run(app, r2.id, status="failed", error="boom",
                     scores=[{"name": "helpfulness", "numeric_value": None,
                              "status": "target_error"}])
    return a, b


async def test_errored_and_unrun_items_are_counted_not_dropped(app, client, queue) -> None:
    a, b = await _errored_pair(app, client)
    body = (await client.get(
        f"{API}/experiments/compare/?experiment_ids={a['id']},{b['id']}")).json()
    mine = body["summary"]["experiments"][b["id"]]
    expected = {"mean": 0.9, "n": 1, "n_items": 1, **_counts(n_scored=1, n_errored=1, n_target_error=1,
                                                n_not_run=1), "n_runs": 4, "coverage": 0.25}
    assert mine["scores"]["helpfulness"] == expected
    versus = mine["vs_baseline"]["helpfulness"]
    assert versus["pairing"] == {"items": 4, "only_here": 0, "only_in_baseline": 0,
                                 "unscored_in_baseline": 0, "unscored_here": 3,
                                 "unscored_both": 0}
    assert (versus["n_paired"], versus["mean_difference"], versus["p_value"]) == (1, 0.4, 1.0)
    # The cells say why a score has no value.
    cell = body["comparisons"][1]["results"][b["id"]]["scores"][0]
    assert (cell["status"], cell["numeric_value"]) == ("judge_error", None)
    results = (await client.get(f"{API}/experiments/{b['id']}/results/")).json()
    assert results["evaluators"] == {"helpfulness": expected}


async def test_an_item_added_after_the_baseline_ran_is_only_here(app, client, queue) -> None:
    ds = await add_dataset(app, [{"q": 0}])
    a = await started_experiment(client, ds.id, name="A")
    added = await client.post(f"{API}/datasets/{ds.id}/items/", json={"input": {"q": 1}})
    assert added.status_code == 201, added.text
    b = await started_experiment(client, ds.id, name="B")
    await _scored(app, a, [0.5])
    await _scored(app, b, [0.5, 0.9])
    body = (await client.post(f"{API}/experiments/compare/",
                              json={"experiment_ids": [a["id"], b["id"]]})).json()
    versus = body["summary"]["experiments"][b["id"]]["vs_baseline"]["helpfulness"]
    assert versus["pairing"]["only_here"] == 1 and versus["n_paired"] == 1
    assert (versus["unchanged"], versus["delta"]) == (1, 0.2)  # means 0.5 vs 0.7


async def test_compare_warns_when_evaluator_versions_differ(app, client, queue) -> None:
    ds = await add_dataset(app, [{"q": 0}])
    a = await started_experiment(client, ds.id, name="A")
    b = await started_experiment(client, ds.id, name="B")
    await _scored(app, a, [0.5], evaluator_version="aaa")
    await _scored(app, b, [0.5], evaluator_version="bbb")
    body = (await client.post(f"{API}/experiments/compare/",
                              json={"experiment_ids": [a["id"], b["id"]]})).json()
    assert body["summary"]["warnings"] == [{
        "score_name": "helpfulness",
        "evaluator_versions": {a["id"]: ["aaa"], b["id"]: ["bbb"]},
        "message": "'helpfulness' was scored by 2 different versions of its evaluator: "
        "differences may come from the evaluator, not the experiment.",
    }]


async def test_six_flips_from_fail_to_pass_are_significantly_better(app, client, queue) -> None:
    ds = await add_dataset(app, [{"q": i} for i in range(6)])
    a = await started_experiment(client, ds.id, name="A")
    b = await started_experiment(client, ds.id, name="B")
    await _scored(app, a, [0.0] * 6)
    await _scored(app, b, [1.0] * 6)
    body = (await client.post(f"{API}/experiments/compare/",
                              json={"experiment_ids": [a["id"], b["id"]]})).json()
    versus = body["summary"]["experiments"][b["id"]]["vs_baseline"]["helpfulness"]
    assert (versus["test"], versus["p_value"], versus["verdict"]) == (
        "mcnemar_exact", 0.03125, "better")
    assert (versus["ci_low"], versus["ci_high"], versus["improvements"]) == (1.0, 1.0, 6)


async def test_pinned_baseline_leads_a_compare_that_does_not_name_it(
    app, client, viewer, other_org, queue
) -> None:
    ds = await add_dataset(app, [{"q": 0}])
    a = await started_experiment(client, ds.id, name="A")
    b = await started_experiment(client, ds.id, name="B")
    url = f"{API}/datasets/{ds.id}/baseline/"
    assert (await client.get(url)).status_code == 404
    pinned = await client.put(url, json={"experiment_id": a["id"]})
    assert pinned.status_code == 200, pinned.text
    assert (pinned.json()["dataset_id"], pinned.json()["experiment_id"]) == (str(ds.id), a["id"])
    assert (await client.get(url)).json()["experiment_id"] == a["id"]
    body = (await client.get(f"{API}/experiments/compare/?experiment_ids={b['id']}")).json()
    assert body["summary"]["baseline_id"] == a["id"]
    assert list(body["experiments"]) == [a["id"], b["id"]]
    assert (await viewer.put(url, json={"experiment_id": b["id"]})).status_code == 403
    assert (await other_org.get(url)).status_code == 404
    assert (await other_org.put(url, json={"experiment_id": a["id"]})).status_code == 404


async def test_baseline_must_be_an_experiment_of_this_dataset(app, client, queue) -> None:
    ds = await add_dataset(app, [{"q": 0}])
    other = await add_dataset(app, [{"q": 0}], name="other")
    elsewhere = await started_experiment(client, other.id)
    url = f"{API}/datasets/{ds.id}/baseline/"
    wrong = await client.put(url, json={"experiment_id": elsewhere["id"]})
    assert wrong.status_code == 422 and error_locs(wrong) == {("body", "experiment_id")}
    unknown = await client.put(url, json={"experiment_id": str(ds.id)})
    assert unknown.status_code == 422 and error_locs(unknown) == {("body", "experiment_id")}
    assert (await client.put(url, json={})).status_code == 422
    assert (await client.get(url)).status_code == 404  # nothing half-written
