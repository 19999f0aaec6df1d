"""Result exports: JSONL and CSV, streamed a chunk at a time from a session of their own."""

import csv
import io
import json
import uuid
from collections.abc import AsyncIterator
from typing import Any

from sqlalchemy import and_, or_
from sqlalchemy.ext.asyncio import async_sessionmaker

from app import csvsafe
from app.experiments.results import BASE_COLUMNS, rows_stmt, scores_by_run, to_row
from app.models import ExperimentRun

EXPORT_CHUNK = 1000


async def _row_chunks(
    sessionmaker: async_sessionmaker, experiment_id: uuid.UUID
) -> AsyncIterator[list[dict[str, Any]]]:
    """Rows a chunk at a time (keyset on sort_order, id); one score query per chunk."""
    async with sessionmaker() as db:
        last = None
        while True:
            stmt = rows_stmt(experiment_id).limit(EXPORT_CHUNK)
            if last is not None:
                stmt = stmt.where(
                    or_(
                        ExperimentRun.sort_order > last[0],
                        and_(ExperimentRun.sort_order == last[0], ExperimentRun.id > last[1]),
                    )
                )
            runs = list(await db.execute(stmt))
            if not runs:
                return
            scores = await scores_by_run(db, ExperimentRun.id.in_([r.id for r in runs]))
            yield [to_row(run, scores) for run in runs]
            last = (runs[-1].sort_order, runs[-1].id)


def _json_default(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    raise TypeError(f"not JSON serializable: {type(value).__name__}")


async def export_jsonl(
    sessionmaker: async_sessionmaker, experiment_id: uuid.UUID
) -> AsyncIterator[str]:
    async for chunk in _row_chunks(sessionmaker, experiment_id):
        yield "".join(
            json.dumps(row, default=_json_default, ensure_ascii=False) + "\n" for row in chunk
        )


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (dict, list, bool)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, str):
        return csvsafe.escape(value)  # model output and item text: no formulas (OWASP)
    return str(value) if isinstance(value, uuid.UUID) else value


def _score_cells(row: dict[str, Any], names: list[str]) -> list[Any]:
    # The latest score of a name wins (a human correction after the evaluator's score).
    latest = {s["name"]: s for s in row["scores"]}
    cells = []
    for name in names:
        score = latest.get(name)
        value = None if score is None else score["numeric_value"]
        cells.append(_cell(score["string_value"] if score and value is None else value))
    return cells


async def export_csv(
    sessionmaker: async_sessionmaker, experiment_id: uuid.UUID, score_names: list[str]
) -> AsyncIterator[str]:
    """One line per result; scores flattened into one `score:<name>` column per name."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([*BASE_COLUMNS, *(f"score:{name}" for name in score_names)])
    async for chunk in _row_chunks(sessionmaker, experiment_id):
        for row in chunk:
            writer.writerow(
                [*(_cell(row[c]) for c in BASE_COLUMNS), *_score_cells(row, score_names)]
            )
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue()
