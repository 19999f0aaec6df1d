"""Per-experiment concurrency slots: in-process semaphores, or a Redis lease set shared by workers.

`acquire(key, holder, limit, lease_s, timeout_s)` waits up to `timeout_s` for one of `limit`
slots; `release(key, holder)` frees it. Redis slots are leases (a sorted set scored by
expiry) so a killed worker's slots come back after `lease_s`; `renew` extends live ones.
"""

import asyncio
import random
import time
from collections import defaultdict
from typing import Any, Protocol


class Limiter(Protocol):
    distributed: bool

    async def acquire(
        self, key: str, holder: str, limit: int, lease_s: float, timeout_s: float | None = None
    ) -> bool: ...

    async def release(self, key: str, holder: str) -> None: ...

    async def renew(self, leases: list[tuple[str, str]], lease_s: float) -> None: ...


class LocalLimiter:
    """One asyncio semaphore per key; a key's entry goes away once nobody uses it."""

    distributed = False

    def __init__(self) -> None:
        self._sems: dict[str, asyncio.Semaphore] = {}
        self._users: dict[str, int] = defaultdict(int)

    async def acquire(
        self, key: str, holder: str, limit: int, lease_s: float, timeout_s: float | None = None
    ) -> bool:
        sem = self._sems.setdefault(key, asyncio.Semaphore(limit))
        self._users[key] += 1
        try:
            await asyncio.wait_for(sem.acquire(), timeout_s)
        except TimeoutError:
            self._forget(key)
            return False
        return True

    async def release(self, key: str, holder: str) -> None:
        self._sems[key].release()
        self._forget(key)

    def _forget(self, key: str) -> None:
        self._users[key] -= 1
        if self._users[key] <= 0:
            self._users.pop(key, None)
            self._sems.pop(key, None)

    async def renew(self, leases: list[tuple[str, str]], lease_s: float) -> None:
        return None


# KEYS[1] = slot set; ARGV = holder, limit, now_ms, expiry_ms. Drops expired holders first.
_ACQUIRE = """
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[3])
if redis.call('ZSCORE', KEYS[1], ARGV[1]) then return 1 end
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[2]) then
  redis.call('ZADD', KEYS[1], ARGV[4], ARGV[1])
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[4]) - tonumber(ARGV[3]) + 60000)
  return 1
end
return 0
"""


class RedisLimiter:
    """Slots shared by every worker through one Redis sorted set per key.

    Only one waiter per key and process polls Redis; the others queue on a local lock, and a
    local release wakes the poller at once, so waiting costs a few Redis calls per second.
    """

    distributed = True

    def __init__(self, redis: Any, prefix: str = "evalforge:slots:", poll_s: float = 0.025) -> None:
        self._redis = redis
        self._prefix = prefix
        self._poll_s = poll_s
        self._script = redis.register_script(_ACQUIRE)
        self._gates: dict[str, asyncio.Lock] = {}
        self._wake: dict[str, asyncio.Event] = {}

    async def _try(self, key: str, holder: str, limit: int, lease_s: float) -> bool:
        now = int(time.time() * 1000)
        args = [holder, limit, now, now + int(lease_s * 1000)]
        return bool(await self._script(keys=[self._prefix + key], args=args))

    async def acquire(
        self, key: str, holder: str, limit: int, lease_s: float, timeout_s: float | None = None
    ) -> bool:
        if await self._try(key, holder, limit, lease_s):
            return True
        if timeout_s is not None and timeout_s <= 0:
            return False
        loop = asyncio.get_running_loop()
        deadline = None if timeout_s is None else loop.time() + timeout_s
        gate = self._gates.setdefault(key, asyncio.Lock())
        wake = self._wake.setdefault(key, asyncio.Event())
        try:
            await asyncio.wait_for(
                gate.acquire(), None if deadline is None else deadline - loop.time()
            )
        except TimeoutError:
            return False
        try:
            while True:
                wake.clear()
                if await self._try(key, holder, limit, lease_s):
                    return True
                left = None if deadline is None else deadline - loop.time()
                if left is not None and left <= 0:
                    return False
                pause = self._poll_s * (0.5 + random.random())
                try:
                    await asyncio.wait_for(wake.wait(), pause if left is None else min(pause, left))
                except TimeoutError:
                    pass
        finally:
            gate.release()

    async def release(self, key: str, holder: str) -> None:
        await self._redis.zrem(self._prefix + key, holder)
        if key in self._wake:
            self._wake[key].set()

    async def renew(self, leases: list[tuple[str, str]], lease_s: float) -> None:
        if not leases:
            return
        expiry = int((time.time() + lease_s) * 1000)
        async with self._redis.pipeline(transaction=False) as pipe:
            for key, holder in leases:
                pipe.zadd(self._prefix + key, {holder: expiry}, xx=True)
            await pipe.execute()
