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

log = logging.getLogger(__name__)

JobFn = Callable[..., Awaitable[Any]]
JOBS: dict[str, JobFn] = {}
PERIODIC: dict[str, str] = {}
# Jobs that take the in-process job slot themselves (after their own concurrency limit), so
# a job waiting for its experiment's turn never holds one of the process-wide slots.
OWN_SLOT: set[str] = set()
# Modules whose import registers jobs; loaded by make_queue() and the worker.
JOB_MODULES = ("app.experiments.engine", "app.experiments.reaper")


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

    async def enqueue(self, name: str, *args: Any, job_id: str | None = None) -> None: ...

    async def close(self) -> None: ...


class InlineQueue:
    """Runs jobs as tasks of the API process; the embedded default."""

    def __init__(self, max_jobs: int = 64) -> None:
        self._ctx: dict[str, Any] = {}
        self._tasks: dict[str, asyncio.Task] = {}
        self._timers: list[asyncio.Task] = []
        self._limit = asyncio.Semaphore(max_jobs)
        self._anon = 0

    async def start(self, ctx: dict[str, Any]) -> None:
        ctx["job_slots"] = self._limit
        self._ctx = ctx
        settings = ctx.get("settings")
        for name, attribute in PERIODIC.items():
            interval = float(getattr(settings, attribute, 30)) if settings else 30.0
            self._timers.append(asyncio.create_task(self._every(name, interval)))

    async def _every(self, name: str, interval: float) -> None:
        while True:
            await self.enqueue(name, job_id=f"periodic:{name}")
            await asyncio.sleep(interval)

    async def enqueue(self, name: str, *args: Any, job_id: str | None = None) -> None:
        if job_id is None:
            self._anon += 1
            job_id = f"anon-{self._anon}"
        if job_id in self._tasks:
            return
        self._tasks[job_id] = asyncio.create_task(self._run(job_id, name, args))

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

    async def drain(self) -> None:
        """Wait until no job is queued or running (tests, shutdown)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks.values()), return_exceptions=True)

    async def close(self) -> None:
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

    async def enqueue(self, name: str, *args: Any, job_id: str | None = None) -> None:
        await self._pool.enqueue_job(name, *args, _job_id=job_id)

    async def close(self) -> None:
        if self._pool is not None:
            await self._pool.aclose()
            self._pool = None


def make_queue(settings: Any) -> JobQueue:
    load_jobs()
    if settings.redis_url:
        return ArqQueue(settings.redis_url, settings.arq_queue_name)
    return InlineQueue(settings.worker_max_jobs)
