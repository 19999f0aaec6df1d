"""Reading a suite YAML with the line of every key, and collecting problems by line.

Validation reports every problem at once (`evalforge validate`), so checks append to a
Problems list instead of raising at the first one.
"""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

Path_ = tuple[str | int, ...]


@dataclass
class Problem:
    file: str
    line: int | None
    where: str
    message: str

    def __str__(self) -> str:
        place = f"{self.file}:{self.line}" if self.line else self.file
        return f"{place}: {self.where + ': ' if self.where else ''}{self.message}"

    def as_dict(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "field": self.where, "message": self.message}


class SuiteInvalid(Exception):
    """The suite or its dataset cannot run; every problem found is listed."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


@dataclass
class Source:
    """A parsed YAML document: values plus the line of each key (by path from the root)."""

    file: str
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def line(self, path: Path_) -> int | None:
        # The key's own line, else the nearest enclosing key's.
        for end in range(len(path), -1, -1):
            if path[:end] in self.lines:
                return self.lines[path[:end]]
        return None

    def problem(self, path: Path_, message: str) -> None:
        where = ".".join(str(p) for p in path)
        self.problems.append(Problem(self.file, self.line(path), where, message))

    def read(self, base: Path, path: Path_, relative: str) -> str:
        """A text file the suite names (prompt, rubric), relative to the suite's directory."""
        try:
            return (base / relative).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            self.problem(path, f"cannot read {relative}: {getattr(exc, 'strerror', None) or exc}")
            return ""

    def check_keys(self, path: Path_, value: dict, allowed: set[str] | frozenset[str]) -> None:
        """An unknown key is a problem naming the key and its line."""
        for key in value:
            if key not in allowed:
                self.problem(
                    (*path, key), f"unknown key {key!r}; allowed here: {', '.join(sorted(allowed))}"
                )


def _index(node: yaml.Node, path: Path_, lines: dict[Path_, int]) -> None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            sub = (*path, key.value)
            lines[sub] = key.start_mark.line + 1
            _index(value, sub, lines)
    elif isinstance(node, yaml.SequenceNode):
        for i, value in enumerate(node.value):
            lines[(*path, i)] = value.start_mark.line + 1
            _index(value, (*path, i), lines)


def load(path: Path) -> Source:
    """The suite file parsed; a YAML syntax error is one problem with its line."""
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SuiteInvalid([Problem(name, None, "", f"cannot read the suite: {exc}")]) from None
    try:
        data = yaml.safe_load(text)
        node = yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        reason = getattr(exc, "problem", None) or str(exc)
        raise SuiteInvalid([Problem(name, line, "", f"invalid YAML: {reason}")]) from None
    if not isinstance(data, dict):
        raise SuiteInvalid([Problem(name, 1, "", "a suite is a YAML mapping (name, dataset, ...)")])
    lines: dict[Path_, int] = {}
    if node is not None:
        _index(node, (), lines)
    return Source(name, data, lines)
