"""The `evalforge` command: serve, migrate, worker, create-user."""

import asyncio
import logging
from typing import Annotated

import typer
from rich.console import Console

from app.config import get_settings
from app.suites import cli as suites_cli
from app.ui import cli as ui_cli

cli = typer.Typer(help="evalforge: evaluation platform for LLM prompts and agents.", no_args_is_help=True)
console = Console()


@cli.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to bind")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on")] = 8000,
    workers: Annotated[int, typer.Option(help="Uvicorn worker processes")] = 1,
) -> None:
    """Run the API server (applies migrations first unless EVALFORGE_AUTO_MIGRATE=false)."""
    import uvicorn

    logging.basicConfig(level=logging.INFO)
    settings = get_settings()
    if settings.auto_migrate:
        from app.migrate import upgrade

        upgrade(settings.database_url)
    uvicorn.run(
        "app.main:create_app", factory=True, host=host, port=port, workers=workers,
        log_level="info", proxy_headers=True,
        # With --workers N, uvicorn kills a child that is not serving 5 s after it started;
        # importing the app takes longer on a busy host, and the children died in a loop.
        timeout_worker_healthcheck=60,
    )


@cli.command()
def migrate() -> None:
    """Apply database migrations up to the latest."""
    from app.migrate import upgrade

    upgrade(get_settings().database_url)
    console.print("[green]database is up to date[/green]")


@cli.command()
def worker() -> None:
    """Run an arq worker that executes experiment runs (needs EVALFORGE_REDIS_URL)."""
    from workers.worker import run_worker

    logging.basicConfig(level=logging.INFO)
    settings = get_settings()
    if not settings.redis_url:
        console.print("[red]EVALFORGE_REDIS_URL is not set: the API runs jobs in-process.[/red]")
        raise typer.Exit(2)
    run_worker(settings)


@cli.command("create-user")
def create_user(
    org: Annotated[str, typer.Option(help="Organization slug (created if missing)")],
    email: Annotated[str, typer.Option()],
    password: Annotated[str, typer.Option()],
    role: Annotated[str, typer.Option(help="admin, member or viewer")] = "admin",
) -> None:
    """Create a user in an organization, creating the organization if needed."""
    from app.auth import service
    from app.db import make_engine, make_sessionmaker
    from app.errors import AppError

    if role not in ("admin", "member", "viewer"):
        console.print(f"[red]role must be admin, member or viewer, not {role!r}[/red]")
        raise typer.Exit(2)
    if len(password) < 8:
        console.print("[red]password must have at least 8 characters[/red]")
        raise typer.Exit(2)

    async def _create() -> None:
        engine = make_engine(get_settings().database_url)
        try:
            async with make_sessionmaker(engine)() as db:
                organization = await service.get_or_create_org(db, org)
                await service.create_user(db, organization, email, password, role)
                await db.commit()
        finally:
            await engine.dispose()

    try:
        asyncio.run(_create())
    except AppError as exc:
        console.print(f"[red]{exc.detail}[/red]")
        raise typer.Exit(1) from exc
    console.print(f"[green]created {role} {email} in organization {org}[/green]")


# Commands that live with their domain: `run` and `validate` (app/suites), `demo` (app/ui).
suites_cli.register(cli)
ui_cli.register(cli)


def main() -> None:
    cli()
