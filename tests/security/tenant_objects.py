"""Organization A's objects, one of every kind, and a snapshot of everything A can read, so
the tenant sweep can tell that nothing of A changed."""

import httpx

from tests.conftest import wait_for_experiment

API = "/api/v1"


def ok(response: httpx.Response) -> dict:
    assert response.status_code in (200, 201), response.text
    return response.json()


async def make_objects(a: httpx.AsyncClient, b: httpx.AsyncClient) -> dict[str, str]:
    """A's objects by path parameter name, plus B's own dataset (`b_dataset_id`) so nested
    routes are also tried with B's parent and A's child."""
    run = ok(await a.post(f"{API}/runs/", json={"agent_name": "a-agent", "inputs": {"q": "a"},
                                                 "result": {"a": "secret"}, "status": "success"}))
    dataset = ok(await a.post(f"{API}/datasets/", json={"name": "a-data", "tags": ["a"]}))
    item = ok(await a.post(f"{API}/datasets/{dataset['id']}/items/",
                           json={"input": "a-question", "expected_output": "a-question"}))
    for template in ("A says {{input}}", "A replies {{input}}"):
        ok(await a.post(f"{API}/prompts/", json={"name": "a-prompt", "template": template,
                                                 "labels": ["production"]}))
    evaluator = ok(await a.post(f"{API}/evaluators/", json={"name": "a-exact",
                                                            "kind": "exact_match", "config": {}}))
    config = {"prompt_name": "a-prompt", "prompt_version": 1, "model": "gpt-4o-mini"}
    done, pending = [
        ok(await a.post(f"{API}/experiments/", json={
            "name": name, "dataset_id": dataset["id"], "config": config,
            "evaluator_ids": [evaluator["id"]]}))
        for name in ("a-done", "a-pending")
    ]
    ok(await a.post(f"{API}/experiments/{done['id']}/start/"))
    await wait_for_experiment(a, done["id"])
    result = ok(await a.get(f"{API}/experiments/{done['id']}/results/"))["results"][0]
    key = ok(await a.post(f"{API}/api-keys/", json={"name": "a-key"}))
    member = ok(await a.post(f"{API}/users/", json={"email": "member@acme.test",
                                                    "password": "long-enough-pw",
                                                    "role": "member"}))
    b_dataset = ok(await b.post(f"{API}/datasets/", json={"name": "b-data"}))
    return {
        "dataset_id": dataset["id"], "item_id": item["id"], "run_id": str(run["id"]),
        "name": "a-prompt", "label": "production", "evaluator_id": evaluator["id"],
        "experiment_id": pending["id"], "done_id": done["id"], "result_id": result["id"],
        "key_id": key["id"], "user_id": member["id"], "b_dataset_id": b_dataset["id"],
    }


async def snapshot(a: httpx.AsyncClient, ids: dict[str, str]) -> dict[str, object]:
    """Everything A can read about its objects, as A sees it."""
    urls = [
        "/datasets/", f"/datasets/{ids['dataset_id']}/", f"/datasets/{ids['dataset_id']}/items/",
        f"/datasets/{ids['dataset_id']}/items/{ids['item_id']}/",
        f"/datasets/{ids['dataset_id']}/export/?format=jsonl",
        "/runs/", f"/runs/{ids['run_id']}/", "/prompts/", "/prompts/a-prompt/",
        "/prompts/a-prompt/versions/", "/evaluators/", f"/evaluators/{ids['evaluator_id']}/",
        "/experiments/", f"/experiments/{ids['experiment_id']}/",
        f"/experiments/{ids['done_id']}/", f"/experiments/{ids['done_id']}/results/",
        "/api-keys/", "/users/",
    ]
    state: dict[str, object] = {}
    for url in urls:
        response = await a.get(f"{API}{url}")
        assert response.status_code == 200, (url, response.text)
        is_json = response.headers["content-type"].startswith("application/json")
        state[url] = response.json() if is_json else response.text
    return state
