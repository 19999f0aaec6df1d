"""Live progress of an experiment as server-sent events (issue 11.5).

Events: `run` (a run's outcome was written: its status, scores, latency, cost), `progress`
(counts by status, cost so far), `status` (the experiment's status changed; its error when
failed) and, last, `end`. Every event's `id:` is the stream's cursor after it; a client that
reconnects with `Last-Event-ID` gets every `run` event after that one, none twice.

Why the cursor is an event log and not the runs' finish times: drivers write outcomes in
batches whose transactions commit out of order, and anything assigned before the commit (a
timestamp, a sequence number) lets a late commit land behind a reader that has moved on. So
the writer inserts one `experiment_event` row per written run in the batch's own transaction
(the INSERT ... SELECT that already picks the rows whose fence held: no extra statement on
the engine's hot path, see runstate.finish_many), and readers follow a commit-ordered cursor:
- SQLite serializes writers (the batch holds the write lock from its first UPDATE to its
  commit), so row ids are handed out in commit order: the cursor is the id.
- PostgreSQL: each row carries its transaction's id (`txid`), and a reader takes only rows
  whose transaction is older than every transaction still running (the snapshot's xmin):
  those can no longer change, so the cursor (txid, id) never passes a row that commits later.
  A long write transaction elsewhere delays events (never loses them); once the experiment
  has ended and no run of it is in flight, the rest is read without that bound.
The alternative considered, a cursor over finished_at with a re-read window and
de-duplication by run id, needs the window to exceed the longest batch transaction (unbounded
under load) and cannot resume from a single Last-Event-ID without repeating or losing runs.
Measured (3000 runs written in batches of 50, one score each, before/after on this machine):
runstate.finish_many costs the same on PostgreSQL (0.65 vs 0.65-0.68 ms a run) and about
0.1 ms a run more on SQLite (0.46-0.53 vs 0.59-0.68), where the log's rows are written by
the process itself.

Cost: a stream looks at most every MIN_GAP_S (wake-ups in between are coalesced); each look
takes one pooled connection for a few short statements and gives it back before the stream
waits (none is held for the stream's life), and an organization has at most
MAX_STREAMS_PER_ORG streams per API process (429 beyond). Wake-ups come from app/experiments/
notify.py (in-process, or Redis pub/sub from the workers); POLL_S is the fallback when one is
lost. Runs ended in bulk without running (cancelled while pending, skipped by the circuit
breaker or the reaper) are counted in `progress`, not announced one by one.
"""

import asyncio
import json
import time
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import BigInteger, Text, and_, bindparam, cast, func, or_, select

from app.errors import AppError, field_error
from app.experiments import notify, runstate
from app.models import Experiment, ExperimentEvent, ExperimentRun, Score

MAX_STREAMS_PER_ORG = 20  # per API process
HEARTBEAT_S = 15.0  # a comment line this often keeps proxies from closing an idle stream
POLL_S = 2.0  # the database is read at least this often, wake-up or not
MIN_GAP_S = 0.2  # ... and at most this often: a busy experiment wakes streams per batch
PAGE = 500  # run events read per statement
RETRY_MS = 2000  # the browser's reconnection delay
TERMINAL = ("completed", "failed", "cancelled")
FINISHED = ("completed", "failed", "cancelled", "skipped")

EVENT, RUN, SCORE = ExperimentEvent.__table__, ExperimentRun.__table__, Score.__table__
_EID = bindparam("p_eid", type_=RUN.c.experiment_id.type)
_TXID, _ID = bindparam("p_txid", type_=BigInteger()), bindparam("p_id", type_=BigInteger())
_AFTER = or_(EVENT.c.txid > _TXID, and_(EVENT.c.txid == _TXID, EVENT.c.id > _ID))
_NEW_RUNS = (
    select(EVENT.c.txid, EVENT.c.id.label("event_id"), RUN.c.id, RUN.c.dataset_item_id,
           RUN.c.repetition, RUN.c.status, RUN.c.latency_ms, RUN.c.cost, RUN.c.error)
    .join(RUN, RUN.c.id == EVENT.c.run_id)
    .where(EVENT.c.experiment_id == _EID, _AFTER)
    .order_by(EVENT.c.txid, EVENT.c.id).limit(bindparam("p_limit"))
)
# PostgreSQL, while runs may still be written: only transactions older than every running one.
_XMIN = cast(cast(func.pg_snapshot_xmin(func.pg_current_snapshot()), Text), BigInteger)
_NEW_RUNS_SETTLED = _NEW_RUNS.where(EVENT.c.txid < _XMIN)
_SCORES = select(SCORE.c.run_id, SCORE.c.name, SCORE.c.numeric_value, SCORE.c.string_value).where(
    SCORE.c.run_id.in_(bindparam("p_runs", expanding=True)))
_COUNTS = (select(RUN.c.status, func.count(), func.sum(RUN.c.cost))
           .where(RUN.c.experiment_id == _EID).group_by(RUN.c.status))
_HEAD = select(Experiment.status, Experiment.error, Experiment.error_class).where(
    Experiment.id == _EID)
_IN_FLIGHT = select(RUN.c.id).where(
    RUN.c.experiment_id == _EID, RUN.c.status == "running",
    RUN.c.lease_until > bindparam("p_now", type_=RUN.c.lease_until.type)).limit(1)


class TooManyStreams(AppError):
    """Too many live progress streams for this organization; close one and retry."""

    status_code = 429


@dataclass(frozen=True, slots=True)
class Cursor:
    """Where a stream is in the event log: `<txid>-<id>`, the `id:` of every event."""

    txid: int = 0
    id: int = 0

    def __str__(self) -> str:
        return f"{self.txid}-{self.id}"

    @classmethod
    def parse(cls, raw: str | None) -> "Cursor":
        if not raw:
            return cls()
        try:
            txid, _, event_id = raw.strip().partition("-")
            cursor = cls(int(txid), int(event_id))
        except ValueError:
            cursor = cls(-1, -1)
        if cursor.txid < 0 or cursor.id < 0 or cursor.txid >= 2**63 or cursor.id >= 2**63:
            raise field_error("Last-Event-ID", "Last-Event-ID must be an event id this stream "
                              "sent (<number>-<number>).", "header")
        return cursor


_open: Counter[uuid.UUID] = Counter()


def take_slot(organization_id: uuid.UUID) -> Callable[[], None]:
    """One of the organization's streams in this process (429 when MAX_STREAMS_PER_ORG are
    open); returns the function that gives it back."""
    if _open[organization_id] >= MAX_STREAMS_PER_ORG:
        raise TooManyStreams(f"At most {MAX_STREAMS_PER_ORG} live progress streams per "
                             "organization; close one (or poll the experiment) and retry.")
    _open[organization_id] += 1
    released = False

    def release() -> None:
        nonlocal released
        if not released:
            released = True
            _open[organization_id] -= 1
            if _open[organization_id] <= 0:
                del _open[organization_id]

    return release


def sse(kind: str, data: Any, cursor: Cursor) -> str:
    return f"event: {kind}\nid: {cursor}\ndata: {json.dumps(data, default=str)}\n\n"


@dataclass(slots=True)
class Poll:
    """What one read of the database found."""

    runs: list[tuple[Cursor, dict]]  # each run event with its own id
    cursor: Cursor
    head: Any  # status, error, error_class; None once the experiment is deleted
    counts: dict[str, Any] | None  # only when runs were found or the status moved
    settled: bool  # ended and nothing more can be written
    more: bool  # a full page: read again at once


async def _poll(sessions: runstate.Sessions, experiment_id: uuid.UUID, cursor: Cursor,
                status_sent: str | None) -> Poll:
    """Short statements on one pooled connection, given back before the stream waits."""
    params = {"p_eid": experiment_id}
    async with runstate.single_statements(sessions).connect() as conn:
        head = (await conn.execute(_HEAD, params)).first()
        # In-flight first, runs after: a run written before this check is in the read below.
        settled = head is None or (head.status in TERMINAL and (await conn.execute(
            _IN_FLIGHT, {**params, "p_now": runstate.utcnow()})).first() is None)
        bounded = conn.dialect.name == "postgresql" and not settled
        rows = (await conn.execute(_NEW_RUNS_SETTLED if bounded else _NEW_RUNS,
                                   {**params, "p_txid": cursor.txid, "p_id": cursor.id,
                                    "p_limit": PAGE})).all()
        runs: list[tuple[Cursor, dict]] = []
        if rows:
            cursor = Cursor(rows[-1].txid, rows[-1].event_id)
            scores = await conn.execute(_SCORES, {"p_runs": [row.id for row in rows]})
            by_run: dict[uuid.UUID, dict] = {}
            for run_id, name, number, text in scores:
                by_run.setdefault(run_id, {})[name] = number if number is not None else text
            runs = [(Cursor(row.txid, row.event_id), _run(row, by_run.get(row.id, {})))
                    for row in rows if row.status in FINISHED]
        more = len(rows) >= PAGE
        counts = None  # once the pages so far are all sent
        if head is not None and not more and (rows or head.status != status_sent):
            counts = _counts((await conn.execute(_COUNTS, params)).all())
    return Poll(runs, cursor, head, counts, settled and not more, more)


def _run(row: Any, scores: dict) -> dict:
    """A run event's data (the run as it is now: a retried run's newest outcome)."""
    return {"run_id": row.id, "item_id": row.dataset_item_id, "repetition": row.repetition,
            "status": row.status, "scores": scores, "latency_ms": row.latency_ms,
            "cost": row.cost, "error": row.error or ""}


def _counts(rows: list[Any]) -> dict[str, Any]:
    counts = dict.fromkeys(("pending", "running", *FINISHED), 0)
    cost = 0.0
    for status, n, spent in rows:
        counts[status] = counts.get(status, 0) + n
        cost += spent or 0.0
    total = sum(counts.values())
    finished = sum(counts[s] for s in FINISHED)
    return {"counts": {**counts, "total": total}, "finished": finished, "cost": round(cost, 10)}


async def stream(sessions: runstate.Sessions, experiment_id: uuid.UUID, cursor: Cursor,
                 alive: Callable[[], Awaitable[bool]]) -> AsyncIterator[str]:
    """The event stream, from `cursor` until the experiment has ended (or the client left)."""
    status_sent: str | None = None
    last_write = time.monotonic()
    yield f"retry: {RETRY_MS}\n\n"
    looked = 0.0
    with notify.watch(experiment_id) as news:
        while True:
            if (gap := MIN_GAP_S - (time.monotonic() - looked)) > 0:
                await asyncio.sleep(gap)
            news.clear()
            looked = time.monotonic()
            poll = await _poll(sessions, experiment_id, cursor, status_sent)
            cursor = poll.cursor
            out = [sse("run", run, at) for at, run in poll.runs]
            if poll.counts is not None:
                out.append(sse("progress", poll.counts, cursor))
            if poll.head is not None and poll.head.status != status_sent and not poll.more:
                status_sent = poll.head.status
                out.append(sse("status", {"status": status_sent, "error": poll.head.error or "",
                                          "error_class": poll.head.error_class or ""}, cursor))
            if poll.settled:
                out.append(sse("end", {"status": status_sent or "deleted"}, cursor))
            if out:
                yield "".join(out)
                last_write = time.monotonic()
            if poll.settled or not await alive():
                return
            if poll.more:
                looked = 0.0  # a full page: read the next one at once
                continue
            wait = min(POLL_S, max(0.05, HEARTBEAT_S - (time.monotonic() - last_write)))
            try:
                await asyncio.wait_for(news.wait(), wait)
            except TimeoutError:
                if time.monotonic() - last_write >= HEARTBEAT_S:
                    yield ": keep-alive\n\n"
                    last_write = time.monotonic()
