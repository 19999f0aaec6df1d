"""config.repetitions (issue 11 item 2): N runs per item created by one INSERT ... SELECT;
results give per-item mean, standard deviation and a flaky flag, the summary pass@k and
pass^k; compare pairs per-item means and resamples items, not runs. Executed by the real
engine against the fake model server, whose reply per prompt is scripted by a counter."""

import contextlib
import math
import uuid
from collections import Counter
from collections.abc import Iterator

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import event

from app.config import Settings
from app.experiments import repetitions, significance
from bench.fakellm import FakeLLM
from tests.conftest import REDIS_URL, wait_for_experiment
from tests.engine.conftest import add_dataset, add_evaluator, run_to_end, start

API = "/api/v1"


@pytest.fixture
def settings(settings: Settings, database_url: str) -> Settings:
    """Real execution; on PostgreSQL through Redis and arq."""
    redis = REDIS_URL if database_url.startswith("postgresql") else ""
    return settings.model_copy(update={"redis_url": redis, "llm_max_retries": 1,
                                       "llm_backoff_base_s": 0.01, "llm_backoff_max_s": 0.02})


def flipping(fake_llm: FakeLLM, flips: str = "flip") -> Counter:
    """The fake model echoes the prompt, except that a prompt containing `flips` is answered
    wrongly every second time it is asked: its item passes half of its repetitions."""
    asked: Counter = Counter()

    def reply(request: dict) -> str:
        text = request["messages"][-1]["content"]
        asked[text] += 1
        return "wrong" if flips in text and asked[text] % 2 == 0 else text

    fake_llm.reply_fn = reply
    return asked


@contextlib.contextmanager
def run_inserts(app: FastAPI) -> Iterator[list[str]]:
    """The INSERT statements into experiment_run sent to the database meanwhile."""
    inserts: list[str] = []

    def count(conn, cursor, statement: str, *args: object) -> None:
        if statement.lstrip().upper().startswith("INSERT INTO EXPERIMENT_RUN"):
            inserts.append(statement)

    engine = app.state.engine.sync_engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield inserts
    finally:
        event.remove(engine, "before_cursor_execute", count)


async def test_start_creates_n_runs_per_item_in_one_insert(
    app: FastAPI, client: httpx.AsyncClient, fake_llm: FakeLLM
) -> None:
    dataset = await add_dataset(app, ["a", "b", "c"])
    with run_inserts(app) as inserts:
        created = await client.post(f"{API}/experiments/", json={
            "name": "reps", "dataset_id": str(dataset),
            "config": {"model": "gpt-4o-mini", "repetitions": 4}})
        experiment_id = created.json()["id"]
        started = await client.post(f"{API}/experiments/{experiment_id}/start/")
    assert started.json()["runs_created"] == 12
    assert len(inserts) == 1 and "UNION ALL" in inserts[0]
    detail = await wait_for_experiment(client, experiment_id)
    assert detail["counts"]["completed"] == 12
    keys = Counter((r["dataset_item_id"], r["repetition"]) for r in detail["runs"])
    assert set(keys.values()) == {1} and len(keys) == 12
    assert sorted({r["repetition"] for r in detail["runs"]}) == [0, 1, 2, 3]
    assert len(fake_llm.requests) == 12
    results = (await client.get(f"{API}/experiments/{experiment_id}/results/")).json()
    assert Counter(r["repetition"] for r in results["results"]) == {0: 3, 1: 3, 2: 3, 3: 3}


async def test_one_repetition_keeps_the_plain_insert_and_no_item_statistics(
    app: FastAPI, client: httpx.AsyncClient, fake_llm: FakeLLM
) -> None:
    dataset = await add_dataset(app, ["a", "b"], expected=["a", "x"])
    exact = await add_evaluator(client, "exact", "exact_match")
    with run_inserts(app) as inserts:
        experiment = await run_to_end(client, dataset, {"model": "gpt-4o-mini"}, [exact])
    assert len(inserts) == 1 and "UNION" not in inserts[0]
    results = (await client.get(f"{API}/experiments/{experiment['id']}/results/")).json()
    assert results["items"] is None
    summary = results["summary"]
    assert (summary["repetitions"], summary["flaky_items"]) == (1, 0)
    assert summary["pass_at_k"] == {}  # nothing computed: pass@1 is the evaluator's mean
    assert results["evaluators"]["exact"]["mean"] == 0.5
    assert {r["repetition"] for r in results["results"]} == {0}


async def test_per_item_mean_std_flaky_and_pass_at_k(
    app: FastAPI, client: httpx.AsyncClient, fake_llm: FakeLLM
) -> None:
    asked = flipping(fake_llm)
    inputs = ["steady", "never", "flip", "ERR"]
    dataset = await add_dataset(app, inputs, expected=["steady", "other", "flip", "ERR"])
    fake_llm.always({"status": 400, "message": "refused"}, contains="ERR")
    exact = await add_evaluator(client, "exact", "exact_match")
    experiment = await run_to_end(
        client, dataset, {"model": "gpt-4o-mini", "repetitions": 4}, [exact])
    assert experiment["status"] == "completed"
    assert asked["flip"] == 4
    results = (await client.get(f"{API}/experiments/{experiment['id']}/results/")).json()
    items = {str(i["dataset_item_id"]): i for i in results["items"]}
    by_input = {}
    for row in results["results"]:
        by_input[row["item_input"]] = items[row["dataset_item_id"]]
    flip = by_input["flip"]
    assert flip["runs"] == 4 and flip["flaky"] is True
    assert flip["scores"]["exact"] == {
        "mean": 0.5, "std": round(math.sqrt(1 / 3), 6), "n": 4, "flaky": True}
    assert by_input["steady"]["scores"]["exact"] == {
        "mean": 1.0, "std": 0.0, "n": 4, "flaky": False}
    assert by_input["never"]["scores"]["exact"] == {
        "mean": 0.0, "std": 0.0, "n": 4, "flaky": False}
    # A failed run is a fail for a pass/fail score: the output never came.
    assert by_input["ERR"]["scores"]["exact"] == {
        "mean": 0.0, "std": 0.0, "n": 4, "flaky": False}
    summary = results["summary"]
    assert (summary["repetitions"], summary["flaky_items"]) == (4, 1)
    assert (summary["completed"], summary["failed"]) == (12, 4)
    # Per item (n=4): steady c=4, never c=0, flip c=2, ERR c=0.
    assert summary["pass_at_k"]["exact"] == [
        {"k": 1, "pass_at_k": 0.375, "pass_hat_k": 0.375, "items": 4, "items_short": 0},
        {"k": 2, "pass_at_k": round((1 + 5 / 6) / 4, 6),
         "pass_hat_k": round((1 + 1 / 6) / 4, 6), "items": 4, "items_short": 0},
        {"k": 3, "pass_at_k": 0.5, "pass_hat_k": 0.25, "items": 4, "items_short": 0},
        {"k": 4, "pass_at_k": 0.5, "pass_hat_k": 0.25, "items": 4, "items_short": 0},
    ]
    # The evaluator summary's mean is over the scored items, each its repetitions' mean
    # (ERR's runs failed: counted under n_target_error, not in the mean).
    assert results["evaluators"]["exact"]["mean"] == 0.5
    assert results["evaluators"]["exact"]["n_items"] == 3


async def test_compare_pairs_item_means_and_resamples_items(
    app: FastAPI, client: httpx.AsyncClient, fake_llm: FakeLLM
) -> None:
    flipping(fake_llm)
    inputs = [f"flip {i}" for i in range(6)] + [f"steady {i}" for i in range(4)]
    dataset = await add_dataset(app, inputs, expected=inputs)
    exact = await add_evaluator(client, "exact", "exact_match")
    baseline = await run_to_end(client, dataset, {"model": "gpt-4o-mini"}, [exact])
    candidate = await run_to_end(
        client, dataset, {"model": "gpt-4o-mini", "repetitions": 3}, [exact])
    response = await client.post(f"{API}/experiments/compare/",
                                 json={"experiment_ids": [baseline["id"], candidate["id"]]})
    assert response.status_code == 200, response.text
    body = response.json()
    assert len(body["comparisons"]) == 10  # the side-by-side rows: one per item
    mine = body["summary"]["experiments"][candidate["id"]]
    assert mine["scores"]["exact"]["n"] == 30 and mine["scores"]["exact"]["n_items"] == 10
    versus = mine["vs_baseline"]["exact"]
    # Each flip item answered right on its 1st and 3rd ask of this experiment (its 2nd,
    # 4th ask overall were wrong): asks 2-4 give [wrong, right, wrong] -> 1/3 per flip item.
    assert versus["n_paired"] == 10  # items, not 30 runs
    assert versus["baseline_mean"] == 1.0
    assert versus["mean"] == round((6 * (1 / 3) + 4) / 10, 6)
    assert (versus["regressions"], versus["improvements"], versus["unchanged"]) == (6, 0, 4)
    assert versus["test"] == "wilcoxon_exact"  # item means of 1/3 are not pass/fail
    assert versus["ci_high"] < 0  # every resample of 10 items keeps some regression


def test_the_estimators_match_the_published_examples() -> None:
    # Chen et al. (2021), n=10 samples, c=3 correct.
    assert repetitions.pass_at_k(10, 3, 1) == pytest.approx(0.3)
    assert repetitions.pass_at_k(10, 3, 5) == pytest.approx(1 - 21 / 252)
    assert repetitions.pass_at_k(10, 3, 8) == 1.0  # n - c < k: some sample always passes
    assert repetitions.pass_hat_k(10, 3, 2) == pytest.approx(3 / 45)
    assert repetitions.pass_hat_k(10, 3, 4) == 0.0
    assert repetitions.ks(1) == [1] and repetitions.ks(4) == [1, 2, 3, 4]
    assert repetitions.ks(30) == [1, 2, 3, 5, 10, 20, 30]


def test_the_mean_weighs_items_not_runs() -> None:
    # Item a scored in 3 repetitions, item b in 1 (its others had judge errors): 0.5, not 0.75.
    def run(item: str, value: float | None) -> dict:
        score = {"name": "s", "numeric_value": value, "data_type": "numeric",
                 "status": "ok" if value is not None else "judge_error"}
        return {"item": item, "status": "completed", "scores": [score]}

    runs = [run("a", 1.0), run("a", 1.0), run("a", 1.0), run("b", 0.0), run("b", None)]
    summary = significance.score_summary(significance.collect(runs, ["s"]), "s")
    assert (summary["mean"], summary["n"], summary["n_items"]) == (0.5, 4, 2)
    assert summary["n_errored"] == 1


@pytest.mark.parametrize("value", [0, 101, "x"])
async def test_repetitions_out_of_range_is_a_422(
    app: FastAPI, client: httpx.AsyncClient, value: object
) -> None:
    dataset = await add_dataset(app, ["a"])
    response = await client.post(f"{API}/experiments/", json={
        "name": "e", "dataset_id": str(dataset),
        "config": {"model": "gpt-4o-mini", "repetitions": value}})
    assert response.status_code == 422
    assert ["body", "config", "repetitions"] in [e["loc"] for e in response.json()["detail"]]


async def test_a_retry_reruns_only_the_failed_repetitions(
    app: FastAPI, client: httpx.AsyncClient, fake_llm: FakeLLM
) -> None:
    dataset = await add_dataset(app, ["ok", "ERR"])
    rule = {"status": 400, "message": "refused"}
    fake_llm.always(rule, contains="ERR")
    experiment_id = await start(client, dataset, {"model": "gpt-4o-mini", "repetitions": 3})
    await wait_for_experiment(client, experiment_id)
    rule.clear()  # the rule's own step: cleared, the same prompt is answered
    fake_llm.reset_stats()
    assert (await client.post(f"{API}/experiments/{experiment_id}/retry-failed/")).json()[
        "retried"] == 3
    detail = await wait_for_experiment(client, experiment_id)
    assert detail["counts"]["completed"] == 6
    assert len(fake_llm.requests) == 3
    retried = sorted(r["repetition"] for r in detail["runs"] if r["attempt_history"])
    assert retried == [0, 1, 2]
    assert uuid.UUID(detail["id"])
