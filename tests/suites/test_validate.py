"""Invalid suites and datasets: every problem at once, with file and line, exit 2."""

import os
import subprocess
import sys
from pathlib import Path

from app.evaluators.graders import KINDS
from tests.suites.conftest import problems_of, write

EVALFORGE = str(Path(sys.executable).with_name("evalforge"))
CORPUS = Path("/work/shared/corpus/letta-evals/suites")
GOOD = """name: s
dataset: data.jsonl
target:
  kind: model
  model: gpt-4o-mini
graders:
  ok:
    kind: contains
"""


async def test_unknown_keys_are_named_with_their_line(tmp_path: Path) -> None:
    path = write(tmp_path, {"data.jsonl": '{"input": "a", "ground_truth": "a"}\n', "suite.yaml": (
        GOOD.replace("  model: gpt-4o-mini\n", "  model: gpt-4o-mini\n  temprature: 0\n")
        + "    casesensitive: false\nmax_sample: 3\n")})
    problems = await problems_of(path)
    assert problems == [
        ("suite.yaml:11: max_sample: unknown key 'max_sample'; allowed here: concurrency, dataset, "
        "description, gate, graders, max_concurrent, max_samples, name, num_runs, output, repetitions, reward, "
        "sample_tags, sandbox, setup_script, target"),
        ("suite.yaml:6: target.temprature: unknown key 'temprature'; allowed here: cache, kind, "
        "max_cost, max_steps, max_tokens, model, prompt, prompt_label, prompt_name, prompt_path, "
        "prompt_version, seed, temperature, tool_choice, tool_results, tools, top_p"),
        "suite.yaml:10: graders.ok.casesensitive: Extra inputs are not permitted",
    ]


async def test_bad_dataset_lines_are_all_reported_as_the_server_reports_them(tmp_path: Path) -> None:
    data = '{"input": "fine"}\n{"input": \n{"ground_truth": "x"}\n{"input": "t", "tags": "math"}\n'
    path = write(tmp_path, {"data.jsonl": data, "suite.yaml": GOOD})
    problems = await problems_of(path)
    assert [p.split(": ")[0] for p in problems] == [
        "data.jsonl:2", "data.jsonl:3", "data.jsonl:4"]
    assert problems[1].endswith("input: input is required")
    assert problems[2].endswith("tags: tags must be a list of strings")


async def test_missing_rubric_vars_are_named_by_variable_and_line(tmp_path: Path) -> None:
    suite = GOOD.replace("    kind: contains\n", (
        "    kind: rubric\n    model: gpt-4o-mini\n    rubric: 'Compare {submission} to {ref}'\n"
        "    rubric_vars: [ref, style]\n"))
    data = ('{"input": "a", "rubric_vars": {"ref": "x", "style": "y"}}\n'
            '{"input": "b", "rubric_vars": {"ref": "x"}}\n{"input": "c"}\n')
    problems = await problems_of(write(tmp_path, {"data.jsonl": data, "suite.yaml": suite}))
    assert problems == [
        "data.jsonl:2: rubric_vars: missing rubric variable(s) style required by grader 'ok'",
        "data.jsonl:3: rubric_vars: missing rubric variable(s) ref, style required by grader 'ok'",
    ]


async def test_targets_gates_and_repetitions_that_cannot_run_are_explained(tmp_path: Path) -> None:
    suite = """name: s
dataset: data.csv
num_runs: 101
target:
  kind: letta_agent
  agent_file: a.af
graders:
  g:
    kind: tool
    function: regex_match
gate:
  kind: logical
  operator: xor
  conditions:
    - metric_key: nope
      aggregation: mean
      op: gte
      value: 1
"""
    problems = await problems_of(write(tmp_path, {"data.csv": "input\nhello\n", "suite.yaml": suite}))
    assert problems == [
        "suite.yaml:3: num_runs: input should be less than or equal to 100",
        ("suite.yaml:5: target.kind: target kind 'letta_agent' needs a Letta server; evalforge "
        "runs target kinds: model, agent, python"),
        ("suite.yaml:10: graders.g.function: unknown tool function 'regex_match'; evalforge runs: "
         f"exact_match, contains, ascii_printable_only (or any kind: {', '.join(KINDS)})"),
        "suite.yaml:13: gate.operator: must be and or or",
        "suite.yaml:15: gate.conditions.0.metric_key: 'nope' is not a grader of this suite (g)",
        ("suite.yaml:16: gate.conditions.0.aggregation: must be one of avg_score, accuracy, min, "
        "max, median, p50, p95, p99"),
    ]


async def test_python_factory_is_checked_without_running_it(tmp_path: Path) -> None:
    suite = GOOD.replace("  kind: model\n  model: gpt-4o-mini\n", "  kind: python\n  factory: agent.py:make\n")
    files = {"data.jsonl": '{"input": "a"}\n', "suite.yaml": suite,
             "agent.py": "raise SystemExit('imported!')\ndef other(sample): ...\n"}
    problems = await problems_of(write(tmp_path, files))
    assert problems == ["suite.yaml:5: target.factory: agent.py has no function make"]


def test_validate_command_exits_2_listing_every_letta_corpus_problem(tmp_path: Path) -> None:
    done = subprocess.run([EVALFORGE, "validate", str(CORPUS / "programmatic-agent-creation" / "suite.yaml")],
                          check=False, capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    assert lines[0] == "3 problem(s):"
    assert "suite.yaml:4: setup_script: letta-evals setup scripts are not run by evalforge " \
           "(function prepare_evaluation in setup.py (not found)); remove the key" in lines[1]
    # letta's tool_output extractor with extractor_config.tool_name is understood (issue 12)
    assert not any("extractor" in line for line in lines)


async def test_every_letta_corpus_suite_parses_and_names_its_letta_target() -> None:
    paths = sorted(CORPUS.glob("*/suite*.yaml"))
    assert len(paths) == 8
    for path in paths:
        problems = await problems_of(path)
        assert any("target kind 'letta_code' needs a Letta server; evalforge runs target kinds: "
                   "model, agent, python" in p for p in problems), path


def test_validate_command_accepts_a_good_suite(tmp_path: Path) -> None:
    path = write(tmp_path, {"data.jsonl": '{"input": "a", "tags": ["x"]}\n{"input": "b"}\n', "suite.yaml": GOOD})
    done = subprocess.run([EVALFORGE, "validate", str(path)], check=False, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"{path}: valid (2 of 2 samples, 1 grader(s), target model)\n"
