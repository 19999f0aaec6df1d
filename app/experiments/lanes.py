"""Driver lanes: an experiment's concurrency split between a few driver jobs.

Lane k of K drives at most its share of `max_concurrency` at once, so the experiment's limit
holds across every worker without a shared counter: the sum of the shares is the limit. A
lane is owned by one live driver at a time through a lease (an in-process set, or a Redis
key with a token on the production shape); a duplicate driver of a live lane (a revived job)
exits at once, and a killed driver's lane frees itself when its lease runs out.
"""

import asyncio
import secrets
import time
import uuid
from typing import Any, Protocol

JOB_NAME = "experiments.drive"


def lane_count(limit: int, configured: int) -> int:
    return max(1, min(limit, configured))


def lane_share(limit: int, lane: int, lanes: int) -> int:
    """Slots of lane `lane` (0-based) of `lanes`: the remainder goes to the first lanes."""
    return limit // lanes + (1 if lane < limit % lanes else 0)


def job_id(experiment_id: uuid.UUID | str, lane: int) -> str:
    return f"drive:{experiment_id}:{lane}"


class LaneLocks(Protocol):
    async def acquire(self, key: str, lease_s: float) -> str | None: ...

    async def renew(self, key: str, token: str, lease_s: float) -> bool: ...

    async def release(self, key: str, token: str) -> None: ...

    async def held(self, keys: list[str]) -> list[bool]: ...


class LocalLaneLocks:
    """One process (the in-process queue): a dict of lane -> (token, expiry)."""

    def __init__(self) -> None:
        self._owners: dict[str, tuple[str, float]] = {}

    def _live(self, key: str) -> tuple[str, float] | None:
        owner = self._owners.get(key)
        if owner is not None and owner[1] < time.monotonic():
            self._owners.pop(key, None)
            return None
        return owner

    async def acquire(self, key: str, lease_s: float) -> str | None:
        if self._live(key) is not None:
            return None
        token = secrets.token_hex(8)
        self._owners[key] = (token, time.monotonic() + lease_s)
        return token

    async def renew(self, key: str, token: str, lease_s: float) -> bool:
        owner = self._live(key)
        if owner is None or owner[0] != token:
            return False
        self._owners[key] = (token, time.monotonic() + lease_s)
        return True

    async def release(self, key: str, token: str) -> None:
        owner = self._owners.get(key)
        if owner is not None and owner[0] == token:
            self._owners.pop(key, None)

    async def held(self, keys: list[str]) -> list[bool]:
        return [self._live(key) is not None for key in keys]


_RENEW = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
"""
_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""


class RedisLaneLocks:
    """Workers share lane ownership through Redis keys that expire with the lease."""

    def __init__(self, redis: Any, prefix: str = "evalforge:lane:") -> None:
        self._redis = redis
        self._prefix = prefix
        self._renew = redis.register_script(_RENEW)
        self._release = redis.register_script(_RELEASE)

    async def acquire(self, key: str, lease_s: float) -> str | None:
        token = secrets.token_hex(8)
        ok = await self._redis.set(self._prefix + key, token, nx=True, px=int(lease_s * 1000))
        return token if ok else None

    async def renew(self, key: str, token: str, lease_s: float) -> bool:
        return bool(await self._renew(keys=[self._prefix + key], args=[token, int(lease_s * 1000)]))

    async def release(self, key: str, token: str) -> None:
        await self._release(keys=[self._prefix + key], args=[token])

    async def held(self, keys: list[str]) -> list[bool]:
        if not keys:
            return []
        values = await self._redis.mget([self._prefix + key for key in keys])
        return [value is not None for value in values]

    async def beat(self, queue: str, every_s: float = 2.0) -> None:
        """Worker task: keep this worker counted among the live ones of `queue`."""
        me, key = secrets.token_hex(8), f"{self._prefix}workers:{queue}"
        try:
            while True:
                now = time.time()
                async with self._redis.pipeline(transaction=False) as pipe:
                    pipe.zadd(key, {me: now})
                    pipe.zremrangebyscore(key, "-inf", now - 5 * every_s)
                    pipe.expire(key, int(10 * every_s))
                    await pipe.execute()
                await asyncio.sleep(every_s)
        finally:
            await asyncio.shield(self._redis.zrem(key, me))

    async def live_workers(self, queue: str, every_s: float = 2.0) -> int:
        key = f"{self._prefix}workers:{queue}"
        return int(await self._redis.zcount(key, time.time() - 5 * every_s, "+inf"))
