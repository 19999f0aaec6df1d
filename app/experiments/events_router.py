"""The live progress endpoint (server-sent events); the stream itself is events.py."""

import uuid
from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import APIRouter, Header, Request
from fastapi.responses import StreamingResponse

from app.auth.deps import PrincipalDep
from app.db import SessionDep
from app.experiments import events, service

router = APIRouter(tags=["experiments"])

DESCRIPTION = """`text/event-stream` until the experiment has ended, then one `end` event and
the stream closes (a finished experiment: its current state, then `end`, at once).

- `run`: a run's outcome was written: `run_id`, `item_id`, `repetition`, `status`,
  `scores` ({name: value}), `latency_ms`, `cost`, `error`.
- `progress`: `counts` by status (and `total`), `finished`, `cost` so far (USD).
- `status`: the experiment's `status`, with `error` and `error_class` when it failed.
- `end`: the last event; `status` is the final one.

Every event has an `id`; reconnecting with `Last-Event-ID` resumes after it without losing
or repeating a `run` event. `: keep-alive` comment lines are sent while nothing happens.
429 when the organization has too many streams open."""


EVENT_SCHEMA = {
    "type": "object",
    "description": "One server-sent event; `data` is a JSON document",
    "properties": {
        "event": {"type": "string", "enum": ["run", "progress", "status", "end"]},
        "id": {"type": "string"},
        "data": {"type": "string", "contentMediaType": "application/json"},
        "retry": {"type": "integer"},
    },
}


@router.get(
    "/experiments/{experiment_id}/events/",
    response_class=StreamingResponse,
    description=DESCRIPTION,
    # OpenAPI 3.1: for an event stream, `schema` describes one event (3.2's itemSchema).
    responses={200: {"content": {"text/event-stream": {"schema": EVENT_SCHEMA}}},
               429: {"description": "Too many streams open for the organization."}},
)
async def events_stream(
    experiment_id: uuid.UUID,
    request: Request,
    principal: PrincipalDep,
    db: SessionDep,
    last_event_id: Annotated[str | None, Header(
        alias="Last-Event-ID", description="Resume after this event id.")] = None,
) -> Any:
    """Live progress as server-sent events (run, progress, status, end)."""
    cursor = events.Cursor.parse(last_event_id)
    await service.get(db, principal.organization_id, experiment_id)  # 404: another org's
    await db.close()  # the stream holds no connection: each poll takes one and gives it back
    release = events.take_slot(principal.organization_id)

    async def alive() -> bool:
        return not await request.is_disconnected()

    async def body() -> AsyncIterator[str]:
        try:
            async for chunk in events.stream(request.app.state.sessionmaker, experiment_id,
                                             cursor, alive):
                yield chunk
        finally:
            release()

    return StreamingResponse(body(), media_type="text/event-stream", headers={
        "Cache-Control": "no-cache", "X-Accel-Buffering": "no"})
