"""The UI's commands, registered on the `evalforge` command (issue 9 fills this: `demo`)."""

import typer


def register(cli: typer.Typer) -> None:
    """Add `demo` to the `evalforge` command."""
