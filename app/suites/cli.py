"""The suite runner's commands, registered on the `evalforge` command: `run` and `validate`."""

import asyncio
from pathlib import Path
from typing import Annotated

import typer

from app.suites.source import SuiteInvalid

SuiteArg = Annotated[Path, typer.Argument(help="The suite YAML file")]


def _problems(exc: SuiteInvalid) -> None:
    # Plain lines, never wrapped: CI logs are grepped for file:line.
    typer.echo(f"{len(exc.problems)} problem(s):", err=True)
    for problem in exc.problems:
        typer.echo(f"  {problem}", err=True)


def _tags(tags: str | None) -> list[str] | None:
    return [t.strip() for t in tags.split(",") if t.strip()] if tags else None


def register(cli: typer.Typer) -> None:
    """Add `run` and `validate` to the `evalforge` command."""

    @cli.command()
    def run(
        suite: SuiteArg,
        max_samples: Annotated[int | None, typer.Option(min=1, help="First N samples after filtering")] = None,
        tags: Annotated[str | None, typer.Option(help="Only samples carrying ALL these tags (a,b)")] = None,
        concurrency: Annotated[int | None, typer.Option(min=1, max=256, help="Samples in flight")] = None,
        output: Annotated[Path | None, typer.Option(help="Directory for results.jsonl and summary.json")] = None,
        junit: Annotated[Path | None, typer.Option(help="Write JUnit XML here")] = None,
        server: Annotated[str | None, typer.Option(help="Run on this evalforge server instead")] = None,
        api_key: Annotated[str | None, typer.Option(envvar="EVALFORGE_API_KEY", help="API key for --server")] = None,
        display: Annotated[str | None, typer.Option(help="rich, plain or none")] = None,
        db: Annotated[Path | None, typer.Option(help="Keep the embedded SQLite database here")] = None,
        verdict: Annotated[str | None, typer.Option(
            help="Also gate on the verdict against this baseline experiment id, or 'pinned' "
                 "(the dataset's pinned baseline); see docs/ci.md")] = None,
    ) -> None:
        """Run a suite: exit 0 gate passed, 1 gate failed, 2 invalid, 3 interrupted, 4 all errored."""
        from app.suites import load, runner

        if display not in (None, "rich", "plain", "none"):
            raise typer.BadParameter("must be rich, plain or none", param_hint="--display")
        if server and not api_key:
            raise typer.BadParameter("--server needs --api-key (or EVALFORGE_API_KEY)")
        try:
            parsed, samples = asyncio.run(load.prepare(
                suite, max_samples=max_samples, tags=_tags(tags), concurrency=concurrency,
                server=bool(server)))
        except SuiteInvalid as exc:
            _problems(exc)
            raise typer.Exit(runner.INVALID) from None
        opts = runner.Options(output=output, junit=junit, display=display, db=db,
                              server=server or "", api_key=api_key or "", verdict=verdict or "")
        try:
            code = asyncio.run(runner.run(parsed, samples, opts))
        except KeyboardInterrupt:  # before the experiment existed: nothing to cancel or write
            code = runner.INTERRUPTED
        raise typer.Exit(code)

    @cli.command()
    def validate(suite: SuiteArg) -> None:
        """Check a suite and its dataset, reporting every problem at once; runs nothing."""
        from app.suites import load

        try:
            parsed, samples = asyncio.run(load.prepare(suite))
        except SuiteInvalid as exc:
            _problems(exc)
            raise typer.Exit(2) from None
        typer.echo(f"{suite}: valid ({len(samples.records)} of {samples.total} samples, "
                   f"{len(parsed.graders)} grader(s), target {parsed.target.kind})")
