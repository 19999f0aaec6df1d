"""A suite's dataset: read with the server's own parsers and record checks (so the errors and
their line numbers are the server's), filtered (sample_tags: ALL; max_samples: the first N
after filtering), checked against the graders' rubric variables, and sent to the server's
importer as JSONL.
"""

import json
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.datasets import importers
from app.evaluators.graders import missing_rubric_variables
from app.suites.graders import Grader, letta_rubric
from app.suites.source import Problem

CHUNK = 1 << 16
MAX_ITEM_BYTES = 1 << 20  # the server's default; a server with a lower limit answers 413/422


class _Reader(importers.Collector):
    """The importer's collector without a database: keeps each good record with its line."""

    def __init__(self) -> None:
        super().__init__(None, uuid.uuid4(), uuid.uuid4(), 1 << 30, MAX_ITEM_BYTES)  # type: ignore[arg-type]
        self.records: list[tuple[int, dict[str, Any]]] = []

    def add(self, line: int, record: Any) -> None:
        before = len(self.errors)
        super().add(line, record)
        self.rows.clear()
        if len(self.errors) == before:
            self.records.append((line, record))

    async def flush(self, final: bool = False) -> None:
        return None


@dataclass
class Samples:
    path: Path
    records: list[tuple[int, dict[str, Any]]]  # (line in the file, record), after filtering
    total: int = 0  # records in the file, before filtering
    problems: list[Problem] = field(default_factory=list)

    def jsonl(self) -> bytes:
        return b"".join(json.dumps(r, ensure_ascii=False).encode() + b"\n" for _, r in self.records)


async def _chunks(path: Path) -> AsyncIterator[bytes]:
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            yield chunk


def _keep(record: dict, tags: list[str]) -> bool:
    have = record.get("tags") or []
    return all(tag in have for tag in tags)


def _as_item(record: dict) -> dict[str, Any]:
    return {"input": record.get("input"), "expected_output": record.get("ground_truth"),
            "rubric_vars": record.get("rubric_vars") or {},
            "metadata": {"rubric": record["rubric"]} if "rubric" in record else {}}


def _own_rubrics(path: Path, base: Path, records: list) -> list[Problem]:
    """letta-evals per-sample rubrics: `rubric_path` (relative to the suite) is read into
    `rubric`, which the importer keeps under metadata, where sample_rubric judges find it."""
    problems = []
    for line, record in records:
        relative = record.pop("rubric_path", None)
        if isinstance(relative, str):
            try:
                record["rubric"] = (base / relative).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                problems.append(Problem(str(path), line, "rubric_path",
                                        f"cannot read {relative}: {getattr(exc, 'strerror', None) or exc}"))
                continue
        if isinstance(record.get("rubric"), str):
            record["rubric"] = letta_rubric(record["rubric"])
    return problems


def _rubric_problems(path: Path, records: list, graders: dict[str, Grader]) -> list[Problem]:
    """Per sample and line: the variables a grader's rubric_vars list or its rubric needs."""
    problems = []
    for line, record in records:
        have = record.get("rubric_vars") or {}
        for metric, grader in graders.items():
            declared = [name for name in grader.rubric_vars if name not in have]
            used = missing_rubric_variables({"kind": grader.kind, "config": grader.config},
                                            _as_item(record))
            missing = list(dict.fromkeys(declared + used))
            if missing:
                problems.append(Problem(str(path), line, "rubric_vars",
                                        f"missing rubric variable(s) {', '.join(missing)} "
                                        f"required by grader {metric!r}"))
    return problems


async def read(path: Path, base: Path, graders: dict[str, Grader], tags: list[str],
               max_samples: int | None) -> Samples:
    """Every problem of the file (all lines), then the filtered samples' rubric problems."""
    reader = _Reader()
    parse = importers.parse_csv if path.suffix.lower() == ".csv" else importers.parse_jsonl
    await parse(_chunks(path), reader)
    problems = [Problem(str(path), e["line"], e["field"] or "", e["message"]) for e in reader.errors]
    kept = [(line, r) for line, r in reader.records if _keep(r, tags)]
    if max_samples is not None:
        kept = kept[:max_samples]
    if not reader.records and not problems:
        problems.append(Problem(str(path), None, "", "the dataset has no samples"))
    elif not kept and not problems:
        problems.append(Problem(str(path), None, "sample_tags",
                                f"no sample carries all of the tags {', '.join(tags)}"))
    problems += _own_rubrics(path, base, kept)
    problems += _rubric_problems(path, kept, graders)
    return Samples(path, kept, len(reader.records), problems)
