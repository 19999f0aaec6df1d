"""Named thread pools, so one kind of blocking work never queues behind another.

asyncio.to_thread shares the loop's default pool: a burst of regex grading there made another
organization's login wait 29 s for argon2. Each kind of work gets a pool of its own instead.
"""

import asyncio
import functools
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")

# name -> worker threads; a name not listed gets DEFAULT_WORKERS.
POOL_SIZES = {"passwords": 4, "graders": 4}
DEFAULT_WORKERS = 2

_pools: dict[str, ThreadPoolExecutor] = {}
_lock = threading.Lock()


def get_executor(name: str) -> ThreadPoolExecutor:
    """The process-wide pool for `name`, created on first use."""
    pool = _pools.get(name)
    if pool is None:
        with _lock:
            pool = _pools.get(name)
            if pool is None:
                pool = ThreadPoolExecutor(POOL_SIZES.get(name, DEFAULT_WORKERS),
                                          thread_name_prefix=f"evalforge-{name}")
                _pools[name] = pool
    return pool


async def run_in(name: str, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run a blocking call on the `name` pool without blocking the event loop."""
    call = functools.partial(fn, *args, **kwargs) if kwargs else functools.partial(fn, *args)
    return await asyncio.get_running_loop().run_in_executor(get_executor(name), call)
