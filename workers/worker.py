"""arq worker: the job functions of app.queue.JOBS and the periodic jobs as cron jobs."""

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from arq import cron, func
from arq.connections import RedisSettings
from arq.worker import Retry, Worker
from redis.exceptions import RedisError

from app.config import Settings
from app.db import make_engine, make_sessionmaker
from app.fairness import FairSlots
from app.queue import ARQ_JOB_TIMEOUT_S, JOBS, PERIODIC, ArqQueue, Defer, JobFn, load_jobs

log = logging.getLogger(__name__)

# Deferral (waiting for a concurrency slot) is not failure: never run out of tries.
MAX_TRIES = 1_000_000
# While Redis is unreachable (restarting, failing over), how often to try it again.
REDIS_RETRY_S = 1.0


class ResilientWorker(Worker):
    """arq's worker ends its process at the first Redis error of its poll loop, so one Redis
    restart would stop every worker. This one keeps polling until Redis answers again; jobs
    in flight keep running (their runs live in the database), and the reaper (a cron job of
    this same loop) re-enqueues the drivers of whatever a Redis without persistence lost."""

    _redis_lost = False

    async def _poll_iteration(self) -> None:
        try:
            await super()._poll_iteration()
        except (RedisError, OSError) as exc:
            if not self._redis_lost:
                log.warning("Redis unreachable (%s): polling again every %ss", exc, REDIS_RETRY_S)
            self._redis_lost = True
            await asyncio.sleep(REDIS_RETRY_S)
        else:
            if self._redis_lost:
                log.warning("Redis reachable again")
            self._redis_lost = False


async def supervised(name: str, task: Callable[[], Awaitable[None]]) -> None:
    """Run a worker's background task (cancel listener, heartbeat) again after a Redis error
    instead of letting it end silently: a Redis restart must not stop cancels or heartbeats."""
    while True:
        try:
            await task()
            return
        except (RedisError, OSError) as exc:
            log.warning("%s: Redis unreachable (%s), again in %ss", name, exc, REDIS_RETRY_S)
            await asyncio.sleep(REDIS_RETRY_S)


def _arq_job(fn: JobFn) -> JobFn:
    async def run(ctx: dict[str, Any], *args: Any) -> Any:
        try:
            return await fn(ctx, *args)
        except Defer as defer:
            raise Retry(defer=defer.seconds) from None

    run.__qualname__ = fn.__qualname__
    return run


def _cron_times(interval_s: float) -> dict[str, Any]:
    step = max(1, int(interval_s))
    if step < 60:
        return {"second": set(range(0, 60, step))}
    return {"minute": set(range(0, 60, max(1, step // 60))), "second": 0}


def worker_settings(settings: Settings) -> dict[str, Any]:
    load_jobs()

    async def startup(ctx: dict[str, Any]) -> None:
        from app import llm
        from app.experiments import agent_http, signals
        from app.experiments.lanes import RedisLaneLocks
        from app.llm.client import warm_up

        llm.configure(settings)
        agent_http.configure(settings)
        # litellm takes seconds to import: pay it now, off the event loop, not on a first run.
        await asyncio.to_thread(warm_up)
        engine = make_engine(settings.database_url)
        queue = ArqQueue(settings.redis_url, settings.arq_queue_name)
        await queue.start({})
        # The runs this process executes at once: each organization gets a capped share of
        # them, handed out round robin (app.fairness); drivers wait for their share.
        ctx.update(settings=settings, engine=engine, sessionmaker=make_sessionmaker(engine),
                   queue=queue, lane_locks=RedisLaneLocks(ctx["redis"]), active_lanes={},
                   job_slots=FairSlots(settings.run_slots, settings.org_slot_share))
        # Cancels published by the API stop this worker's drivers at once; the heartbeat tells
        # drivers how many workers share the lanes of an experiment.
        ctx["cancel_listener"] = asyncio.create_task(
            supervised("cancel listener", lambda: signals.listen(ctx["redis"], settings)))
        ctx["heartbeat"] = asyncio.create_task(
            supervised("heartbeat", lambda: ctx["lane_locks"].beat(settings.arq_queue_name)))

    async def shutdown(ctx: dict[str, Any]) -> None:
        from app.experiments.targets import close_http_client

        await close_http_client()
        from app import llm

        await llm.aclose()
        for task in (ctx.get("cancel_listener"), ctx.get("heartbeat")):
            if task is not None:
                task.cancel()
                await asyncio.gather(task, return_exceptions=True)
        # Stopped before startup finished (a fast test, an early signal): nothing to close.
        if "queue" in ctx:
            await ctx["queue"].close()
        if "engine" in ctx:
            await ctx["engine"].dispose()

    periodic = [
        cron(_arq_job(JOBS[name]), name=f"cron:{name}", run_at_startup=True,
             **_cron_times(getattr(settings, attribute)))
        for name, attribute in PERIODIC.items()
    ]
    return {
        "functions": [func(_arq_job(fn), name=name, max_tries=MAX_TRIES) for name, fn in JOBS.items()],
        "cron_jobs": periodic,
        "on_startup": startup,
        "on_shutdown": shutdown,
        "redis_settings": RedisSettings.from_dsn(settings.redis_url),
        "queue_name": settings.arq_queue_name,
        "max_jobs": settings.worker_max_jobs,
        "job_timeout": ARQ_JOB_TIMEOUT_S,
        "poll_delay": settings.worker_poll_delay_s,
        "keep_result": 0,
        "allow_abort_jobs": True,
    }


def run_worker(settings: Settings) -> None:
    # Per-job and per-call INFO lines cost measurable CPU at hundreds of runs a second; the
    # run rows keep the same facts. uvloop (installed with uvicorn[standard]) runs the loop.
    logging.getLogger("arq.worker").setLevel(logging.WARNING)
    logging.getLogger("LiteLLM").setLevel(logging.WARNING)
    try:
        import uvloop

        asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())
    except ImportError:
        pass
    ResilientWorker(**worker_settings(settings)).run()
