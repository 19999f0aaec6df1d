"""The seed's evaluation pipeline end to end, executed by the real engine against the fake
model server: dataset -> evaluators -> two experiments -> results -> compare ->
compare-prompt-versions -> promote the winner."""

import json
import re

import pytest

from app.config import Settings
from bench.fakellm import FakeLLM
from tests.conftest import REDIS_URL, wait_for_experiment

API = "/api/v1"
ANSWERS = {
    "How do I reset my password?": "Go to Settings > Security > Reset Password",
    "What are your pricing plans?": "We offer Free, Pro, and Enterprise plans",
    "How do I contact support?": "Email support@example.com or use the in-app chat",
}
JUDGE_MARK = "You are a strict, impartial evaluator"


@pytest.fixture
def settings(settings: Settings, database_url: str) -> Settings:
    """Real execution: on PostgreSQL through Redis and an arq worker, on SQLite in-process."""
    if database_url.startswith("postgresql"):
        return settings.model_copy(update={"redis_url": REDIS_URL})
    return settings


def _reply(request: dict) -> str:
    """v2 ("concise") knows the answers, v1 does not; the judge checks the reference."""
    messages = request["messages"]
    system = messages[0]["content"]
    last = re.sub(r"</?\w+ [0-9a-f]{12}>", "", messages[-1]["content"])  # the quoting markers
    if system.startswith(JUDGE_MARK):
        reference, _, response = last.partition("Response:")
        good = reference.split("Reference:")[-1].strip() in response
        return json.dumps(
            {"score": 1.0 if good else 0.25, "reason": "matches" if good else "vague"}
        )
    query = next(q for q in ANSWERS if q in system)
    return ANSWERS[query] if "concise" in system else "I am not sure, sorry."


async def _seed_workspace(client) -> tuple[str, list[str]]:
    dataset = await client.post(
        f"{API}/datasets/",
        json={
            "name": "Support Agent QA",
            "description": "Test cases",
            "tags": ["support", "qa"],
        },
    )
    assert dataset.status_code == 201, dataset.text
    dataset_id = dataset.json()["id"]
    items = [
        {"input": {"query": q}, "expected_output": {"answer": a}, "rubric_vars": {"reference": a}}
        for q, a in ANSWERS.items()
    ]
    imported = await client.post(f"{API}/datasets/{dataset_id}/import/", json={"items": items})
    assert imported.json() == {"dataset_id": dataset_id, "imported": 3, "total_items": 3}
    evaluators = []
    for body in (
        {"name": "exact", "kind": "exact_match", "config": {"expected_key": "answer"}},
        {
            "name": "helpfulness",
            "kind": "llm_judge",
            "config": {
                "model": "gpt-4o-mini",
                "rubric": "Reference: {reference}\nResponse: {output}",
            },
        },
    ):
        created = await client.post(f"{API}/evaluators/", json=body)
        assert created.status_code == 201, created.text
        evaluators.append(created.json()["id"])
    for template, labels in (
        ("You are support. Question: {{query}}", ["production"]),
        ("You are concise support. Question: {{query}}", []),
    ):
        created = await client.post(
            f"{API}/prompts/",
            json={
                "name": "support-system-prompt",
                "template": template,
                "labels": labels,
                "config": {"temperature": 0.3},
            },
        )
        assert created.status_code == 201, created.text
    return dataset_id, evaluators


async def _run(client, dataset_id: str, evaluators: list[str], name: str, prompt: dict) -> dict:
    created = await client.post(
        f"{API}/experiments/",
        json={
            "name": name,
            "dataset_id": dataset_id,
            "evaluator_ids": evaluators,
            "config": {"prompt_name": "support-system-prompt", "model": "gpt-4o-mini", **prompt},
        },
    )
    assert created.status_code == 201, created.text
    started = await client.post(f"{API}/experiments/{created.json()['id']}/start/")
    assert started.status_code == 200 and started.json()["runs_created"] == 3
    return await wait_for_experiment(client, created.json()["id"], timeout=60)


async def test_evaluation_pipeline_end_to_end(client, fake_llm: FakeLLM) -> None:
    fake_llm.reply_fn = _reply
    dataset_id, evaluators = await _seed_workspace(client)
    a = await _run(
        client, dataset_id, evaluators, "production prompt", {"prompt_label": "production"}
    )
    b = await _run(client, dataset_id, evaluators, "candidate prompt", {"prompt_version": 2})
    assert (a["status"], b["status"]) == ("completed", "completed")
    assert a["counts"]["completed"] == b["counts"]["completed"] == 3

    results = (await client.get(f"{API}/experiments/{b['id']}/results/")).json()
    assert results["dataset_name"] == "Support Agent QA" and results["status"] == "completed"
    assert results["summary"]["total"] == 3 and results["summary"]["completed"] == 3
    assert results["summary"]["total_cost"] > 0 and results["summary"]["avg_latency_ms"] is not None
    assert [r["output"] for r in results["results"]] == list(ANSWERS.values())
    scores = {(s["name"], s["numeric_value"]) for r in results["results"] for s in r["scores"]}
    assert scores == {("exact", 1.0), ("helpfulness", 1.0)}

    compared = (
        await client.post(
            f"{API}/experiments/compare/", json={"experiment_ids": [a["id"], b["id"]]}
        )
    ).json()
    assert [c["dataset_item"]["input"]["query"] for c in compared["comparisons"]] == list(ANSWERS)
    versus = compared["summary"]["experiments"][b["id"]]["vs_baseline"]
    assert {k: versus["exact"][k] for k in ("delta", "improvements", "regressions", "unchanged",
                                           "n_paired", "p_value")} == {
        "delta": 1.0,
        "improvements": 3,
        "regressions": 0,
        "unchanged": 0,
        "n_paired": 3,
        "p_value": 0.25,
    }
    assert versus["helpfulness"]["delta"] == 0.75

    pair = await client.post(
        f"{API}/datasets/{dataset_id}/compare-prompt-versions/",
        json={
            "prompt_name": "support-system-prompt",
            "version_a": 1,
            "version_b": 2,
            "model": "gpt-4o-mini",
            "evaluator_ids": evaluators[:1],
        },
    )
    assert pair.status_code == 201, pair.text
    for side in ("experiment_a", "experiment_b"):
        done = await wait_for_experiment(client, pair.json()[side]["id"], timeout=60)
        assert done["status"] == "completed"
    side_by_side = (await client.get(pair.json()["compare_url"])).json()
    summary = side_by_side["summary"]["experiments"][pair.json()["experiment_b"]["id"]]
    assert summary["vs_baseline"]["exact"]["improvements"] == 3

    promoted = await client.put(
        f"{API}/prompts/support-system-prompt/labels/production/", json={"version": 2}
    )
    assert promoted.status_code == 200, promoted.text
    production = (await client.get(f"{API}/prompts/support-system-prompt/?label=production")).json()
    assert production["version"] == 2
    # The finished experiment still records what it ran.
    assert (await client.get(f"{API}/experiments/{a['id']}/")).json()["snapshot"]["prompt"][
        "version"
    ] == 1
