"""Evaluators inside a real experiment: API -> engine -> litellm -> fake server -> scores in results."""

import re

import httpx
import pytest

from bench.fakellm import FakeLLM, echo_last_user
from tests.conftest import wait_for_experiment

API = "/api/v1"
RUBRIC = "Topic {topic}. Is {output} the same as {expected_output}?"


def judge_or_echo(request: dict) -> str:
    """Judge calls (JSON mode) get a score; target calls get their last user message back."""
    if request.get("response_format") == {"type": "json_object"}:
        return '{"score": 0.9, "reason": "judged"}'
    return echo_last_user(request)


async def post(client: httpx.AsyncClient, path: str, body: dict) -> dict:
    response = await client.post(f"{API}{path}", json=body)
    assert response.status_code in (200, 201), response.text
    return response.json()


async def test_judge_and_per_turn_scores_reach_the_results(
    client: httpx.AsyncClient, fake_llm: FakeLLM
) -> None:
    fake_llm.reply_fn = judge_or_echo
    dataset = await post(client, "/datasets/", {"name": "qa"})
    items = [
        {"input": "Paris", "expected_output": "Paris", "rubric_vars": {"topic": "geo"}},
        {
            "input": ["Hi", "Bye"],
            "expected_output": ["Hi", "Nope"],
            "rubric_vars": {"topic": "chat"},
        },
    ]
    await post(client, f"/datasets/{dataset['id']}/import/", {"items": items})
    exact = await post(client, "/evaluators/", {"name": "exact", "kind": "exact_match"})
    judge_config = {"model": "gpt-4o-mini", "rubric": RUBRIC, "pass_threshold": 0.8}
    judge = await post(
        client, "/evaluators/", {"name": "judge", "kind": "llm_judge", "config": judge_config}
    )
    experiment = await post(
        client,
        "/experiments/",
        {
            "name": "e",
            "dataset_id": dataset["id"],
            "config": {"model": "gpt-4o-mini"},
            "evaluator_ids": [exact["id"], judge["id"]],
        },
    )
    await post(client, f"/experiments/{experiment['id']}/start/", {})
    assert (await wait_for_experiment(client, experiment["id"]))["status"] == "completed"
    results = (await client.get(f"{API}/experiments/{experiment['id']}/results/")).json()
    scores = {
        str(r["item_input"]): {s["name"]: s["numeric_value"] for s in r["scores"]}
        for r in results["results"]
    }
    assert scores == {
        "Paris": {"exact": 1.0, "judge": 0.9, "judge_pass": 1.0},
        "['Hi', 'Bye']": {"exact": 0.5, "judge": pytest.approx(0.9), "judge_pass": 1.0},
    }
    judge_prompts = [  # without the quoting markers (tests/evaluators/test_judge_delimiting.py)
        re.sub(r"</?\w+ [0-9a-f]{12}>", "", r["messages"][1]["content"])
        for r in fake_llm.requests
        if r.get("response_format")
    ]
    assert sorted(judge_prompts) == [
        "Topic chat. Is Bye the same as Nope?\n\nInput:\nBye",
        "Topic chat. Is Hi the same as Hi?\n\nInput:\nHi",
        "Topic geo. Is Paris the same as Paris?\n\nInput:\nParis",
    ]


async def test_experiment_create_refuses_an_item_missing_a_rubric_variable(
    client: httpx.AsyncClient, fake_llm: FakeLLM,  # the model has a key: only the item is wrong
) -> None:
    dataset = await post(client, "/datasets/", {"name": "qa"})
    await post(client, f"/datasets/{dataset['id']}/import/", {"items": [{"input": "x"}]})
    config = {"model": "gpt-4o-mini", "rubric": "Check {output} with {reference_code}"}
    judge = await post(client, "/evaluators/", {"name": "j", "kind": "llm_judge", "config": config})
    body = {
        "name": "e",
        "dataset_id": dataset["id"],
        "config": {"model": "gpt-4o-mini"},
        "evaluator_ids": [judge["id"]],
    }
    response = await client.post(f"{API}/experiments/", json=body)
    assert response.status_code == 422
    (error,) = response.json()["detail"]
    assert error["loc"] == ["body", "evaluator_ids", 0]
    assert error["ctx"]["variables"] == ["reference_code"]
    assert "reference_code" in error["msg"]
    assert (await client.get(f"{API}/experiments/")).json()["count"] == 0


async def test_an_item_without_expected_output_is_skipped_not_a_zero(
    client: httpx.AsyncClient, fake_llm: FakeLLM
) -> None:
    fake_llm.reply_fn = echo_last_user
    dataset = await post(client, "/datasets/", {"name": "qa"})
    items = [{"input": "Paris", "expected_output": "Paris"}, {"input": "Lyon"}]
    await post(client, f"/datasets/{dataset['id']}/import/", {"items": items})
    exact = await post(client, "/evaluators/", {"name": "exact", "kind": "exact_match"})
    body = {"name": "e", "dataset_id": dataset["id"], "config": {"model": "gpt-4o-mini"},
            "evaluator_ids": [exact["id"]]}
    experiment = await post(client, "/experiments/", body)
    await post(client, f"/experiments/{experiment['id']}/start/", {})
    assert (await wait_for_experiment(client, experiment["id"]))["status"] == "completed"
    results = (await client.get(f"{API}/experiments/{experiment['id']}/results/")).json()
    by_input = {r["item_input"]: r["scores"][0] for r in results["results"]}
    assert (by_input["Paris"]["numeric_value"], by_input["Paris"]["status"]) == (1.0, "ok")
    assert (by_input["Lyon"]["numeric_value"], by_input["Lyon"]["status"]) == (None, "skipped")
    summary = results["evaluators"]["exact"]
    assert (summary["n_scored"], summary["n_skipped"], summary["mean"]) == (1, 1, 1.0)
