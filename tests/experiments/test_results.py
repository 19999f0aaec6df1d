"""Results: the seed's document, SQL summary, exports, human and API scores."""

import csv
import io
import json
import uuid

from tests.experiments.conftest import API, add_dataset, finish_run, runs_of, started_experiment


async def _three_runs(app, client) -> tuple[dict, list, object]:
    ds = await add_dataset(
        app,
        [{"query": "reset?"}, {"query": "pricing?"}, {"query": "contact?"}],
        expected=[{"answer": "Settings"}, {"answer": "Free, Pro"}, None],
        name="Support Agent QA",
    )
    experiment = await started_experiment(client, ds.id, name="mini on QA")
    runs = await runs_of(app, experiment["id"])
    await finish_run(
        app,
        runs[0].id,
        status="completed",
        output="Go to Settings",
        latency_ms=900,
        tokens_in=145,
        tokens_out=32,
        cost=0.005,
        attempts=1,
        scores=[{"name": "helpfulness", "numeric_value": 0.95}],
    )
    await finish_run(
        app,
        runs[1].id,
        status="completed",
        output="Free",
        latency_ms=1100,
        tokens_in=100,
        tokens_out=10,
        cost=0.002,
        attempts=1,
        scores=[{"name": "helpfulness", "numeric_value": 0.5}],
    )
    await finish_run(app, runs[2].id, status="failed", error="rate limited", attempts=5)
    return experiment, runs, ds


async def test_results_answer_the_seed_shape_with_sql_summary(app, client, queue) -> None:
    experiment, runs, ds = await _three_runs(app, client)
    response = await client.get(f"{API}/experiments/{experiment['id']}/results/")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {
        "experiment_id",
        "experiment_name",
        "dataset_name",
        "status",
        "summary",
        "evaluators",
        "items",
        "results",
    }
    assert (
        body["experiment_id"],
        body["experiment_name"],
        body["dataset_name"],
        body["status"],
    ) == (experiment["id"], "mini on QA", "Support Agent QA", "running")
    assert body["summary"] == {
        "total": 3,
        "completed": 2,
        "failed": 1,
        "pending": 0,
        "cancelled": 0,
        "skipped": 0,
        "avg_latency_ms": 1000,
        "total_cost": 0.007,
        "avg_cost": 0.0035,
        "cache_hits": 0,
        "budget_exhausted": False,
        "repetitions": 1,
        "flaky_items": 0,
        "pass_at_k": {},
    }
    assert body["items"] is None  # one repetition: the rows say it all
    first = body["results"][0]
    assert first == {
        "id": str(runs[0].id),
        "dataset_item_id": str(ds.item_ids[0]),
        "status": "completed",
        "output": "Go to Settings",
        "error": "",
        "error_class": "",
        "error_detail": "",
        "latency_ms": 900,
        "tokens_in": 145,
        "tokens_out": 32,
        "cost": 0.005,
        "cache_hits": 0,
        "tool_calls": None,
        "output_truncated": False,
        "item_input": {"query": "reset?"},
        "item_expected_output": {"answer": "Settings"},
        "repetition": 0,
        "attempt_history": None,
        "scores": [
            {
                "name": "helpfulness",
                "data_type": "numeric",
                "numeric_value": 0.95,
                "string_value": None,
                "source": "evaluator",
                "reason": "",
                "status": "ok",
                "evaluator_version": None,
            }
        ],
    }
    assert [r["dataset_item_id"] for r in body["results"]] == [str(i) for i in ds.item_ids]
    assert body["results"][2]["error"] == "rate limited" and body["results"][2]["scores"] == []


async def test_pending_summary_counts_pending_and_running(app, client, queue) -> None:
    ds = await add_dataset(app, [{"query": "a"}, {"query": "b"}])
    experiment = await started_experiment(client, ds.id)
    runs = await runs_of(app, experiment["id"])
    await finish_run(app, runs[0].id, status="running")
    summary = (await client.get(f"{API}/experiments/{experiment['id']}/results/")).json()["summary"]
    assert summary == {
        "total": 2,
        "completed": 0,
        "failed": 0,
        "pending": 2,
        "cancelled": 0,
        "skipped": 0,
        "avg_latency_ms": None,
        "total_cost": 0.0,
        "avg_cost": None,
        "cache_hits": 0,
        "budget_exhausted": False,
        "repetitions": 1,
        "flaky_items": 0,
        "pass_at_k": {},
    }


async def test_jsonl_export_has_one_result_per_line(app, client, queue) -> None:
    experiment, runs, _ = await _three_runs(app, client)
    response = await client.get(f"{API}/experiments/{experiment['id']}/results/?format=jsonl")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/x-ndjson")
    lines = [json.loads(line) for line in response.text.splitlines()]
    assert [line["id"] for line in lines] == [str(r.id) for r in runs]
    assert lines[0]["scores"][0]["numeric_value"] == 0.95
    assert lines[1]["item_input"] == {"query": "pricing?"}


async def test_csv_export_flattens_scores_into_columns(app, client, queue) -> None:
    experiment, runs, _ = await _three_runs(app, client)
    await finish_run(
        app,
        runs[1].id,
        scores=[
            {
                "name": "tone",
                "data_type": "categorical",
                "numeric_value": None,
                "string_value": "friendly",
            }
        ],
    )
    response = await client.get(f"{API}/experiments/{experiment['id']}/results/?format=csv")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert list(rows[0])[-2:] == ["score:helpfulness", "score:tone"]
    assert [r["score:helpfulness"] for r in rows] == ["0.95", "0.5", ""]
    assert [r["score:tone"] for r in rows] == ["", "friendly", ""]
    assert json.loads(rows[0]["item_input"]) == {"query": "reset?"}
    assert rows[2]["status"] == "failed" and rows[2]["error"] == "rate limited"


async def test_unknown_export_format_is_422(app, client, queue) -> None:
    experiment, _, _ = await _three_runs(app, client)
    response = await client.get(f"{API}/experiments/{experiment['id']}/results/?format=xml")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "format"]


async def test_human_score_is_added_and_shown_in_results(app, client, queue) -> None:
    experiment, runs, _ = await _three_runs(app, client)
    url = f"{API}/experiments/{experiment['id']}/results/{runs[2].id}/scores/"
    response = await client.post(
        url,
        json={
            "name": "helpfulness",
            "data_type": "numeric",
            "numeric_value": 0.1,
            "source": "human",
            "reason": "wrong",
        },
    )
    assert response.status_code == 201
    created = response.json()
    assert {
        k: created[k]
        for k in (
            "name",
            "data_type",
            "numeric_value",
            "string_value",
            "source",
            "reason",
            "run_id",
        )
    } == {
        "name": "helpfulness",
        "data_type": "numeric",
        "numeric_value": 0.1,
        "string_value": None,
        "source": "human",
        "reason": "wrong",
        "run_id": str(runs[2].id),
    }
    results = (await client.get(f"{API}/experiments/{experiment['id']}/results/")).json()["results"]
    assert results[2]["scores"] == [
        {
            "name": "helpfulness",
            "data_type": "numeric",
            "numeric_value": 0.1,
            "string_value": None,
            "source": "human",
            "reason": "wrong",
            "status": "ok",
            "evaluator_version": None,
        }
    ]


async def test_score_source_defaults_to_api_and_booleans_normalize(app, client, queue) -> None:
    experiment, runs, _ = await _three_runs(app, client)
    url = f"{API}/experiments/{experiment['id']}/results/{runs[0].id}/scores/"
    from_string = (
        await client.post(url, json={"name": "ok", "data_type": "boolean", "string_value": "True"})
    ).json()
    assert (from_string["numeric_value"], from_string["string_value"], from_string["source"]) == (
        1.0,
        "true",
        "api",
    )
    from_number = (
        await client.post(url, json={"name": "ok", "data_type": "boolean", "numeric_value": 0})
    ).json()
    assert (from_number["numeric_value"], from_number["string_value"]) == (0.0, "false")


async def test_invalid_scores_are_422_naming_the_field(app, client, queue) -> None:
    experiment, runs, _ = await _three_runs(app, client)
    url = f"{API}/experiments/{experiment['id']}/results/{runs[0].id}/scores/"
    cases = [
        ({"name": "x", "data_type": "numeric"}, "numeric_value"),
        ({"name": "x", "data_type": "boolean", "numeric_value": 0.5}, "numeric_value"),
        ({"name": "x", "data_type": "boolean", "string_value": "yes"}, "string_value"),
        (
            {"name": "x", "data_type": "boolean", "numeric_value": 1, "string_value": "false"},
            "string_value",
        ),
        ({"name": "x", "data_type": "boolean"}, "numeric_value"),
        ({"name": "x", "data_type": "categorical", "numeric_value": 1}, "string_value"),
        ({"name": "x", "data_type": "stars", "numeric_value": 1}, "data_type"),
        (
            {"name": "x", "data_type": "numeric", "numeric_value": 1, "source": "evaluator"},
            "source",
        ),
    ]
    for body, field in cases:
        response = await client.post(url, json=body)
        assert response.status_code == 422, body
        assert response.json()["detail"][0]["loc"] == ["body", field], body
    results = (await client.get(f"{API}/experiments/{experiment['id']}/results/")).json()["results"]
    assert [s["name"] for s in results[0]["scores"]] == ["helpfulness"]


async def test_score_on_foreign_or_mismatched_result_is_404(app, client, other_org, queue) -> None:
    experiment, runs, _ = await _three_runs(app, client)
    ds = await add_dataset(app, [{"query": "z"}], name="other")
    second = await started_experiment(client, ds.id)
    body = {"name": "x", "data_type": "numeric", "numeric_value": 1}
    wrong_pair = await client.post(
        f"{API}/experiments/{second['id']}/results/{runs[0].id}/scores/", json=body
    )
    assert wrong_pair.status_code == 404
    unknown = await client.post(
        f"{API}/experiments/{experiment['id']}/results/{uuid.uuid4()}/scores/", json=body
    )
    assert unknown.status_code == 404
    foreign = await other_org.post(
        f"{API}/experiments/{experiment['id']}/results/{runs[0].id}/scores/", json=body
    )
    assert foreign.status_code == 404


async def test_another_organization_cannot_export_the_results(app, client, other_org, queue) -> None:
    """The exports stream from a session of their own: the 404 must come before any row."""
    experiment, _, _ = await _three_runs(app, client)
    url = f"{API}/experiments/{experiment['id']}/results/"
    for fmt in ("json", "jsonl", "csv"):
        response = await other_org.get(url, params={"format": fmt})
        assert response.status_code == 404, (fmt, response.text)
        for secret in ("Go to Settings", "Free", "reset?", "rate limited", "helpfulness"):
            assert secret not in response.text, (fmt, secret)
    own = await client.get(url, params={"format": "csv"})
    assert own.status_code == 200 and "Go to Settings" in own.text
