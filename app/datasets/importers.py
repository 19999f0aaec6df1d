"""Dataset files (JSONL, CSV) in the suite format, parsed as they stream in.

A file is read line by line; each record is validated on its own and valid rows are inserted
in chunks of `import_chunk_rows` inside one transaction, so memory holds one chunk, never the
file. After the first bad record nothing more is inserted, but validation goes on so the
answer lists every bad line; any error rolls the whole import back.
"""

import asyncio
import csv
import json
import uuid
from collections.abc import AsyncIterator
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app import csvsafe
from app.datasets import bulk, versions
from app.datasets.service import get_dataset
from app.errors import InvalidInput

KNOWN = ("input", "ground_truth", "tags", "agent_args", "rubric_vars", "metadata", "id", "context")
KNOWN_SET = frozenset(KNOWN)
OBJECT_FIELDS = ("agent_args", "rubric_vars", "metadata")
JSON_CELLS = ("tags", "agent_args", "rubric_vars", "metadata")
MAX_ERRORS = 1000  # enough to fix a file by; a file of garbage must not build a huge answer
BOM = b"\xef\xbb\xbf"

Problem = tuple[str | None, str]  # (field, message)


def _refuse_constant(name: str) -> float:
    # JSON has no NaN/Infinity (Python's json accepts them; PostgreSQL's JSON columns do not).
    raise ValueError(f"{name} is not a JSON number; use null or a string")


# One decoder for every line: json.loads with keyword arguments would build one per call.
_decode_json = json.JSONDecoder(parse_constant=_refuse_constant).decode


def _check_input(value: Any) -> str | None:
    if value is None or value == "":
        return "input is required"
    if isinstance(value, bool):
        return "input must be a string, a list of strings, an object or a number"
    if isinstance(value, list) and not all(isinstance(v, str) for v in value):
        return "a multi-turn input must be a list of strings"
    return None


def _problems(record: dict[str, Any]) -> list[Problem]:
    """Every problem of a record (the slow path, taken only when the quick checks fail)."""
    problems: list[Problem] = []
    message = _check_input(record.get("input"))
    if message:
        problems.append(("input", message))
    tags = record.get("tags")
    if tags is not None and not (isinstance(tags, list) and all(isinstance(t, str) for t in tags)):
        problems.append(("tags", "tags must be a list of strings"))
    for field in OBJECT_FIELDS:
        value = record.get(field)
        if value is not None and not isinstance(value, dict):
            problems.append((field, f"{field} must be a JSON object"))
    external_id = record.get("id")
    if external_id is not None:
        if isinstance(external_id, bool) or not isinstance(external_id, (int, str)):
            problems.append(("id", "id must be an integer or a string"))
        elif len(str(external_id)) > 200:
            problems.append(("id", "id is longer than 200 characters"))
    return problems


def validate_record(record: dict[str, Any]) -> tuple[bulk.EncodedRow | None, list[Problem]]:
    """One file record -> an encoded row, or the problems found in it (every one of them).

    Written for speed: it runs once per line of files with hundreds of thousands of lines.
    """
    get = record.get
    value, tags, external_id = get("input"), get("tags"), get("id")
    agent_args, rubric_vars, metadata = get("agent_args"), get("rubric_vars"), get("metadata")
    if not (
        (type(value) is str and value) or (value is not None and _check_input(value) is None)
    ) or (tags is not None and (type(tags) is not list or not all(type(t) is str for t in tags))) or (
        (agent_args is not None and type(agent_args) is not dict)
        or (rubric_vars is not None and type(rubric_vars) is not dict)
        or (metadata is not None and type(metadata) is not dict)
    ) or (external_id is not None and (type(external_id) not in (int, str) or len(str(external_id)) > 200)):
        return None, _problems(record)
    if not record.keys() <= KNOWN_SET:  # fields the format does not name are kept, never refused
        extras = {k: v for k, v in record.items() if k not in KNOWN_SET}
        metadata = {**extras, **(metadata or {})}
    return (
        bulk.encode(value), bulk.encode(get("ground_truth")), bulk.encode(get("context")),
        bulk.encode(metadata), bulk.encode_tags(tags), bulk.encode(agent_args),
        bulk.encode(rubric_vars), None if external_id is None else str(external_id),
    ), []


class Collector:
    """Accumulates valid rows into chunks and bad lines into the error list."""

    def __init__(self, db: AsyncSession, organization_id: uuid.UUID, dataset_id: uuid.UUID,
                 chunk_rows: int, max_item_bytes: int) -> None:
        self.db, self.organization_id, self.dataset_id = db, organization_id, dataset_id
        self.chunk_rows, self.max_item_bytes = chunk_rows, max_item_bytes
        self.rows: list[bulk.EncodedRow] = []
        self.errors: list[dict[str, Any]] = []
        self.imported = 0
        self.total = 0
        self.version: int | None = None  # opened by the first chunk, joined by the others
        self._insert: asyncio.Future[tuple[int, int]] | None = None

    def error(self, line: int, field: str | None, message: str) -> None:
        self.rows.clear()  # the import will roll back: stop buffering
        if len(self.errors) < MAX_ERRORS:
            self.errors.append({"line": line, "field": field, "message": message})

    def add(self, line: int, record: Any) -> None:
        if not isinstance(record, dict):
            self.error(line, None, "each record must be a JSON object")
            return
        row, problems = validate_record(record)
        for field, message in problems:
            self.error(line, field, message)
        if row is not None and (message := bulk.oversize(row, self.max_item_bytes)):
            self.error(line, None, message)
        elif row is not None and not self.errors:
            self.rows.append(row)

    async def flush(self, final: bool = False) -> None:
        """Insert the buffered chunk. The insert runs while the next chunk is parsed (the
        database works in its own thread or process), so at most two chunks are in memory."""
        if not self.errors and self.rows and (len(self.rows) >= self.chunk_rows or final):
            await self.wait()
            rows, self.rows = self.rows, []
            self.imported += len(rows)
            self._insert = asyncio.ensure_future(
                bulk.insert_rows(self.db, self.organization_id, self.dataset_id, rows, self.version)
            )
        if final:
            await self.wait()

    async def wait(self) -> None:
        if self._insert is not None:
            self.total, self.version = await self._insert
            self._insert = None


async def lines(chunks: AsyncIterator[bytes]) -> AsyncIterator[list[tuple[int, str | None]]]:
    """Batches of (1-based physical line number, text); text is None when not UTF-8."""
    rest = b""
    number = 0
    first = True
    async for chunk in chunks:
        if first and chunk:
            chunk, first = chunk.removeprefix(BOM), False
        parts = (rest + chunk).split(b"\n")
        rest = parts.pop()
        batch = []
        for part in parts:
            number += 1
            batch.append((number, _decode(part)))
        yield batch
    if rest:
        yield [(number + 1, _decode(rest))]


def _decode(raw: bytes) -> str | None:
    try:
        return raw.removesuffix(b"\r").decode("utf-8")
    except UnicodeDecodeError:
        return None


async def parse_jsonl(chunks: AsyncIterator[bytes], out: Collector) -> None:
    loads = _decode_json
    async for batch in lines(chunks):
        for number, text in batch:
            if text is None:
                out.error(number, None, "the line is not valid UTF-8")
                continue
            if not text.strip():
                continue  # blank lines carry no record
            try:
                record = loads(text)
            except (ValueError, RecursionError) as exc:  # RecursionError: nested too deep
                out.error(number, None, f"invalid JSON: {exc}")
                continue
            out.add(number, record)
            if len(out.rows) >= out.chunk_rows:
                await out.flush()


def _cell_json(value: str) -> Any:
    """A cell that holds a JSON array/object becomes that value; any other text stays text."""
    if value[:1] in ("[", "{"):
        try:
            return _decode_json(value)
        except (ValueError, RecursionError):
            return value
    return value


def csv_record(header: list[str], cells: list[str]) -> tuple[dict[str, Any], list[Problem]]:
    record: dict[str, Any] = {}
    problems: list[Problem] = []
    for name, raw in zip(header, cells):
        if raw == "":
            continue
        cell = csvsafe.unescape(raw)  # the exporter's formula escape (app/csvsafe.py)
        if name in JSON_CELLS:
            try:
                record[name] = _decode_json(cell)
            except (ValueError, RecursionError) as exc:
                problems.append((name, f"{name} must hold JSON: {exc}"))
        elif name == "input":
            value = _cell_json(cell)
            # Only a list of strings is a conversation and only an object is structured input.
            ok = isinstance(value, dict) or (isinstance(value, list) and all(isinstance(v, str) for v in value))
            record[name] = value if ok else cell
        elif name in ("ground_truth", "context"):
            record[name] = _cell_json(cell)
        else:
            record[name] = cell
    if len(cells) > len(header):
        problems.append((None, f"the row has {len(cells)} cells, the header {len(header)}"))
    return record, problems


async def parse_csv(chunks: AsyncIterator[bytes], out: Collector) -> None:
    header: list[str] | None = None
    pending: list[str] = []
    start = 0
    quotes = 0
    async for batch in lines(chunks):
        for number, text in batch:
            if text is None:
                out.error(number, None, "the line is not valid UTF-8")
                text = ""
            if not pending:
                start = number
            pending.append(text + "\n")
            # A record ends where its quotes balance: a quoted cell may span physical lines.
            quotes += text.count('"')
            if quotes % 2:
                continue
            header = _csv_row(header, start, pending, out)
            pending, quotes = [], 0
            if len(out.rows) >= out.chunk_rows:
                await out.flush()
    if pending:
        out.error(start, None, "unterminated quoted cell at the end of the file")


def _csv_row(
    header: list[str] | None, line: int, pending: list[str], out: Collector
) -> list[str] | None:
    """Handle one complete CSV record; returns the header (read from the first record)."""
    try:
        rows = [row for row in csv.reader(pending) if row]
    except csv.Error as exc:
        out.error(line, None, f"malformed CSV: {exc}")
        return header or []
    if not rows:
        return header  # a blank line
    if len(rows) > 1:
        out.error(line, None, "malformed CSV: a stray quote joined several records")
        return header or []
    if header is None:
        names = [name.strip() for name in rows[0]]
        if "input" not in names:
            out.error(line, "input", "the CSV header has no input column")
        return names
    if "input" not in header:
        return header  # already reported once on line 1; every row would repeat it
    record, problems = csv_record(header, rows[0])
    for field, message in problems:
        out.error(line, field, message)
    if not problems:
        out.add(line, record)
    return header


async def import_file(
    db: AsyncSession, organization_id: uuid.UUID, dataset_id: uuid.UUID,
    chunks: AsyncIterator[bytes], fmt: str, chunk_rows: int, max_item_bytes: int,
) -> tuple[int, int]:
    """All or nothing: returns (imported, total_items) or raises InvalidInput listing bad lines."""
    dataset = await get_dataset(db, organization_id, dataset_id)
    out = Collector(db, organization_id, dataset_id, chunk_rows, max_item_bytes)
    try:
        await (parse_jsonl if fmt == "jsonl" else parse_csv)(chunks, out)
        await out.flush(final=True)
        if out.errors:
            raise InvalidInput(out.errors)
        if out.version is not None:
            await versions.record(db, dataset_id, out.version, added=out.imported)
    except BaseException:
        if out._insert is not None:  # let a running insert end before rolling it back
            await asyncio.gather(out._insert, return_exceptions=True)
        await db.rollback()
        raise
    await db.commit()
    return out.imported, out.total if out.imported else dataset.item_count
