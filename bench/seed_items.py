"""Seeding a dataset with a million items straight through the drivers (not the API), for the
listing benchmark of bench/bench_datasets.py."""

import json
import sqlite3
import uuid
from datetime import UTC, datetime
from pathlib import Path

import asyncpg

from app.datasets.bulk import COLUMNS

LIST_ITEMS = 1_000_000



def seed_rows(dataset_id: uuid.UUID, start: int, n: int, sqlite: bool) -> list[tuple]:
    now = datetime.now(UTC)
    stamp = now.strftime("%Y-%m-%d %H:%M:%S.%f") if sqlite else now
    parent = dataset_id.hex if sqlite else dataset_id
    tags = json.dumps(["math", "addition"])
    return [
        (uuid.uuid4().hex if sqlite else uuid.uuid4(), parent, i, stamp, stamp,
         json.dumps(f"What is {i} + {i}?"), json.dumps(str(2 * i)), None, None, tags, None, None,
         None, None, 0)  # version_added: the seeded items are the dataset's version 0
        for i in range(start, start + n)
    ]


def seed_sqlite(path: Path, dataset_id: uuid.UUID) -> None:
    conn = sqlite3.connect(path)
    sql = f"INSERT INTO dataset_item ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})"
    for start in range(0, LIST_ITEMS, 50_000):
        conn.executemany(sql, seed_rows(dataset_id, start, 50_000, sqlite=True))
        conn.commit()  # short write locks: the server's own background jobs write too
    conn.execute("UPDATE dataset SET item_count = ?, next_sort_order = ? WHERE id = ?",
                 (LIST_ITEMS, LIST_ITEMS, dataset_id.hex))
    conn.commit()
    conn.execute("ANALYZE")
    conn.close()


async def seed_postgres(dsn: str, dataset_id: uuid.UUID) -> None:
    conn = await asyncpg.connect(dsn)
    try:
        for start in range(0, LIST_ITEMS, 50_000):
            await conn.copy_records_to_table(
                "dataset_item", records=seed_rows(dataset_id, start, 50_000, sqlite=False), columns=COLUMNS)
        await conn.execute("UPDATE dataset SET item_count = $1, next_sort_order = $2 WHERE id = $3",
                           LIST_ITEMS, LIST_ITEMS, dataset_id)
        await conn.execute("VACUUM ANALYZE dataset_item")
    finally:
        await conn.close()
