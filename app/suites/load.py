"""From a suite path to a runnable (Suite, Samples), or SuiteInvalid listing every problem
of the suite and its dataset (what `evalforge validate` prints)."""

import ast
from pathlib import Path

from app.suites import dataset, schema, source
from app.suites.source import Source, SuiteInvalid


def _check_factory(src: Source, suite: schema.Suite) -> None:
    """The factory's file and function exist: read, never imported (validate runs nothing)."""
    reference = suite.target.factory
    path_text, sep, name = reference.rpartition(":")
    if not sep or not path_text.endswith(".py") or not name.isidentifier():
        src.problem(("target", "factory"), f"{reference!r}: expected path/to/file.py:function")
        return
    try:
        tree = ast.parse((suite.base / path_text).read_text(encoding="utf-8"))
    except OSError:
        src.problem(("target", "factory"), f"file {path_text} not found")
        return
    except SyntaxError as exc:
        src.problem(("target", "factory"), f"{path_text} line {exc.lineno}: {exc.msg}")
        return
    defined = {n.name for n in tree.body if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)}
    if name not in defined:
        src.problem(("target", "factory"), f"{path_text} has no function {name}")


async def prepare(path: Path, *, max_samples: int | None = None, tags: list[str] | None = None,
                  concurrency: int | None = None, server: bool = False) -> tuple:
    """(Suite, Samples); command-line options override the suite's own settings."""
    src = source.load(path)
    suite = schema.parse(src, path)
    if max_samples is not None:
        suite.max_samples = max_samples
    if tags:
        suite.sample_tags = tags
    if concurrency is not None:
        suite.concurrency = concurrency
    if suite.target.kind == "python" and suite.target.factory:
        _check_factory(src, suite)
        if server:
            src.problem(("target", "kind"), "a python target runs only on the embedded engine: "
                        "a server never runs the suite's code; drop --server")
    problems = list(src.problems)
    samples = None
    if suite.dataset.is_file() and suite.dataset.suffix.lower() in (".jsonl", ".csv"):
        samples = await dataset.read(suite.dataset, suite.base, suite.graders,
                                     suite.sample_tags, suite.max_samples)
        problems += samples.problems
    if problems:
        raise SuiteInvalid(problems)
    return suite, samples
