"""The batched engine: `experiments.drive` executes one lane of a running experiment.

A driver claims runs in batches (one statement: lease + fencing token, PostgreSQL skipping
rows another driver is claiming), runs up to its lane's share of `max_concurrency` at once
through the targets and graders, and hands outcomes to a writer that records them in
batches, each guarded by its run's fence. One statement renews every lease it holds. When
nothing is left to claim, the last outcome is written and the experiment finalized.

A cancel stops new model calls at once (signals.py, and a status poll as a fallback); runs
claimed but not started are recorded as cancelled. A driver stopped by shutdown writes what
it has and hands the rest back; a killed one loses its leases, and the reaper starts a new
driver for the lane.
"""

import asyncio
import contextlib
import logging
import math
import random
import uuid
from collections import deque
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from app.evaluators import graders
from app.experiments import lanes, runstate, signals
from app.experiments.breaker import Breaker
from app.experiments.budget import Budget
from app.experiments.outcomes import CANCELLED, OutcomeWriter, execute
from app.experiments.snapshot import ITEM_COLUMNS, item_dict
from app.fairness import FairSlots
from app.llm import cache
from app.models import DatasetItem, Experiment
from app.queue import Defer, job

log = logging.getLogger(__name__)

WATCH_S = 0.25  # status poll: the fallback when a cancel signal is lost
GATE_POLL_S = 0.05  # a lane waiting for lane 0's probe looks for a working run this often
SPREAD_DEFER_S = 0.1  # arq: about a poll, so another worker can take a second lane
SPREAD_TRIES = 3  # at most ~0.5 s before the lane runs where it is
_HEAD = select(Experiment.status, Experiment.organization_id, Experiment.snapshot)
_STATUS = select(Experiment.status, Experiment.error, Experiment.error_class,
                 Experiment.budget_exhausted)


@dataclass(slots=True)
class Claimed:
    id: uuid.UUID
    fence: int
    item: dict
    repetition: int = 0  # 0-based; the response cache keys on it (issue 11)


async def _items(sessions: runstate.Sessions, ids: list[uuid.UUID]) -> dict[uuid.UUID, dict]:
    stmt = select(*ITEM_COLUMNS).where(DatasetItem.id.in_(ids))
    async with runstate.single_statements(sessions).connect() as conn:
        rows = (await conn.execute(stmt)).all()
    return {row.id: item_dict(row) for row in rows}


class Driver:
    def __init__(self, ctx: dict[str, Any], experiment_id: uuid.UUID, organization_id: uuid.UUID,
                 snapshot: dict, slots: int, breaker: Breaker | None = None) -> None:
        self.ctx, self.sessions, self.settings = ctx, ctx["sessionmaker"], ctx["settings"]
        self.experiment_id, self.organization_id = experiment_id, organization_id
        self.snapshot, self.slots = snapshot, slots
        self.running = True
        self.queue: deque[Claimed] = deque()
        self.held: dict[uuid.UUID, int] = {}  # claimed, outcome not yet written: id -> fence
        self.exhausted = False
        self.claim_lock = asyncio.Lock()
        self.writer = OutcomeWriter(self.sessions, self.held)
        self.breaker = breaker or Breaker(0)
        self.unstarted = CANCELLED  # what a claimed run that never starts becomes
        self.tripped = False
        self.budget = Budget.of(snapshot)  # None without max_cost
        self.stores = (cache.Stores(runstate.single_statements(self.sessions))
                       if snapshot.get("cache") else None)  # the response cache's writes

    def stop(self, unstarted: dict | None = None) -> None:
        if unstarted is not None:
            self.unstarted = unstarted
        self.running = False
        self.breaker.open()  # waiting workers wake up and record their runs as unstarted

    async def still_running(self) -> bool:
        return self.running

    async def run(self) -> None:
        unsubscribe = signals.subscribe(self.experiment_id, self.stop)
        try:
            async with self._background():
                await asyncio.gather(*(self._worker() for _ in range(self.slots)))
            await self.writer.close()
            if self.stores is not None:
                await self.stores.close()
        except BaseException:
            await asyncio.shield(self._hand_back())
            raise
        finally:
            unsubscribe()
        await runstate.finalize(self.sessions, self.experiment_id)

    async def _worker(self) -> None:
        # The process's run slots: this organization's capped share, round robin between
        # organizations (app.fairness), so one tenant cannot starve another.
        slots: FairSlots | None = self.ctx.get("job_slots")
        org = str(self.organization_id)
        graders.grading_org.set(org)  # its share of the graders pool
        await self.breaker.ready()
        while (run := await self._next()) is not None:
            async with self.breaker.slot():  # narrow until the configuration is seen to work
                if self.running and self.budget is not None and self.budget.reached:
                    await self._exhaust()
                if not self.running:
                    self.writer.add(run.id, run.fence, self.unstarted, [])
                    continue
                async with slots.take(org) if slots is not None else contextlib.nullcontext():
                    values, scores = await self._execute(run)
                if values["status"] == "cancelled":
                    values = self.unstarted  # stopped between turns: skipped after a trip
                self.writer.add(run.id, run.fence, values, scores)
                if self.budget is not None:
                    self.budget.add(values.get("cost"))
                tripped = self.breaker.record(values)
            if tripped and not self.tripped:
                await self._trip(values)

    async def _execute(self, run: Claimed) -> tuple[dict, list[dict]]:
        """The run's outcome; with config.cache, inside a response-cache scope whose hits
        (target and judge replies served from the cache) the run records."""
        if self.stores is None:
            return await execute(self.snapshot, run, self.still_running)
        scope = cache.Scope(self.stores, self.organization_id, run.repetition)
        token = cache.SCOPE.set(scope)
        try:
            values, scores = await execute(self.snapshot, run, self.still_running)
        finally:
            cache.SCOPE.reset(token)
        return {**values, "cache_hits": scope.hits}, scores

    async def _exhaust(self) -> None:
        """max_cost reached: no new run starts here, the rest are skipped with the reason."""
        assert self.budget is not None
        self.stop(self.budget.skipped)
        await self.budget.exhaust(self.sessions, self.experiment_id)

    async def _trip(self, values: dict) -> None:
        """Same configuration error N times: fail the experiment, skip every run left."""
        self.tripped = True
        self.stop({"status": "skipped", "error": values.get("error") or "",
                   "error_class": values.get("error_class") or ""})
        if await runstate.trip(self.sessions, self.experiment_id, values):
            log.warning("experiment %s stopped by the circuit breaker: %s", self.experiment_id,
                        values.get("error"))

    async def _next(self) -> Claimed | None:
        async with self.claim_lock:
            if not self.queue and self.running and not self.exhausted:
                if self.budget is not None:  # one SUM per claim batch, not per run
                    await self.budget.refresh(self.sessions, self.experiment_id,
                                              (values for _, _, values, _ in self.writer.waiting))
                    if self.budget.reached:
                        await self._exhaust()
                        return None
                await self._claim()
            return self.queue.popleft() if self.queue else None

    async def _claim(self) -> None:
        lease_s = self.settings.run_lease_s
        claim = asyncio.ensure_future(
            runstate.claim_batch(self.sessions, self.experiment_id, self.slots, lease_s))
        try:
            claimed = await asyncio.shield(claim)
        except asyncio.CancelledError:
            # Shutdown mid-claim: the statement may have committed; wait for it, so the runs
            # it leased are known and handed back instead of waiting for their lease to end.
            for run_id, fence, *_ in await claim:
                self.held[run_id] = fence
            raise
        if not claimed:
            self.exhausted = True
            return
        for run_id, fence, *_ in claimed:
            self.held[run_id] = fence
        items = await _items(self.sessions, list({item_id for _, _, item_id, _ in claimed}))
        self.queue.extend(Claimed(run_id, fence, items[item_id], repetition)
                          for run_id, fence, item_id, repetition in claimed)

    @contextlib.asynccontextmanager
    async def _background(self) -> AsyncIterator[None]:
        tasks = [asyncio.create_task(self._renew_leases()), asyncio.create_task(self._watch()),
                 asyncio.create_task(self._await_probe())]
        try:
            yield
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

    async def _renew_leases(self) -> None:
        lease_s = self.settings.run_lease_s
        while True:
            await asyncio.sleep(lease_s / 3)
            try:
                if self.held:
                    await runstate.renew(self.sessions, list(self.held), lease_s)
                await self.ctx["lane_renew"]()
            except Exception:  # a missed renewal only risks a takeover, which is safe
                log.warning("lease renewal failed for experiment %s", self.experiment_id,
                            exc_info=True)

    async def _watch(self) -> None:
        stmt = _STATUS.where(Experiment.id == self.experiment_id)
        while self.running:
            await asyncio.sleep(WATCH_S)
            try:
                async with runstate.single_statements(self.sessions).connect() as conn:
                    head = (await conn.execute(stmt)).first()
            except Exception:
                log.warning("status poll failed for %s", self.experiment_id, exc_info=True)
                continue
            if head is not None and head.budget_exhausted and self.budget is not None:
                self.stop(self.budget.skipped)  # another lane reached max_cost
            elif head is None or head.status != "running":
                # Failed while running: another lane's breaker tripped; its runs are skipped.
                self.stop({"status": "skipped", "error": head.error,
                           "error_class": head.error_class}
                          if head is not None and head.status == "failed" else None)

    async def _await_probe(self) -> None:
        """A lane other than 0: open the gate once a run of the experiment ended other than by
        a configuration error (lane 0's probe showed the configuration works)."""
        if self.breaker.opened.is_set():
            return
        while not self.breaker.opened.is_set() and self.running:
            await asyncio.sleep(GATE_POLL_S)
            try:
                async with runstate.single_statements(self.sessions).connect() as conn:
                    worked = (await conn.execute(runstate.WORKED,
                                                  {"p_eid": self.experiment_id})).scalar()
            except Exception:
                log.warning("probe poll failed for %s", self.experiment_id, exc_info=True)
                continue
            if worked:
                self.breaker.open()

    async def _hand_back(self) -> None:
        """Shutdown: record what finished, give every other held run back at once."""
        try:
            await self.writer.close()
        finally:
            await runstate.release_many(self.sessions, dict(self.held))
            if self.stores is not None:
                await self.stores.close()


def _active_lanes(ctx: dict[str, Any]) -> dict[uuid.UUID, list[int]]:
    """Experiment -> lanes this worker drives (a worker's ctx holds it from start-up)."""
    return ctx.setdefault("active_lanes", {})


async def _leave_to_another_worker(ctx: dict[str, Any], locks: lanes.LaneLocks,
                                   experiment_id: uuid.UUID, lane: int, lane_total: int) -> bool:
    """arq hands every queued job to whichever worker polls first: spread an experiment's
    lanes over the live workers instead (a few tries, then run it here anyway). The lowest
    lane here stays; a higher one leaves when this worker has its share already."""
    here = set(_active_lanes(ctx).get(experiment_id, ())) - {lane}
    if (not here or lane < min(here) or lane_total < 2 or ctx.get("job_try", 1) > SPREAD_TRIES
            or not isinstance(locks, lanes.RedisLaneLocks)):
        return False
    workers = await locks.live_workers(ctx["settings"].arq_queue_name)
    return workers > 1 and len(here) >= math.ceil(lane_total / workers)


@job("experiments.drive", own_slot=True)
async def drive(ctx: dict[str, Any], experiment_id: str, lane: int, lane_total: int) -> None:
    """Drive lane `lane` of `lane_total` of a running experiment; safe to run twice."""
    eid = uuid.UUID(experiment_id)
    # Counted before the first await, so lanes picked up together see each other.
    active = _active_lanes(ctx)
    active.setdefault(eid, []).append(lane)
    try:
        await _drive(ctx, eid, lane, lane_total)
    finally:
        active[eid].remove(lane)
        if not active[eid]:
            del active[eid]


async def _drive(ctx: dict[str, Any], eid: uuid.UUID, lane: int, lane_total: int) -> None:
    sessions, settings = ctx["sessionmaker"], ctx["settings"]
    async with runstate.single_statements(sessions).connect() as conn:
        head = (await conn.execute(_HEAD.where(Experiment.id == eid))).first()
    if head is None or head.status != "running":
        return
    snapshot = head.snapshot or {}
    limit = int(snapshot.get("max_concurrency") or settings.max_concurrency)
    slots = lanes.lane_share(limit, lane, lane_total)
    if slots <= 0:
        return
    locks: lanes.LaneLocks = ctx.setdefault("lane_locks", lanes.LocalLaneLocks())
    if await _leave_to_another_worker(ctx, locks, eid, lane, lane_total):
        # Jittered: workers poll at a fixed period, so a fixed delay would hand the job back
        # to the same worker every time.
        raise Defer(SPREAD_DEFER_S * random.uniform(0.7, 3.0))
    key = lanes.job_id(eid, lane)
    token = await locks.acquire(key, settings.run_lease_s)
    if token is None:
        return  # a live driver owns this lane
    try:
        driver = Driver({**ctx, "lane_renew": lambda: locks.renew(key, token, settings.run_lease_s)},
                        eid, head.organization_id, snapshot, slots,
                        Breaker(settings.breaker_threshold, prober=lane == 0))
        await driver.run()
    finally:
        await asyncio.shield(locks.release(key, token))
