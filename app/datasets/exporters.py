"""Dataset export in the suite file format (JSONL or CSV), streamed page by page."""

import csv
import io
import json
import re
import uuid
from collections.abc import AsyncIterator
from typing import Any

from sqlalchemy import select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app import csvsafe
from app.datasets.service import current_item
from app.models import DatasetItem

PAGE = 1000
CSV_COLUMNS = ("input", "ground_truth", "tags", "agent_args", "rubric_vars", "metadata", "id", "context")
MEDIA_TYPES = {"jsonl": "application/x-ndjson", "csv": "text/csv; charset=utf-8"}


def filename(dataset_name: str, fmt: str) -> str:
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", dataset_name).strip("-.") or "dataset"
    return f"{stem[:100]}.{fmt}"


def _file_id(external_id: str | None) -> str | int | None:
    # The format's ids are integers; a canonical digit string goes back out as one.
    if external_id and external_id.isdigit() and str(int(external_id)) == external_id:
        return int(external_id)
    return external_id


def record(item: DatasetItem) -> dict[str, Any]:
    """An item as a suite-format record; empty fields are left out."""
    out: dict[str, Any] = {"input": item.input}
    fields = (
        ("ground_truth", item.expected_output), ("tags", item.tags or None),
        ("agent_args", item.agent_args), ("rubric_vars", item.rubric_vars),
        ("metadata", item.metadata_), ("context", item.context), ("id", _file_id(item.external_id)),
    )
    out.update((name, value) for name, value in fields if value is not None)
    return out


def jsonl_line(item: DatasetItem) -> str:
    return json.dumps(record(item), ensure_ascii=False) + "\n"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    return csvsafe.escape(value) if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def csv_rows(items: list[DatasetItem], header: bool) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    # The csv module quotes a cell for the line terminator's characters only: a lone \r
    # would go out bare and end the record early in every reader.
    quoted = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
    if header:
        writer.writerow(CSV_COLUMNS)
    for item in items:
        rec = record(item)
        cells = [_cell(rec.get(name)) for name in CSV_COLUMNS]
        (quoted if any("\r" in cell for cell in cells) else writer).writerow(cells)
    return buffer.getvalue()


async def _pages(db: AsyncSession, dataset_id: uuid.UUID) -> AsyncIterator[list[DatasetItem]]:
    """Keyset pages in (sort_order, id) order: constant cost per page at any depth."""
    after: tuple[int, uuid.UUID] | None = None
    while True:
        query = select(DatasetItem).where(DatasetItem.dataset_id == dataset_id, current_item())
        if after is not None:
            query = query.where(tuple_(DatasetItem.sort_order, DatasetItem.id) > after)
        rows = list(await db.scalars(
            query.order_by(DatasetItem.sort_order, DatasetItem.id).limit(PAGE)
        ))
        if not rows:
            return
        yield rows
        db.expunge_all()  # keep memory at one page
        after = (rows[-1].sort_order, rows[-1].id)


async def stream(
    sessionmaker: async_sessionmaker[AsyncSession], dataset_id: uuid.UUID, fmt: str
) -> AsyncIterator[bytes]:
    """The file body; a session of its own, as it outlives the request's dependencies."""
    async with sessionmaker() as db:
        if fmt == "csv":
            yield csv_rows([], header=True).encode("utf-8")
        async for page in _pages(db, dataset_id):
            body = csv_rows(page, header=False) if fmt == "csv" else "".join(map(jsonl_line, page))
            yield body.encode("utf-8")
