"""The bulk insert path shared by JSON and file imports.

Rows are pre-encoded once (JSON text per column) and written through the driver's own bulk
call inside the session's transaction: COPY on PostgreSQL, executemany on SQLite. The ORM's
per-value bind processing costs more than parsing the file itself (about 80 us a row against
10), which would put a 100,000-line import far beyond its 5 s budget.
"""

import json
import os
import time
import uuid
from json.encoder import c_encode_basestring_ascii, py_encode_basestring_ascii
from typing import Any

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from app.datasets.service import reserve_sort_orders
from app.models import DatasetItem
from app.models.base import utcnow

COLUMNS = (
    "id", "dataset_id", "sort_order", "created_at", "updated_at", "input", "expected_output",
    "context", "metadata", "tags", "agent_args", "rubric_vars", "external_id", "source_run_id",
    "version_added",
)
# Encoded row: input .. external_id, i.e. COLUMNS[5:13].
EncodedRow = tuple[str, str | None, str | None, str | None, str, str | None, str | None, str | None]
_SQLITE_INSERT = (
    f"INSERT INTO dataset_item ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})"
)
_dumps = json.dumps
# json.dumps(str) is exactly this C function; calling it directly skips the encoder set-up
# that costs more than the encoding of a short string.
_encode_str = c_encode_basestring_ascii or py_encode_basestring_ascii


def encode(value: Any) -> str | None:
    """The JSON text SQLAlchemy's JSON type would store; None stays SQL NULL."""
    if type(value) is str:
        return _encode_str(value)
    return None if value is None else _dumps(value)


def encode_tags(tags: list[str] | None) -> str:
    return "[" + ", ".join(map(_encode_str, tags)) + "]" if tags else "[]"


def encode_row(
    input: Any, expected_output: Any, context: Any, metadata: Any, tags: list[str] | None,
    agent_args: Any, rubric_vars: Any, external_id: str | None,
) -> EncodedRow:
    return (
        encode(input), encode(expected_output), encode(context), encode(metadata), encode_tags(tags),
        encode(agent_args), encode(rubric_vars), external_id,
    )


def row_size(row: EncodedRow) -> int:
    """Bytes the item's JSON takes as stored (ASCII-escaped JSON: one byte a character)."""
    return sum(len(value) for value in row if value)


def oversize(row: EncodedRow, max_bytes: int) -> str | None:
    """Why the item is refused when it exceeds the per-item limit, else None."""
    size = row_size(row)
    if size <= max_bytes:
        return None
    return (f"the item is {-(-size // 1024)} KB of JSON, over the {max_bytes // 1024} KB "
            "limit per item (EVALFORGE_MAX_ITEM_KB)")


def new_ids(n: int) -> list[str]:
    """`n` version-7 UUIDs as hex: a millisecond timestamp, then random bits.

    Time-ordered keys land at the right edge of the primary key's B-tree instead of all over
    it, and one os.urandom call for the batch costs a fraction of n uuid.uuid4() calls.
    """
    stamp = f"{time.time_ns() // 1_000_000:012x}"
    pool = os.urandom(10 * n).hex()
    return [f"{stamp}7{pool[i:i + 3]}8{pool[i + 3:i + 18]}" for i in range(0, 20 * n, 20)]


async def insert_rows(
    db: AsyncSession, organization_id: uuid.UUID, dataset_id: uuid.UUID, rows: list[EncodedRow],
    version: int | None = None,
) -> tuple[int, int]:
    """Append `rows` in order after the dataset's last item; returns (the new item count, the
    version they were added in). The first chunk of an import opens a new version (`version`
    None), the later chunks join it: one import, one version, however many chunks."""
    if not rows:
        return 0, version or 0
    start, total, version = await reserve_sort_orders(
        db, organization_id, dataset_id, len(rows), new_version=version is None
    )
    conn = await db.connection()
    now = utcnow()
    driver = conn.dialect.driver
    if driver == "asyncpg":
        raw = (await conn.get_raw_connection()).driver_connection
        # asyncpg's uuid codec takes hex text as well as UUID objects.
        records = [
            (ident, dataset_id, start + i, now, now, *row, None, version)
            for i, (ident, row) in enumerate(zip(new_ids(len(rows)), rows))
        ]
        await raw.copy_records_to_table("dataset_item", records=records, columns=COLUMNS)
    elif driver == "aiosqlite":
        raw = (await conn.get_raw_connection()).driver_connection
        # The storage formats SQLAlchemy itself uses on SQLite: hex UUIDs, naive UTC text.
        stamp = now.strftime("%Y-%m-%d %H:%M:%S.%f")
        parent = dataset_id.hex
        records = [
            (ident, parent, start + i, stamp, stamp, *row, None, version)
            for i, (ident, row) in enumerate(zip(new_ids(len(rows)), rows))
        ]
        await raw.executemany(_SQLITE_INSERT, records)
    else:  # any other driver: the portable (slower) Core path
        table = DatasetItem.__table__
        loads = json.loads
        await conn.execute(insert(table), [
            dict(zip(COLUMNS, (uuid.uuid4(), dataset_id, start + i, now, now,
                               *[None if v is None else loads(v) for v in row[:7]], row[7], None,
                               version)))
            for i, row in enumerate(rows)
        ])
    return total, version
