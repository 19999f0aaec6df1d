"""GET/POST /experiments/{id}/verdict/: pass or fail against a baseline under a policy."""

import uuid

from tests.experiments.conftest import (
    API,
    add_dataset,
    error_locs,
    finish_run,
    runs_of,
    started_experiment,
)


async def _scored(app, experiment: dict, values: list, name: str = "correct") -> None:
    for run, value in zip(await runs_of(app, experiment["id"]), values, strict=True):
        status = "judge_error" if value is None else "ok"
        await finish_run(app, run.id, status="completed", output="o", latency_ms=10, cost=0.0,
                         scores=[{"name": name, "numeric_value": value, "status": status}])


async def _pair(app, client, base: list, mine: list, name: str = "qa") -> tuple:
    ds = await add_dataset(app, [{"q": i} for i in range(len(base))], name=name)
    a = await started_experiment(client, ds.id, name="A")
    b = await started_experiment(client, ds.id, name="B")
    await _scored(app, a, base)
    await _scored(app, b, mine)
    return a, b, ds


async def test_equal_candidate_passes_against_the_pinned_baseline(app, client, queue) -> None:
    a, b, ds = await _pair(app, client, [1.0, 0.0, 1.0], [1.0, 0.0, 1.0])
    await client.put(f"{API}/datasets/{ds.id}/baseline/", json={"experiment_id": a["id"]})
    response = await client.get(f"{API}/experiments/{b['id']}/verdict/")
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["verdict"], body["reasons"], body["baseline_id"]) == ("pass", [], a["id"])
    assert [c["check"] for c in body["checks"]] == [
        "no_worse_scores", "no_new_failures", "all_scored"]


async def test_significant_regression_and_new_failures_fail(app, client, queue) -> None:
    a, b, _ = await _pair(app, client, [1.0] * 6, [0.0] * 6)
    body = (await client.get(
        f"{API}/experiments/{b['id']}/verdict/?baseline={a['id']}")).json()
    assert body["verdict"] == "fail"
    assert body["reasons"][0] == (
        "correct is significantly worse: mean difference -1, 95% CI [-1, -1], "
        "p=0.03125 (mcnemar_exact)")
    assert body["reasons"][1].startswith("6 item(s) passed correct in the baseline and fail now: ")
    assert len(body["reasons"]) == 2
    # Five regressions are not significant, but the new failures still fail the gate...
    a5, b5, _ = await _pair(app, client, [1.0] * 5, [0.0] * 5, "five")
    five = (await client.get(f"{API}/experiments/{b5['id']}/verdict/?baseline={a5['id']}"))
    assert [c["passed"] for c in five.json()["checks"]] == [True, False, True]
    # ... unless the policy allows them.
    lenient = await client.get(f"{API}/experiments/{b5['id']}/verdict/",
                               params={"baseline": a5["id"], "no_new_failures": "false"})
    assert (lenient.json()["verdict"], lenient.json()["reasons"]) == ("pass", [])


async def test_an_unscored_run_fails_unless_the_policy_allows_it(app, client, queue) -> None:
    a, b, _ = await _pair(app, client, [0.5, 0.6], [0.5, None])
    url = f"{API}/experiments/{b['id']}/verdict/"
    body = (await client.get(url, params={"baseline": a["id"]})).json()
    assert body["reasons"] == [
        "correct: 1 of 2 runs not scored (errored 1), coverage 0.5"]
    posted = await client.post(url, json={"baseline_id": a["id"], "all_scored": False})
    assert posted.status_code == 200 and posted.json()["verdict"] == "pass"
    assert posted.json()["policy"]["all_scored"] is False
    short = await client.post(url, json={"baseline_id": a["id"], "all_scored": False,
                                         "min_coverage": 0.9})
    assert short.json()["verdict"] == "fail"


async def test_verdict_input_errors(app, client, other_org, queue) -> None:
    a, b, _ = await _pair(app, client, [1.0], [1.0])
    url = f"{API}/experiments/{b['id']}/verdict/"
    unpinned = await client.get(url)
    assert unpinned.status_code == 422 and error_locs(unpinned) == {("query", "baseline")}
    itself = await client.post(url, json={"baseline_id": b["id"]})
    assert itself.status_code == 422 and error_locs(itself) == {("body", "baseline_id")}
    bad_alpha = await client.get(url, params={"baseline": a["id"], "alpha": 2})
    assert bad_alpha.status_code == 422 and error_locs(bad_alpha) == {("query", "alpha")}
    missing = await client.get(url, params={"baseline": str(uuid.uuid4())})
    assert missing.status_code == 404
    foreign = await other_org.get(url, params={"baseline": a["id"]})
    assert foreign.status_code == 404


async def test_viewer_may_ask_for_a_verdict(app, client, viewer, queue) -> None:
    a, b, _ = await _pair(app, client, [1.0], [1.0])
    got = await viewer.get(f"{API}/experiments/{b['id']}/verdict/?baseline={a['id']}")
    posted = await viewer.post(f"{API}/experiments/{b['id']}/verdict/",
                               json={"baseline_id": a["id"]})
    assert got.status_code == posted.status_code == 200
    assert got.json() == posted.json()
