"""Model targets end to end: the API starts, the engine runs each item through litellm to the
fake server, graders score, the last run finalizes. Jobs run on arq (PostgreSQL) or in-process."""

import httpx
from fastapi import FastAPI

from bench.fakellm import FakeLLM
from tests.engine.conftest import add_dataset, add_evaluator, run_to_end, runs_of, score_count

API = "/api/v1"


async def test_every_run_completes_with_one_score_per_evaluator(
    app: FastAPI, client: httpx.AsyncClient, fake_llm: FakeLLM
) -> None:
    dataset = await add_dataset(app, ["Paris", "4", "blue"], expected=["Paris", "5", "blue"])
    exact = await add_evaluator(client, "exact", "exact_match")
    contains = await add_evaluator(client, "has-e", "contains", {"value": "e"})
    experiment = await run_to_end(client, dataset, {"model": "gpt-4o-mini"}, [exact, contains])
    assert experiment["status"] == "completed"
    assert experiment["error"] == ""
    runs = await runs_of(app, experiment["id"])
    assert [r.status for r in runs] == ["completed"] * 3
    assert [r.output for r in runs] == ["Paris", "4", "blue"]
    assert [r.attempts for r in runs] == [1, 1, 1]
    assert runs[0].messages == [{"role": "user", "content": "Paris"},
                                {"role": "assistant", "content": "Paris"}]
    assert all(r.tokens_in == 1 and r.tokens_out == 1 and r.cost > 0 for r in runs)
    assert all(r.lease_until is None and r.finished_at is not None for r in runs)
    assert await score_count(app, experiment["id"]) == 6
    results = (await client.get(f"{API}/experiments/{experiment['id']}/results/")).json()["results"]
    by_output = {r["output"]: {s["name"]: s["numeric_value"] for s in r["scores"]} for r in results}
    assert by_output["Paris"]["exact"] == 1.0
    assert by_output["4"]["exact"] == 0.0
    assert len(fake_llm.requests) == 3
