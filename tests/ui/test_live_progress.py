"""The experiment page follows the live progress stream (issue 11.5): while the experiment
runs, the progress box names its event stream and loads progress.js (htmx polling and the
no-JavaScript refresh stay as fallbacks); the stream answers the page's own session cookie;
the script writes server text with textContent only."""

import re
import shutil
import subprocess
from pathlib import Path

import httpx
import pytest

from bench.fakellm import FakeLLM
from tests.conftest import wait_for_experiment
from tests.ui.conftest import API, SCRIPT, csrf, make_dataset

STATIC = Path(__file__).resolve().parents[2] / "app" / "ui" / "static"


async def _start(client: httpx.AsyncClient, name: str) -> str:
    dataset_id = await make_dataset(client, "QA", [{"input": f"q{i}"} for i in range(3)])
    done = await client.post(f"/ui/datasets/{dataset_id}/experiments/", data={
        "csrf_token": await csrf(client), "name": name, "model": "demo-model"})
    assert done.status_code == 303, done.text
    return done.headers["location"]


async def test_running_page_follows_the_stream_and_keeps_its_fallbacks(
    client: httpx.AsyncClient, fake_llm: FakeLLM
) -> None:
    fake_llm.latency_ms = 3000
    url = await _start(client, "slow")
    experiment_id = url.rstrip("/").rsplit("/", 1)[1]
    page = await client.get(url)
    box = re.search(r'<div id="progress"[^>]*>', page.text).group(0)
    assert f'data-events="/api/v1/experiments/{experiment_id}/events/"' in box
    assert 'hx-trigger="every 1s"' in box  # the fallback while the stream is unavailable
    assert '<script src="/ui/static/progress.js" defer></script>' in page.text
    assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in page.text
    assert 'id="live-runs"' in page.text
    await client.post(f"{url}cancel/", data={"csrf_token": await csrf(client)})
    finished = await client.get(url)
    assert "data-events" not in finished.text and "progress.js" not in finished.text


async def test_the_stream_answers_the_pages_session(client: httpx.AsyncClient, fake_llm: FakeLLM) -> None:
    url = await _start(client, SCRIPT)
    experiment_id = url.rstrip("/").rsplit("/", 1)[1]
    await wait_for_experiment(client, experiment_id)
    stream = await client.get(f"{API}/experiments/{experiment_id}/events/")  # the cookie only
    assert stream.status_code == 200
    assert stream.headers["content-type"].startswith("text/event-stream")
    kinds = re.findall(r"^event: (\w+)$", stream.text, re.MULTILINE)
    assert kinds == ["run"] * 3 + ["progress", "status", "end"]


async def test_progress_script_writes_text_never_html(client: httpx.AsyncClient) -> None:
    script = await client.get("/ui/static/progress.js")
    assert script.status_code == 200
    assert "textContent" in script.text
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in script.text


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_progress_script_parses() -> None:
    checked = subprocess.run(["node", "--check", str(STATIC / "progress.js")],
                             capture_output=True, text=True, check=False)
    assert checked.returncode == 0, checked.stderr
