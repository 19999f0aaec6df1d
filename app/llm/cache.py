"""The response cache: model replies stored content-addressed per organization, so a rerun of
the same configuration calls no model (issue 11.3).

The engine turns it on for one run by setting `SCOPE` (organization, repetition, a database
handle, a hit counter); `complete()` (client.py) consults it before calling the model and
stores the reply after a success. With no scope set (cache off, or a call outside a run) it
does no cache work at all: one ContextVar read on the hot path.

The key is a sha256 over the organization, the kind (target | judge), the model name, what is
sent (messages and the effective parameters, tools included) and the repetition index: one
tenant never reads another's reply, and repetition 2 is never served repetition 1's reply
(unlike promptfoo #5947, where N repetitions collapse into one cached answer). Only
successful replies are stored; an error never is. A lookup is one statement; stores wait in
a driver's `Stores` for at most FLUSH_S and go in one multi-row INSERT (one write
transaction per SQLite fsync, not one per reply).
"""

import asyncio
import hashlib
import json
import logging
import time
import uuid
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncEngine

from app.models import ResponseCache
from app.models.base import utcnow

log = logging.getLogger(__name__)

TABLE = ResponseCache.__table__
# What only carries the call, not what is asked: left out of the key (a rotated key or a
# longer timeout must not empty the cache).
_TRANSPORT = frozenset({"stream", "timeout", "num_retries", "max_retries", "api_key"})
# Stands for a per-call nonce (the judge's quoting mark) in keys and stored replies.
_NONCE = "\u2063nonce\u2063"
FLUSH_S = 0.05  # a reply waits at most this long to be stored


class Stores:
    """Replies waiting to be stored, written in one INSERT ... ON CONFLICT DO NOTHING per
    flush. One per driver; `close()` at its end writes what is left (a reply lost to a
    crash is only a future miss)."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine  # autocommit: each flush is one statement
        self.rows: list[dict[str, Any]] = []
        self.task: asyncio.Task | None = None
        self.wake = asyncio.Event()

    def add(self, row: dict[str, Any]) -> None:
        self.rows.append(row)
        if self.task is None or self.task.done():
            self.wake.clear()
            self.task = asyncio.create_task(self._soon())

    async def _soon(self) -> None:
        try:
            await asyncio.wait_for(self.wake.wait(), FLUSH_S)
        except TimeoutError:
            pass
        await self.flush()

    async def close(self) -> None:
        """Write what waits now and return once it is written (the driver's end, or its
        shutdown). The waiting flush is woken, never cancelled: a cancelled INSERT would
        lose the rows it carried."""
        self.wake.set()
        if self.task is not None:
            await asyncio.gather(self.task, return_exceptions=True)
        await self.flush()

    async def flush(self) -> None:
        rows, self.rows = self.rows, []
        if not rows:
            return
        statement = _STORE.get(self.engine.dialect.name, _STORE["sqlite"])
        try:
            async with self.engine.connect() as conn:
                await conn.execute(statement, rows)
        except Exception:  # the replies are still their runs'; only their reuse is lost
            log.warning("response cache store failed", exc_info=True)


@dataclass(slots=True)
class Scope:
    """One run's cache context: set by the driver, read by complete()."""

    stores: Stores  # its engine serves the lookups too
    organization_id: uuid.UUID
    repetition: int = 0
    hits: int = 0  # replies served from the cache during the run (target and judges)


SCOPE: ContextVar[Scope | None] = ContextVar("response_cache_scope", default=None)

_LOOKUP = select(TABLE.c.response).where(TABLE.c.key == bindparam("p_key"),
                                         TABLE.c.organization_id == bindparam("p_org"))
_STORE = {name: dialect.insert(TABLE).on_conflict_do_nothing(index_elements=["key"])
          for name, dialect in (("postgresql", postgresql), ("sqlite", sqlite))}


def _dumps(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      default=str)


def key(scope: Scope, kind: str, model: str, request: dict[str, Any], nonce: str | None) -> str:
    """sha256 hex of (organization, kind, model, messages + effective parameters, repetition);
    `nonce` (random per call) is masked so the same question finds its reply."""
    asked = {k: v for k, v in request.items() if k not in _TRANSPORT}
    text = _dumps([str(scope.organization_id), kind, model, scope.repetition, asked])
    if nonce:
        text = text.replace(nonce, _NONCE)
    return hashlib.sha256(text.encode()).hexdigest()


async def lookup(scope: Scope, cache_key: str, sent: list[dict], nonce: str | None
                 ) -> dict[str, Any] | None:
    """The stored reply as Completion fields (messages rebuilt from `sent`), or None. A hit
    costs nothing: cost 0.0, no provider attempt, latency the lookup's own."""
    started = time.perf_counter()
    try:
        async with scope.stores.engine.connect() as conn:
            stored = (await conn.execute(_LOOKUP, {"p_key": cache_key,
                                                   "p_org": scope.organization_id})).scalar()
    except Exception:  # a cache that cannot answer is a miss, never a failed run
        log.warning("response cache lookup failed", exc_info=True)
        return None
    if stored is None:
        return None
    if nonce:
        stored = json.loads(_dumps(stored).replace(_NONCE, nonce))
    reply = stored.pop("reply", [])
    scope.hits += 1
    return {**stored, "messages": [*sent, *reply], "cost": 0.0, "cost_known": True,
            "attempts": 0, "latency_ms": round((time.perf_counter() - started) * 1000)}


def store(scope: Scope, cache_key: str, kind: str, model: str, fields: dict[str, Any],
          sent: int, nonce: str | None) -> None:
    """Keep a successful reply (Completion fields; `sent` messages were the request's)."""
    record = {k: v for k, v in fields.items() if k not in ("messages", "latency_ms", "attempts")}
    record["reply"] = fields["messages"][sent:]
    text = _dumps(record)
    scope.stores.add({
        "key": cache_key, "organization_id": scope.organization_id, "kind": kind,
        "model": model[:200], "response": json.loads(text.replace(nonce, _NONCE) if nonce else text),
        "created_at": utcnow()})
