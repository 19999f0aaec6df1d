"""Run Alembic migrations from code (`evalforge migrate`, `serve`, tests)."""

import threading
from pathlib import Path

from alembic import command
from alembic.config import Config

ROOT = Path(__file__).resolve().parents[1]


def alembic_config(database_url: str | None = None) -> Config:
    ini = ROOT / "alembic.ini"
    if not ini.exists():  # installed without the source tree: run from the working directory
        ini = Path.cwd() / "alembic.ini"
    config = Config(str(ini))
    config.set_main_option("script_location", str(ini.parent / "migrations"))
    if database_url:
        config.attributes["database_url"] = database_url
    return config


def upgrade(database_url: str | None = None) -> None:
    """Apply every migration; blocking, and safe to call while an event loop runs.

    The async env.py drives its own event loop, which cannot nest in a running one, so the
    work moves to a thread of its own when needed.
    """
    errors: list[BaseException] = []

    def work() -> None:
        try:
            command.upgrade(alembic_config(database_url), "head")
        except BaseException as exc:  # re-raised in the caller's thread
            errors.append(exc)

    thread = threading.Thread(target=work, name="alembic-upgrade")
    thread.start()
    thread.join()
    if errors:
        raise errors[0]
