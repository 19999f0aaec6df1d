"""The generated Python client (sdk/): current with the app's OpenAPI spec, installable, and
the seed's Python example runs through it against a live server with the fake model."""

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fuzz import live

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = Path(__file__).with_name("sdk_example.py")


def _generator_script():
    spec = importlib.util.spec_from_file_location("gen_sdk", ROOT / "scripts" / "gen_sdk.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_sdk_is_generated_from_the_current_spec() -> None:
    """Fails when a route or schema changed since sdk/ was generated: run `make sdk`."""
    gen = _generator_script()
    assert gen.SPEC.read_text() == gen.spec_text(), "sdk/ is stale: run `make sdk`"
    operations = json.loads(gen.SPEC.read_text())["paths"]["/api/v1/prompts/"]
    assert operations["get"]["operationId"] == "prompts-list"
    assert (gen.PACKAGE_DIR / "evalforge_client/api/prompts/prompts_list.py").exists()


def _install_sdk(target: Path) -> None:
    """pip-installs sdk/ into a folder of its own (not the project's venv)."""
    done = subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps",
         "--target", str(target), str(ROOT / "sdk" / "evalforge-client")],
        check=False, capture_output=True, text=True,
    )
    assert done.returncode == 0, done.stderr


# One backend: the client speaks HTTP to the same API either way; the production shape's
# processes are the fault tests' (tests/faults), and both backends run every API test.
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_seed_example_runs_through_the_generated_client(
    database_url: str, module_llm, tmp_path: Path
) -> None:
    target = tmp_path / "site"
    _install_sdk(target)
    env = live.server_env(database_url, tmp_path, module_llm.base_url)
    with live.serve(env, tmp_path) as server:
        # Blocking is harmless here: the server is another process, this loop serves nothing.
        done = subprocess.run(  # noqa: ASYNC221
            [sys.executable, str(EXAMPLE), server.base_url, server.api_key],
            check=False, capture_output=True, text=True, cwd=tmp_path, timeout=300,
            env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(target)},
        )
    assert done.returncode == 0, done.stderr
    got = json.loads(done.stdout)
    assert got["run_ids"] == [1, 2]
    assert got["item_inputs"] == ["How do I reset my password?", "What are your pricing plans?"]
    assert got["names"] == ["support-system-prompt-v1-vs-v2-a", "support-system-prompt-v1-vs-v2-b"]
    assert got["statuses"] == ["completed", "completed"]
    # The fake model echoes the user message: each item's question, once per experiment.
    assert got["outputs"] == sorted(["How do I reset my password?",
                                     "What are your pricing plans?"] * 2)
    assert got["same_as_compare_url"] is True
