"""New Experiment, Compare Versions with the waiting page, the experiment page, the comparison
view's filters and sort, prompts with Promote, evaluators."""

import re

import httpx

from app.ui import demo_data
from bench.fakellm import FakeLLM
from tests.conftest import wait_for_experiment
from tests.ui.conftest import API, csrf, demo_pair, make_dataset

QUESTIONS = list(demo_data.CASES)


def _row_marks(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<tr class="cmp-row (\w+)" id="row-(\d+)"', html)


async def test_new_experiment_runs_and_the_page_shows_summary_and_scores(
    client: httpx.AsyncClient, fake_llm: FakeLLM
) -> None:
    fake_llm.reply_fn = demo_data.reply
    dataset_id = await make_dataset(client, "QA", demo_data.items()[:2])
    await client.post(f"{API}/prompts/", json={"name": "support-agent", "template": demo_data.PROMPT_V1})
    exact = (await client.post(f"{API}/evaluators/", json={
        "name": "exact", "kind": "exact_match", "config": {"expected_key": "answer"}})).json()
    done = await client.post(f"/ui/datasets/{dataset_id}/experiments/", data={
        "csrf_token": await csrf(client), "name": "v1 run", "prompt_name": "support-agent",
        "prompt_ref": "1", "model": "demo-model", "temperature": "0", "evaluator_ids": exact["id"],
    })
    assert done.status_code == 303
    experiment_id = done.headers["location"].split("/")[-2]
    assert (await wait_for_experiment(client, experiment_id))["status"] == "completed"
    page = await client.get(done.headers["location"])
    assert '<span class="status status-completed" id="status">completed</span>' in page.text
    assert '<div>completed<b id="n-completed">2</b></div>' in page.text
    assert "prompt support-agent v1 · " in page.text and "model demo-model" in page.text
    assert "You can reset it from your account settings." in page.text
    scores = re.findall(r'<div class="score"><b>exact</b> (\S+)', page.text)
    assert scores == ["0", "1"]
    assert "hx-get" not in page.text  # finished: no more polling


async def test_new_experiment_errors_name_the_field(client: httpx.AsyncClient) -> None:
    dataset_id = await make_dataset(client, "QA", [{"input": "x"}])
    done = await client.post(f"/ui/datasets/{dataset_id}/experiments/", data={
        "csrf_token": await csrf(client), "name": "bad", "prompt_name": "missing", "model": "demo-model",
    })
    assert done.status_code == 422
    assert "config.prompt_name" in done.text
    assert (await client.get(f"{API}/experiments/")).json()["count"] == 0


async def test_compare_versions_waits_then_redirects_to_the_comparison(
    client: httpx.AsyncClient, fake_llm: FakeLLM
) -> None:
    fake_llm.reply_fn = demo_data.reply
    fake_llm.latency_ms = 50
    dataset_id = await make_dataset(client, "QA", demo_data.items())
    for text in (demo_data.PROMPT_V1, demo_data.PROMPT_V2):
        await client.post(f"{API}/prompts/", json={"name": "support-agent", "template": text})
    done = await client.post(f"/ui/datasets/{dataset_id}/compare-versions/", data={
        "csrf_token": await csrf(client), "prompt_name": "support-agent", "version_a": "1",
        "version_b": "2", "model": "demo-model",
    })
    assert done.status_code == 303
    wait_url = done.headers["location"]
    ids = wait_url.split("experiment_ids=")[1].split(",")
    waiting = await client.get(wait_url)
    assert waiting.status_code == 200 and '<meta http-equiv="refresh" content="1">' in waiting.text
    for experiment_id in ids:
        await wait_for_experiment(client, experiment_id)
    finished = await client.get(wait_url)
    assert finished.status_code == 303
    assert finished.headers["location"] == f"/ui/compare/?experiment_ids={ids[0]},{ids[1]}"


async def test_compare_versions_bad_version_is_shown(client: httpx.AsyncClient) -> None:
    dataset_id = await make_dataset(client, "QA", [{"input": "x"}])
    await client.post(f"{API}/prompts/", json={"name": "p", "template": "a"})
    done = await client.post(f"/ui/datasets/{dataset_id}/compare-versions/", data={
        "csrf_token": await csrf(client), "prompt_name": "p", "version_a": "1", "version_b": "7",
        "model": "demo-model",
    })
    assert done.status_code == 422 and "version_b:" in done.text


async def test_comparison_marks_filters_and_sorts(client: httpx.AsyncClient, fake_llm: FakeLLM) -> None:
    _dataset, a, b = await demo_pair(client, fake_llm)
    base = f"/ui/compare/?experiment_ids={a},{b}"
    page = await client.get(base)
    # v2 fixes questions 1, 4, 5, 8 and breaks 2 and 7 (app/ui/demo_data.py).
    assert _row_marks(page.text) == [
        ("improved", "1"), ("regressed", "2"), ("unchanged", "3"), ("improved", "4"),
        ("improved", "5"), ("unchanged", "6"), ("regressed", "7"), ("improved", "8"),
    ]
    assert "4 improved · 2 regressed · 2 unchanged · 0 with errors · showing 8" in page.text
    assert '<b class="badge improved">+0.250</b>' in page.text  # mean 0.5 -> 0.75
    regressions = await client.get(f"{base}&show=regressions")
    assert _row_marks(regressions.text) == [("regressed", "2"), ("regressed", "7")]
    improvements = await client.get(f"{base}&show=improvements&q=settings")
    assert _row_marks(improvements.text) == []  # the inputs are questions, not paths
    searched = await client.get(f"{base}&q=PASSWORD")
    assert _row_marks(searched.text) == [("improved", "1")]
    worst_first = await client.get(f"{base}&sort=delta")
    assert [n for _m, n in _row_marks(worst_first.text)][:2] == ["2", "7"]
    # The diff against the baseline marks what v2 changed.
    assert (
        "<del>We offer Free, Pro, </del><ins>Go to Settings &gt; Billing &gt; Plans to compare Free </ins>"
        "and <del>Enterprise plans</del><ins>Pro</ins>"
    ) in regressions.text
    errors = await client.get(f"{base}&show=errors")
    assert _row_marks(errors.text) == []


async def test_prompt_versions_side_by_side_and_promote(client: httpx.AsyncClient) -> None:
    await client.post(f"{API}/prompts/", json={"name": "p", "template": "Answer briefly.", "labels": ["production"]})
    await client.post(f"{API}/prompts/", json={"name": "p", "template": "Answer with steps."})
    page = await client.get("/ui/prompts/p/")
    assert '<pre class="cell" id="version-diff">Answer <del>briefly.</del><ins>with steps.</ins></pre>' in page.text
    listing = await client.get("/ui/prompts/")
    assert '<span class="tag">production → v1</span>' in listing.text
    done = await client.post("/ui/prompts/p/promote/", data={
        "csrf_token": await csrf(client), "label": "production", "version": "2"})
    assert done.status_code == 303
    assert (await client.get(f"{API}/prompts/p/?label=production")).json()["version"] == 2
    bad = await client.post("/ui/prompts/p/promote/", data={
        "csrf_token": await csrf(client), "label": "latest", "version": "1"})
    assert bad.status_code == 422 and "cannot be set" in bad.text


async def test_create_evaluators_and_see_rubric_variables(client: httpx.AsyncClient) -> None:
    token = await csrf(client)
    judge = await client.post("/ui/evaluators/", data={
        "csrf_token": token, "name": "helpful", "kind": "llm_judge",
        "config": '{"model": "demo-model"}', "rubric": "Q: {input} A: {output} Tone: {tone}",
    })
    assert judge.status_code == 303
    page = await client.get("/ui/evaluators/")
    assert re.findall(r'<span class="tag">\{(\w+)\}</span>', page.text) == ["input", "output", "tone"]
    bad = await client.post("/ui/evaluators/", data={
        "csrf_token": token, "name": "x", "kind": "exact_match", "config": "[1]"})
    assert bad.status_code == 422 and "config: must be a JSON object" in bad.text


async def test_progress_polls_while_running_and_cancel_stops_it(
    client: httpx.AsyncClient, fake_llm: FakeLLM
) -> None:
    fake_llm.latency_ms = 3000
    dataset_id = await make_dataset(client, "QA", [{"input": f"q{i}"} for i in range(6)])
    done = await client.post(f"/ui/datasets/{dataset_id}/experiments/", data={
        "csrf_token": await csrf(client), "name": "slow", "model": "demo-model",
    })
    experiment_url = done.headers["location"]
    running = await client.get(f"{experiment_url}progress/")
    assert 'hx-get="' in running.text and "HX-Refresh" not in running.headers
    page = await client.get(experiment_url)
    assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in page.text
    assert '<button type="submit" class="danger">Cancel</button>' in page.text
    cancelled = await client.post(f"{experiment_url}cancel/", data={"csrf_token": await csrf(client)})
    assert cancelled.status_code == 303
    finished = await client.get(f"{experiment_url}progress/")
    assert finished.headers["HX-Refresh"] == "true"
    assert '<span class="status status-cancelled" id="status">cancelled</span>' in finished.text
    again = await client.post(f"{experiment_url}cancel/", data={"csrf_token": await csrf(client)})
    assert again.status_code == 409 and "Experiment is cancelled; cannot cancel." in again.text
