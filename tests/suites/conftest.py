"""Helpers for the suite runner tests: write a suite and its files, run it in-process on the
embedded engine (against the fake model server), read back summary.json and results.jsonl."""

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.suites import load, runner
from app.suites.source import SuiteInvalid
from bench.fakellm import FakeLLM
from bench.fakellm_replies import echo_last_user

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
JUDGE_REPLY = '{"score": 0.75, "reason": "close to the reference"}'


@dataclass
class Outcome:
    code: int
    summary: dict
    rows: list[dict]
    out: Path


def judge_or_echo(request: dict) -> str:
    """The judge (recognised by the server judge's system prompt) answers 0.75; else echo."""
    system = " ".join(m.get("content") or "" for m in request.get("messages", [])
                      if m.get("role") == "system")
    return JUDGE_REPLY if "impartial evaluator" in system else echo_last_user(request)


@pytest.fixture
def model_server(fake_llm: FakeLLM) -> FakeLLM:
    fake_llm.reply_fn = judge_or_echo
    return fake_llm


def write(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    return folder / "suite.yaml"


async def run_suite(path: Path, out: Path, **options) -> Outcome:
    overrides = {k: options.pop(k) for k in ("max_samples", "tags", "concurrency") if k in options}
    suite, samples = await load.prepare(path, **overrides)
    opts = runner.Options(output=out, display="none", poll_s=0.05, **options)
    code = await runner.run(suite, samples, opts)
    summary = json.loads((out / "summary.json").read_text()) if (out / "summary.json").exists() else {}
    rows = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    return Outcome(code, summary, sorted(rows, key=lambda r: r["line"]), out)


async def problems_of(path: Path) -> list[str]:
    with pytest.raises(SuiteInvalid) as caught:
        await load.prepare(path)
    return [str(p).replace(str(path.parent) + "/", "") for p in caught.value.problems]
