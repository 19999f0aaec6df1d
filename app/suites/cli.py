"""The suite runner's commands, registered on the `evalforge` command (issue 8 fills this)."""

import typer


def register(cli: typer.Typer) -> None:
    """Add `run` and `validate` to the `evalforge` command."""
