"""arq worker: job functions from app.queue.JOBS, a cron reaper once the engine lands."""

import logging
from typing import Any

from arq import func
from arq.connections import RedisSettings
from arq.worker import Worker

from app.config import Settings
from app.db import make_engine, make_sessionmaker
from app.queue import JOBS, ArqQueue

log = logging.getLogger(__name__)


def worker_settings(settings: Settings) -> dict[str, Any]:
    async def startup(ctx: dict[str, Any]) -> None:
        engine = make_engine(settings.database_url)
        queue = ArqQueue(settings.redis_url, settings.arq_queue_name)
        await queue.start({})
        ctx.update(settings=settings, engine=engine, sessionmaker=make_sessionmaker(engine), queue=queue)
        if not JOBS:
            log.info("no jobs yet")

    async def shutdown(ctx: dict[str, Any]) -> None:
        await ctx["queue"].close()
        await ctx["engine"].dispose()

    return {
        "functions": [func(fn, name=name) for name, fn in JOBS.items()],
        "on_startup": startup,
        "on_shutdown": shutdown,
        "redis_settings": RedisSettings.from_dsn(settings.redis_url),
        "queue_name": settings.arq_queue_name,
        "max_jobs": settings.worker_max_jobs,
        "keep_result": 0,
        "allow_abort_jobs": True,
    }


def run_worker(settings: Settings) -> None:
    Worker(**worker_settings(settings)).run()
