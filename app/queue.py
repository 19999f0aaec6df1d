"""Job queues with one interface: arq on Redis, or in-process tasks.

Jobs are registered by name in JOBS (domain.verb -> async fn(ctx, *args)). A job id makes
enqueueing idempotent: the same id while queued or running is a no-op on both backends.
Enqueue only after the commit that created the rows a job reads.

A job may raise `Defer(seconds)` to be run again later under the same job id (arq: `Retry`).
Periodic jobs (PERIODIC: name -> the Settings attribute holding the interval) run as arq
cron jobs in workers and as a timer task of the in-process queue, once at start-up too.
"""

import asyncio
import importlib
import logging
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

from app.experiments import notify
from app.fairness import FairSlots

log = logging.getLogger(__name__)

JobFn = Callable[..., Awaitable[Any]]
JOBS: dict[str, JobFn] = {}
PERIODIC: dict[str, str] = {}
# Jobs that take slots themselves (experiment drivers: one run slot per run, for their
# organization, from ctx["job_slots"], an app.fairness.FairSlots on both backends) instead
# of one of the in-process queue's job slots.
OWN_SLOT: set[str] = set()
# arq's own per-job timeout: a run bounds itself (model timeouts, leases), so this is a last
# resort. arq marks a started job "in progress" for this long (+10 s), even if its worker died.
ARQ_JOB_TIMEOUT_S = 3600
# Modules whose import registers jobs; loaded by make_queue() and the worker.
JOB_MODULES = ("app.experiments.driver", "app.experiments.reaper")


def job(name: str, *, every: str | None = None, own_slot: bool = False) -> Callable[[JobFn], JobFn]:
    def register(fn: JobFn) -> JobFn:
        JOBS[name] = fn
        if every:
            PERIODIC[name] = every
        if own_slot:
            OWN_SLOT.add(name)
        return fn

    return register


def load_jobs() -> None:
    for module in JOB_MODULES:
        importlib.import_module(module)


class Defer(Exception):
    """Raised by a job to run again after `seconds`, keeping its job id."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"deferred by {seconds}s")
        self.seconds = seconds


class JobQueue(Protocol):
    async def start(self, ctx: dict[str, Any]) -> None: ...

    async def enqueue(self, name: str, *args: Any, job_id: str | None = None) -> bool | None:
        """Queue a job; True if queued, False if that job id was already queued or running."""

    async def revive(self, job_ids: list[str], older_than_s: float) -> int:
        """Free jobs marked started longer ago than `older_than_s` whose worker died."""
        ...

    async def close(self) -> None: ...


class InlineQueue:
    """Runs jobs as tasks of the API process; the embedded default."""

    def __init__(self, max_jobs: int = 64, run_slots: int = 256, org_share: float = 1.0) -> None:
        self._ctx: dict[str, Any] = {}
        self._tasks: dict[str, asyncio.Task] = {}
        self._timers: list[asyncio.Task] = []
        self._limit = asyncio.Semaphore(max_jobs)  # jobs that are not runs (the reaper)
        # The runs drivers execute: one pool for every organization, each with a capped
        # share, handed out round robin.
        self._run_slots = FairSlots(run_slots, org_share)
        self._anon = 0
        self._closed = False

    async def start(self, ctx: dict[str, Any]) -> None:
        ctx["job_slots"] = self._run_slots
        self._ctx = ctx
        settings = ctx.get("settings")
        for name, attribute in PERIODIC.items():
            interval = float(getattr(settings, attribute, 30)) if settings else 30.0
            self._timers.append(asyncio.create_task(self._every(name, interval)))

    async def _every(self, name: str, interval: float) -> None:
        while True:
            await self.enqueue(name, job_id=f"periodic:{name}")
            await asyncio.sleep(interval)

    async def enqueue(self, name: str, *args: Any, job_id: str | None = None) -> bool:
        if job_id is None:
            self._anon += 1
            job_id = f"anon-{self._anon}"
        if job_id in self._tasks or self._closed:
            return False
        self._tasks[job_id] = asyncio.create_task(self._run(job_id, name, args))
        return True

    async def _run(self, job_id: str, name: str, args: tuple) -> None:
        try:
            while True:
                try:
                    if name in OWN_SLOT:
                        await JOBS[name](self._ctx, *args)
                    else:
                        async with self._limit:
                            await JOBS[name](self._ctx, *args)
                    return
                except Defer as defer:
                    await asyncio.sleep(defer.seconds)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("job %s (%s) failed", name, job_id)
        finally:
            self._tasks.pop(job_id, None)

    async def revive(self, job_ids: list[str], older_than_s: float) -> int:
        return 0  # tasks die with the process: a restart starts from an empty queue

    async def drain(self) -> None:
        """Wait until no job is queued or running (tests, shutdown)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks.values()), return_exceptions=True)

    async def close(self) -> None:
        # Closed first: a job cancelled mid-way (the reaper) must not start new ones.
        self._closed = True
        tasks = self._timers + list(self._tasks.values())
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        self._tasks.clear()
        self._timers.clear()


class ArqQueue:
    """Hands jobs to `evalforge worker` processes through Redis."""

    def __init__(self, redis_url: str, queue_name: str) -> None:
        self._redis_url = redis_url
        self._queue_name = queue_name
        self._pool = None

    @property
    def pool(self) -> Any:
        return self._pool

    async def start(self, ctx: dict[str, Any]) -> None:
        from arq import create_pool
        from arq.connections import RedisSettings

        self._pool = await create_pool(
            RedisSettings.from_dsn(self._redis_url), default_queue_name=self._queue_name
        )
        # Live progress wake-ups (app/experiments/notify.py) go through the same pool.
        notify.use_redis(self._pool, self._queue_name)

    async def enqueue(self, name: str, *args: Any, job_id: str | None = None) -> bool:
        return await self._pool.enqueue_job(name, *args, _job_id=job_id) is not None

    async def revive(self, job_ids: list[str], older_than_s: float) -> int:
        """Drop arq's in-progress mark of jobs started more than `older_than_s` ago.

        A job whose worker was killed stays marked in progress for ARQ_JOB_TIMEOUT_S, so it
        can neither run again nor be enqueued again under its id. The caller knows the job's
        work was never taken up (its run is unleased), so any worker may start it afresh.
        """
        from arq.constants import in_progress_key_prefix

        if not job_ids:
            return 0
        keys = [in_progress_key_prefix + job_id for job_id in job_ids]
        async with self._pool.pipeline(transaction=False) as pipe:
            for key in keys:
                pipe.pttl(key)
            ttls = await pipe.execute()
        marked_ms = (ARQ_JOB_TIMEOUT_S + 10) * 1000
        stale = [k for k, ttl in zip(keys, ttls, strict=True) if ttl > 0 and marked_ms - ttl > older_than_s * 1000]
        if stale:
            await self._pool.delete(*stale)
        return len(stale)

    async def close(self) -> None:
        if self._pool is not None:
            notify.forget_redis(self._pool)
            await self._pool.aclose()
            self._pool = None


def make_queue(settings: Any) -> JobQueue:
    load_jobs()
    if settings.redis_url:
        return ArqQueue(settings.redis_url, settings.arq_queue_name)
    return InlineQueue(settings.worker_max_jobs, settings.run_slots, settings.org_slot_share)
