"""The UI's commands, registered on the `evalforge` command: `demo`."""

import asyncio
import time
from typing import Annotated

import typer
from rich.console import Console

console = Console()


def demo(
    host: Annotated[str, typer.Option(help="Interface to bind")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on")] = 8000,
    email: Annotated[str, typer.Option(help="The demo admin's email")] = "demo@evalforge.local",
    password: Annotated[str, typer.Option(help="The demo admin's password")] = "evalforge-demo",
    exit_when_done: Annotated[
        bool, typer.Option(help="Stop once the comparison has finished (for scripts and CI)")
    ] = False,
) -> None:
    """Load a demo workspace, run Compare Versions on a bundled local model, print the link."""
    from app.migrate import upgrade
    from app.ui import demo as demo_lib
    from app.ui.demo_model import DemoModel

    model = DemoModel().start()
    server = demo_lib.EmbeddedServer(host, port, model)
    if server.settings.auto_migrate:
        upgrade(server.settings.database_url)
    asyncio.run(demo_lib.ensure_user(server.settings.database_url, email, password))
    server.start()
    base = f"http://{host}:{port}"
    try:
        result = demo_lib.seed_and_compare(base, email, password)
        ids = ",".join(result.experiment_ids)
        console.print(f"Log in as [bold]{email}[/bold] / [bold]{password}[/bold]; the comparison runs at")
        console.print(f"  {base}/ui/wait/?experiment_ids={ids}", soft_wrap=True)
        statuses = demo_lib.wait_finished(base, email, password, result.experiment_ids)
        console.print(f"Experiments {' and '.join(statuses)}. The comparison:")
        console.print(f"  [green]{base}{result.compare_path}[/green]", soft_wrap=True)
        if not exit_when_done:
            console.print("Serving the demo; press Ctrl-C to stop.")
            while True:
                time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
        model.stop()


def register(cli: typer.Typer) -> None:
    """Add `demo` to the `evalforge` command."""
    cli.command("demo")(demo)
