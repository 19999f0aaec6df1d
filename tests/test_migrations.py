"""Migrations create every table, on both databases, and never drift from the models."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.ext.asyncio import create_async_engine

from app.db import Base

ROOT = Path(__file__).resolve().parents[1]


async def test_models_and_migrations_do_not_drift(database_url: str) -> None:
    engine = create_async_engine(database_url)
    try:
        async with engine.connect() as conn:
            diff = await conn.run_sync(
                lambda sync: compare_metadata(
                    MigrationContext.configure(sync, opts={"compare_type": True}), Base.metadata
                )
            )
    finally:
        await engine.dispose()
    assert diff == []


def test_alembic_upgrade_head_on_a_fresh_sqlite_file(tmp_path: Path) -> None:
    db = tmp_path / "fresh.db"
    env = {**os.environ, "EVALFORGE_DATABASE_URL": f"sqlite+aiosqlite:///{db}"}
    alembic = Path(sys.executable).with_name("alembic")
    subprocess.run([str(alembic), "upgrade", "head"], cwd=ROOT, env=env, check=True, capture_output=True)
    tables = {r[0] for r in sqlite3.connect(db).execute("select name from sqlite_master where type='table'")}
    assert {t.name for t in Base.metadata.sorted_tables} <= tables
