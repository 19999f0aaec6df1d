"""Evaluator versions (content hash), score status through the real engine, and rescore."""

import uuid
from collections.abc import Callable

import httpx
from sqlalchemy import select

from app.evaluators.versions import content_hash
from app.models import Score
from bench.fakellm import FakeLLM, echo_last_user
from tests.conftest import wait_for_experiment

API = "/api/v1"
RUBRIC = "Is {output} right for {input}?"


async def post(client: httpx.AsyncClient, path: str, body: dict, status: int = 201) -> dict:
    response = await client.post(f"{API}{path}", json=body)
    assert response.status_code == status, response.text
    return response.json()


def judge_replies(score: str) -> Callable[[dict], str]:
    """Judge calls answer `score`, except for the input "bad" (an unparseable reply)."""

    def reply(request: dict) -> str:
        if request.get("response_format") != {"type": "json_object"}:
            return echo_last_user(request)
        content = request["messages"][1]["content"]
        return "no idea" if ">bad</input " in content else f'{{"score": {score}, "reason": "r"}}'

    return reply


async def test_a_config_change_is_a_new_version_and_a_rename_is_not(
    client: httpx.AsyncClient, other_org: httpx.AsyncClient
) -> None:
    config = {"model": "gpt-4o-mini", "rubric": RUBRIC}
    created = await post(client, "/evaluators/", {"name": "j", "kind": "llm_judge",
                                                  "config": config})
    assert created["version"] == content_hash("llm_judge", created["config"])
    url = f"{API}/evaluators/{created['id']}/"
    renamed = (await client.put(url, json={"name": "judge", "description": "d"})).json()
    assert renamed["version"] == created["version"]
    changed = (await client.put(url, json={"config": {**config, "rubric": "Strict: " + RUBRIC}}))
    assert changed.json()["version"] != created["version"]
    history = (await client.get(f"{url}versions/")).json()
    assert [h["version"] for h in history] == [created["version"], changed.json()["version"]]
    assert history[1]["config"]["rubric"] == "Strict: " + RUBRIC
    assert (await other_org.get(f"{url}versions/")).status_code == 404


def test_the_hash_ignores_key_order() -> None:
    assert content_hash("regex", {"pattern": "a", "mode": "search"}) == content_hash(
        "regex", {"mode": "search", "pattern": "a"})
    assert content_hash("regex", {"pattern": "a"}) != content_hash("regex", {"pattern": "b"})


async def _experiment(client: httpx.AsyncClient, fake: FakeLLM) -> tuple[dict, dict]:
    fake.reply_fn = judge_replies("0.8")
    fake.always({"status": 400, "message": "bad request for boom"}, contains="boom")
    dataset = await post(client, "/datasets/", {"name": "qa"})
    items = [{"input": "good"}, {"input": "bad"}, {"input": "boom"}]
    await post(client, f"/datasets/{dataset['id']}/import/", {"items": items})
    judge = await post(client, "/evaluators/", {
        "name": "judge", "kind": "llm_judge",
        "config": {"model": "gpt-4o-mini", "rubric": RUBRIC}})
    experiment = await post(client, "/experiments/", {
        "name": "e", "dataset_id": dataset["id"], "config": {"model": "gpt-4o-mini"},
        "evaluator_ids": [judge["id"]]})
    await post(client, f"/experiments/{experiment['id']}/start/", {}, 200)
    await wait_for_experiment(client, experiment["id"])
    return experiment, judge


async def _scores(app, experiment_id: str) -> dict[str, Score]:
    results_by_run = {}
    async with app.state.sessionmaker() as db:
        for score in await db.scalars(select(Score)):
            results_by_run[score.run_id] = score
    return results_by_run


async def test_scores_record_status_raw_reply_and_version(
    app, client: httpx.AsyncClient, fake_llm: FakeLLM
) -> None:
    experiment, judge = await _experiment(client, fake_llm)
    results = (await client.get(f"{API}/experiments/{experiment['id']}/results/")).json()
    by_input = {r["item_input"]: r for r in results["results"]}
    assert by_input["boom"]["status"] == "failed"
    stored = {s.run_id: s for s in (await _scores(app, experiment["id"])).values()}
    rows = {name: stored[uuid.UUID(by_input[name]["id"])] for name in ("good", "bad", "boom")}
    assert {n: (r.status, r.numeric_value) for n, r in rows.items()} == {
        "good": ("ok", 0.8), "bad": ("judge_error", None), "boom": ("target_error", None)}
    assert rows["bad"].details["raw"] == "no idea"
    assert {r.evaluator_version for r in rows.values()} == {judge["version"]}
    assert results["evaluators"]["judge"] == {
        "mean": 0.8, "n": 1, "n_scored": 1, "n_errored": 1, "n_target_error": 1,
        "n_skipped": 0, "n_missing": 0, "n_not_run": 0, "n_runs": 3, "coverage": 0.333333,
        "n_items": 1}


async def test_rescore_replaces_the_scores_without_calling_the_target(
    app, client: httpx.AsyncClient, fake_llm: FakeLLM
) -> None:
    experiment, judge = await _experiment(client, fake_llm)
    changed = await client.put(f"{API}/evaluators/{judge['id']}/", json={
        "config": {"model": "gpt-4o-mini", "rubric": "Strictly: " + RUBRIC}})
    new_version = changed.json()["version"]
    fake_llm.reply_fn = judge_replies("0.3")
    before = len(fake_llm.requests)
    body = await post(client, f"/experiments/{experiment['id']}/rescore/",
                      {"evaluator_ids": [judge["id"]]}, 200)
    assert (body["runs_scored"], body["scores_written"], body["scores_replaced"]) == (3, 3, 3)
    assert body["evaluators"] == [{"id": judge["id"], "name": "judge", "version": new_version}]
    sent = fake_llm.requests[before:]
    assert len(sent) == 2  # the judge for "good" and "bad"; no target call, none for "boom"
    assert all(r.get("response_format") == {"type": "json_object"} for r in sent)
    scores = list((await _scores(app, experiment["id"])).values())
    assert len(scores) == 3
    assert sorted((s.status, s.numeric_value) for s in scores) == [
        ("judge_error", None), ("ok", 0.3), ("target_error", None)]
    assert {s.evaluator_version for s in scores} == {new_version}


async def test_rescore_refuses_running_unknown_and_foreign(
    app, client: httpx.AsyncClient, other_org: httpx.AsyncClient, fake_llm: FakeLLM
) -> None:
    experiment, judge = await _experiment(client, fake_llm)
    url = f"/experiments/{experiment['id']}/rescore/"
    unknown = await post(client, url, {"evaluator_ids": [str(uuid.uuid4())]}, 422)
    assert unknown["detail"][0]["loc"] == ["body", "evaluator_ids"]
    await post(client, url, {"evaluator_ids": []}, 422)
    await post(other_org, url, {"evaluator_ids": [judge["id"]]}, 404)
    pending = await post(client, "/experiments/", {
        "name": "p", "dataset_id": experiment["dataset_id"], "config": {"model": "gpt-4o-mini"}})
    busy = await post(client, f"/experiments/{pending['id']}/rescore/",
                      {"evaluator_ids": [judge["id"]]}, 409)
    assert "pending" in busy["detail"]
