"""The suite YAML: letta-evals' format as written today, plus evalforge's own evaluator kinds.

`parse()` turns a Source into a Suite, recording every problem (with its line) on the Source;
the caller raises once at the end. Graders become server evaluator definitions
(app/suites/graders.py), so the suite runner grades with exactly the server's code.
"""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from app.experiments.schemas import ExperimentConfig
from app.suites import gates, graders
from app.suites.source import Source

TOP_KEYS = frozenset({
    "name", "description", "dataset", "max_samples", "sample_tags", "concurrency",
    "max_concurrent", "output", "num_runs", "repetitions", "target", "graders", "gate",
    # letta-evals keys: understood; those evalforge cannot honour are reported
    "setup_script", "reward", "sandbox",
})
TARGET_KINDS = ("model", "agent", "python")
LETTA_TARGETS = ("letta_agent", "agent_file", "letta_code")
MODEL_KEYS = frozenset({
    "kind", "model", "prompt", "prompt_path", "prompt_name", "prompt_label", "prompt_version",
    "temperature", "max_tokens", "top_p", "seed", "cache", "max_cost",
    "tools", "tool_choice", "tool_results", "max_steps",
})
AGENT_KEYS = frozenset({"kind", "url", "headers", "timeout_s", "cache", "max_cost"})
PYTHON_KEYS = frozenset({"kind", "factory"})
REWARD_KEYS = frozenset({"kind", "metric_key", "function"})


@dataclass
class Target:
    kind: str
    config: dict[str, Any] = field(default_factory=dict)  # the experiment config (model, agent)
    prompt: dict[str, Any] | None = None  # an inline prompt to create: {"template"} or {"messages"}
    factory: str = ""  # python: path/file.py:function, relative to the suite


@dataclass
class Suite:
    name: str
    description: str
    base: Path  # the suite file's directory: dataset, prompt and factory paths start here
    dataset: Path
    target: Target
    graders: dict[str, graders.Grader]
    gate: dict[str, Any] | None = None
    max_samples: int | None = None
    sample_tags: list[str] = field(default_factory=list)
    concurrency: int | None = None
    output: Path | None = None
    repetitions: int = 1  # runs per sample (num_runs in letta-evals): gates see per-item means


def _int(src: Source, data: dict, key: str, minimum: int = 1) -> int | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        src.problem((key,), f"must be an integer >= {minimum}")
        return None
    return value


def _text(src: Source, data: dict, path: tuple, key: str, required: bool = False) -> str:
    value = data.get(key)
    if value is None:
        if required:
            src.problem((*path, key), "is required")
        return ""
    if not isinstance(value, str) or not value.strip():
        src.problem((*path, key), "must be a non-empty string")
        return ""
    return value


def _execution(src: Source, data: dict) -> dict[str, Any]:
    """The response cache and the cost budget (issue 11), passed to the experiment config."""
    out: dict[str, Any] = {}
    if "cache" in data:
        if isinstance(data["cache"], bool):
            out["cache"] = data["cache"]
        else:
            src.problem(("target", "cache"), "must be true or false")
    if "max_cost" in data:
        value = data["max_cost"]
        if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
            out["max_cost"] = value
        else:
            src.problem(("target", "max_cost"), "must be a number of USD > 0")
    return out


def _tools(src: Source, data: dict) -> dict[str, Any]:
    """Tools offered to a model target (issue 12), checked as the server's ExperimentConfig
    checks them, so `evalforge validate` names the key and line."""
    out = {k: data[k] for k in ("tools", "tool_choice", "tool_results", "max_steps") if k in data}
    try:
        ExperimentConfig.model_validate(out)
    except ValidationError as exc:
        for error in exc.errors():
            src.problem(("target", *map(str, error["loc"][:1])),
                        error["msg"].removeprefix("Value error, "))
    return out


def _model_target(src: Source, base: Path, data: dict) -> Target:
    src.check_keys(("target",), data, MODEL_KEYS)
    config = {k: data[k] for k in ("model", "prompt_name", "prompt_label", "prompt_version",
                                   "temperature", "max_tokens", "top_p", "seed") if k in data}
    config.update(_execution(src, data))
    config.update(_tools(src, data))
    prompt = None
    if "prompt" in data and "prompt_path" in data:
        src.problem(("target", "prompt_path"), "give prompt or prompt_path, not both")
    elif "prompt_path" in data:
        prompt = {"template": src.read(base, ("target", "prompt_path"), str(data["prompt_path"]))}
    elif "prompt" in data:
        value = data["prompt"]
        if isinstance(value, str):
            prompt = {"template": value}
        elif isinstance(value, list):
            prompt = {"messages": value}
        else:
            src.problem(("target", "prompt"), "must be a text or a list of chat messages")
    if prompt and "prompt_name" in data:
        src.problem(("target", "prompt_name"), "give an inline prompt or a server prompt, not both")
    if not config.get("model") and "prompt_name" not in data:
        src.problem(("target", "model"), "is required for a model target")
    return Target("model", config, prompt)


def _target(src: Source, base: Path, data: Any) -> Target:
    if not isinstance(data, dict):
        src.problem(("target",), "is required: a mapping with kind model, agent or python")
        return Target("model")
    kind = data.get("kind")
    if kind in LETTA_TARGETS:
        src.problem(("target", "kind"), f"target kind {kind!r} needs a Letta server; "
                    f"evalforge runs target kinds: {', '.join(TARGET_KINDS)}")
        return Target(kind)
    if kind == "model":
        return _model_target(src, base, data)
    if kind == "agent":
        src.check_keys(("target",), data, AGENT_KEYS)
        agent = {k: data[k] for k in ("url", "headers", "timeout_s") if k in data}
        _text(src, data, ("target",), "url", required=True)
        return Target("agent", {"agent": agent, **_execution(src, data)})
    if kind == "python":
        src.check_keys(("target",), data, PYTHON_KEYS)
        return Target("python", factory=_text(src, data, ("target",), "factory", required=True))
    src.problem(("target", "kind"), f"unknown target kind {kind!r}; evalforge runs target "
                f"kinds: {', '.join(TARGET_KINDS)} (letta-evals: {', '.join(LETTA_TARGETS)} "
                "need a Letta server)")
    return Target(str(kind))


def _letta_hooks(src: Source, base: Path, data: dict) -> None:
    """letta-evals keys that run the suite's own code or infrastructure: named, not run."""
    if "setup_script" in data:
        src.problem(("setup_script",), "letta-evals setup scripts are not run by evalforge "
                    f"({graders.describe_function(base, data['setup_script'])}); remove the key")
    if "sandbox" in data:
        src.problem(("sandbox",), "letta-evals sandboxes (Modal) are not supported; remove the key")
    reward = data.get("reward")
    if isinstance(reward, dict):
        src.check_keys(("reward",), reward, REWARD_KEYS)
        if reward.get("kind") == "custom":
            src.problem(("reward", "function"), "custom reward functions are not run by evalforge "
                        f"({graders.describe_function(base, reward.get('function'))}); "
                        "use a gate (kind: weighted_average or logical)")


def _repetitions(src: Source, data: dict) -> int:
    """`repetitions: N` (or letta-evals' `num_runs: N`): every sample runs N times, as the
    server's config.repetitions allows (1 to 100)."""
    if "repetitions" in data and "num_runs" in data:
        src.problem(("num_runs",), "give repetitions or its alias num_runs, not both")
    key = "num_runs" if "num_runs" in data else "repetitions"
    value = _int(src, data, key)
    try:
        ExperimentConfig.model_validate({"repetitions": value})
    except ValidationError as exc:
        src.problem((key,), exc.errors()[0]["msg"].lower())
        return 1
    return value or 1


def _dataset(src: Source, base: Path, data: dict) -> Path:
    relative = _text(src, data, (), "dataset", required=True)
    path = base / relative
    if relative and path.suffix.lower() not in (".jsonl", ".csv"):
        src.problem(("dataset",), "must be a .jsonl or .csv file")
    elif relative and not path.is_file():
        src.problem(("dataset",), f"file {relative} not found")
    return path


def parse(src: Source, suite_path: Path) -> Suite:
    data, base = src.data, suite_path.resolve().parent
    src.check_keys((), data, TOP_KEYS)
    _letta_hooks(src, base, data)
    repetitions = _repetitions(src, data)
    tags = data.get("sample_tags") or []
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        src.problem(("sample_tags",), "must be a list of tags")
        tags = []
    if "concurrency" in data and "max_concurrent" in data:
        src.problem(("max_concurrent",), "give concurrency or max_concurrent, not both")
    concurrency = _int(src, data, "concurrency") or _int(src, data, "max_concurrent")
    output = _text(src, data, (), "output")
    suite = Suite(
        name=_text(src, data, (), "name", required=True) or suite_path.stem,
        description=data.get("description") or "",
        base=base,
        dataset=_dataset(src, base, data),
        target=_target(src, base, data.get("target")),
        graders=graders.parse_all(src, base, data.get("graders")),
        max_samples=_int(src, data, "max_samples"),
        sample_tags=tags,
        concurrency=concurrency,
        output=base / output if output else None,
        repetitions=repetitions,
    )
    if "gate" in data:
        suite.gate = gates.parse(src, ("gate",), data["gate"], set(suite.graders))
    return suite
