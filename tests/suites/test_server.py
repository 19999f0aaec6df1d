"""`--server`: the same suite as an experiment on a live evalforge server (uvicorn, the fake
model), re-runs reusing the dataset and evaluators; the REST API cannot name a python target."""

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.fuzz.live import ADMIN, PASSWORD, api_key
from tests.live import EVALFORGE, serving
from tests.suites.conftest import EXAMPLES, write


@pytest.fixture
def live_server(tmp_path: Path, fake_llm) -> Iterator[tuple[str, str]]:
    """(base URL, API key) of `evalforge serve` on a SQLite file, models at the fake server."""
    env = {**os.environ, "EVALFORGE_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'server.db'}",
           "EVALFORGE_SECRET_FILE": str(tmp_path / "secret"), "EVALFORGE_REDIS_URL": ""}
    with serving(env | {"EVALFORGE_ADMIN_EMAIL": ADMIN, "EVALFORGE_ADMIN_PASSWORD": PASSWORD},
                 tmp_path) as (base, _):
        yield base, api_key(base)


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([EVALFORGE, "run", *args, "--display", "plain"], check=False,
                          capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})


def test_suite_runs_on_a_server_and_reruns_reuse_dataset_and_evaluators(live_server, tmp_path: Path) -> None:
    base, key = live_server
    suite = str(EXAMPLES / "memory" / "suite.yaml")
    first = _run(suite, "--server", base, "--api-key", key, "--output", str(tmp_path / "a"))
    assert first.returncode == 1, first.stdout + first.stderr  # the example's gate fails on echo
    second = _run(suite, "--server", base, "--api-key", key, "--output", str(tmp_path / "b"))
    assert second.returncode == 1
    api = httpx.Client(base_url=f"{base}/api/v1", headers={"Authorization": f"Bearer {key}"})
    experiments = api.get("/experiments/").json()["results"]
    assert len(experiments) == 2
    assert api.get("/datasets/").json()["count"] == 1
    assert api.get("/evaluators/").json()["count"] == 2
    link = f"experiment: {base}/ui/experiments/{experiments[0]['id']}/"
    assert link in second.stdout or link in first.stdout
    results = api.get(f"/experiments/{experiments[0]['id']}/results/").json()
    assert [r["scores"][0]["numeric_value"] for r in results["results"]] == [0.0, 1.0, 0.0, 0.0]


def test_python_target_is_refused_with_server(live_server, tmp_path: Path) -> None:
    base, key = live_server
    done = _run(str(EXAMPLES / "python-factory" / "suite.yaml"), "--server", base, "--api-key", key)
    assert done.returncode == 2
    assert "a python target runs only on the embedded engine" in done.stderr


@pytest.mark.parametrize("config", [
    {"target": "python", "factory": "agent.py:make"},
    {"python": {"factory": "/tmp/evil.py:run"}},
    {"model": "gpt-4o-mini", "factory": "evil.py:run"},
])
async def test_api_refuses_a_python_target(client: httpx.AsyncClient, config: dict, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    write(tmp_path, {"evil.py": f"open({str(marker)!r}, 'w').write('x')\ndef run(s): ...\n"})
    dataset = (await client.post("/api/v1/datasets/", json={"name": "d"})).json()
    response = await client.post("/api/v1/experiments/", json={
        "name": "x", "dataset_id": dataset["id"], "config": config})
    assert response.status_code == 422
    assert response.json()["detail"][0]["type"] == "extra_forbidden"
    assert not marker.exists()


VERDICT_SUITE = """name: verdict
dataset: data.jsonl
target:
  kind: model
  model: gpt-4o-mini
graders:
  correct:
    kind: contains
"""
VERDICT_DATA = "".join(f'{{"input": "say word{i}", "ground_truth": "word{i}"}}\n' for i in range(6))


def test_verdict_gates_a_server_run_against_the_pinned_baseline(live_server, fake_llm, tmp_path: Path) -> None:
    base, key = live_server
    suite = str(write(tmp_path, {"suite.yaml": VERDICT_SUITE, "data.jsonl": VERDICT_DATA}))
    server = ("--server", base, "--api-key", key)
    unpinned = _run(suite, *server, "--verdict", "pinned", "--output", str(tmp_path / "a"))
    assert unpinned.returncode == 2 and "none pinned" in unpinned.stderr, unpinned.stderr
    api = httpx.Client(base_url=f"{base}/api/v1", headers={"Authorization": f"Bearer {key}"})
    (baseline,) = api.get("/experiments/").json()["results"]
    pinned = api.put(f"/datasets/{baseline['dataset_id']}/baseline/",
                     json={"experiment_id": baseline["id"]})
    assert pinned.status_code == 200, pinned.text
    same = _run(suite, *server, "--verdict", "pinned", "--output", str(tmp_path / "b"))
    assert same.returncode == 0, same.stdout + same.stderr  # the echo contains every word again
    assert "verdict: PASS against baseline " + baseline["id"] in same.stdout
    fake_llm.reply_fn = lambda request: "no idea"  # every item that passed now fails
    worse = _run(suite, *server, "--verdict", "pinned", "--output", str(tmp_path / "c"))
    assert worse.returncode == 1, worse.stdout + worse.stderr
    summary = (tmp_path / "c" / "summary.json").read_text()
    assert '"verdict": "fail"' in summary and "6 item(s) passed correct" in summary
