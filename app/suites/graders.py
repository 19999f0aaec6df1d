"""A suite's `graders`: each becomes a server evaluator definition (kind + config), validated
by the server's own validate_config, so a suite grades exactly as an experiment does.

Spellings: any server kind (`kind: contains`, `kind: llm_judge`, ...) with its config keys
inline; letta-evals `kind: tool` + `function`, `kind: rubric` / `model_judge` with
`prompt_path`, `rubric_path` or an inline `rubric`; `extractor` (+ `extractor_config`).
"""

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.errors import InvalidInput
from app.evaluators.graders import KINDS, validate_config
from app.suites.source import Source

COMMON = frozenset({"kind", "display_name", "extractor", "extractor_config", "rubric_vars"})
JUDGE_KEYS = frozenset({
    "model", "rubric", "rubric_path", "prompt_path", "temperature", "pass_threshold",
    "max_tokens", "sample_rubric",
    # letta-evals judge settings: retries and timeouts are evalforge's app/llm settings
    "provider", "max_retries", "timeout",
})
IGNORED = ("provider", "max_retries", "timeout")
TOOL_FUNCTIONS = {
    "exact_match": "exact_match",
    "contains": "contains",
    "ascii_printable_only": "is_ascii",
}
# letta-evals rubrics call the graded text {submission}; the server's judge calls it {output}.
_SUBMISSION = re.compile(r"\{\s*submission\s*\}")


@dataclass
class Grader:
    metric: str
    kind: str
    config: dict[str, Any]
    display_name: str = ""
    rubric_vars: list[str] = field(default_factory=list)

    def evaluator(self) -> dict[str, Any]:
        """The body of POST /evaluators/ (its name is chosen by the caller)."""
        return {"kind": self.kind, "config": self.config, "score_name": self.metric,
                "description": self.display_name}


def describe_function(base: Path, reference: Any) -> str:
    """A `file.py:function` reference, and whether its file exists (for messages)."""
    if not isinstance(reference, str) or ":" not in reference:
        return f"{reference!r} is not a file.py:function reference"
    path, _, name = reference.rpartition(":")
    state = "found" if (base / path).is_file() else "not found"
    return f"function {name} in {path} ({state})"


def _extractor(src: Source, base: Path, where: tuple, data: dict) -> Any:
    name = data.get("extractor")
    extra = data.get("extractor_config") or {}
    if name is None:
        if extra:
            src.problem((*where, "extractor_config"), "needs an extractor")
        return None
    if isinstance(name, str) and ":" in name:
        src.problem((*where, "extractor"), "custom Python extractors are not run by evalforge "
                    f"({describe_function(base, name)})")
        return None
    if not isinstance(extra, dict):
        src.problem((*where, "extractor_config"), "must be a mapping")
        return None
    return {"kind": name, **extra} if extra else name


def _rubric(src: Source, base: Path, where: tuple, data: dict) -> str | None:
    given = [k for k in ("rubric", "rubric_path", "prompt_path") if k in data]
    if len(given) > 1:
        src.problem((*where, given[1]), f"give one of rubric, rubric_path, prompt_path, not {given}")
    if not given:
        return None
    key = given[0]
    if key == "rubric":
        text = data[key]
    else:
        text = src.read(base, (*where, key), str(data[key]))
    return letta_rubric(text) if isinstance(text, str) else text


def letta_rubric(text: str) -> str:
    return _SUBMISSION.sub("{output}", text)


def _judge_config(src: Source, base: Path, where: tuple, data: dict) -> dict[str, Any]:
    src.check_keys(where, data, COMMON | JUDGE_KEYS)
    config = {k: v for k, v in data.items()
              if k in JUDGE_KEYS and k not in IGNORED and not k.endswith("_path")}
    rubric = _rubric(src, base, where, data)
    if rubric is not None:
        config["rubric"] = rubric
    return config


def _kind_and_config(src: Source, base: Path, where: tuple, data: dict) -> tuple[str, dict]:
    kind = data.get("kind")
    if kind == "tool":
        src.check_keys(where, data, COMMON | {"function"})
        function = data.get("function")
        if isinstance(function, str) and ":" in function:
            src.problem((*where, "function"), "custom Python graders are not run by evalforge "
                        f"({describe_function(base, function)}); use a server evaluator kind")
        elif function not in TOOL_FUNCTIONS:
            src.problem((*where, "function"), f"unknown tool function {function!r}; evalforge "
                        f"runs: {', '.join(TOOL_FUNCTIONS)} (or any kind: {', '.join(KINDS)})")
        return TOOL_FUNCTIONS.get(function, "exact_match"), {}
    if kind in ("rubric", "model_judge"):
        # letta-evals semantics: a dataset row's own rubric/rubric_path wins for that sample
        return "llm_judge", {"sample_rubric": True, **_judge_config(src, base, where, data)}
    if kind == "llm_judge":
        return "llm_judge", _judge_config(src, base, where, data)
    if kind not in KINDS:
        src.problem((*where, "kind"), f"unknown grader kind {kind!r}; kinds: tool, rubric, "
                    f"model_judge, {', '.join(KINDS)}")
        return "exact_match", {}
    return kind, {k: v for k, v in data.items() if k not in COMMON}


def _one(src: Source, base: Path, metric: str, data: Any) -> Grader | None:
    where = ("graders", metric)
    if not isinstance(data, dict):
        src.problem(where, "a grader is a mapping with a kind")
        return None
    kind, config = _kind_and_config(src, base, where, data)
    extractor = _extractor(src, base, where, data)
    if extractor is not None:
        config["extractor"] = extractor
    try:
        config = validate_config(kind, config)
    except InvalidInput as exc:
        for error in exc.detail:
            key = [str(p) for p in error["loc"][2:3]]  # loc: body, config, <key>, ...
            src.problem((*where, *key), error["msg"].removeprefix("Value error, "))
    names = data.get("rubric_vars") or []
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        src.problem((*where, "rubric_vars"), "must be a list of variable names")
        names = []
    return Grader(metric, kind, config, str(data.get("display_name") or ""), names)


def parse_all(src: Source, base: Path, data: Any) -> dict[str, Grader]:
    if not isinstance(data, dict) or not data:
        src.problem(("graders",), "is required: a mapping of metric name to grader")
        return {}
    found = {str(metric): _one(src, base, str(metric), spec) for metric, spec in data.items()}
    return {metric: grader for metric, grader in found.items() if grader is not None}
