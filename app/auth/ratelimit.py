"""Login throttling (issue 15.7): fixed-window failure counters, checked before argon2 runs.

Three counters, each a fixed window that starts with its first failure:
- per (email, client IP): a few failures, then that pair waits for the window to end. This is
  the lockout a guesser meets, and it does not touch the real user on another address.
- per email, any address: a much higher bar against guessing from many addresses; locking a
  real user out this way takes many addresses and lasts at most one window.
- per client IP, any email: bounds the argon2 work one address can make the server do.

An attempt reserves one unit of each counter before the password is checked (so a burst of
concurrent guesses cannot all slip past the check), a refused attempt reserves nothing, and
a successful login gives its units back and clears its pair. Counters are keyed on the typed
email whether or not it exists, so throttling says nothing about which accounts exist.
Storage: this process's memory (the embedded default), or Redis when EVALFORGE_REDIS_URL is
set, shared by every API process.
"""

import hashlib
import math
import time
from dataclasses import dataclass
from typing import Protocol

from redis.asyncio import Redis

from app.config import Settings
from app.errors import AppError


class TooManyRequests(AppError):
    """Too many requests."""

    status_code = 429


class CounterStore(Protocol):
    async def hit(self, key: str, window_s: float) -> tuple[int, float]:
        """Add one to `key`; its count in the current window and the seconds the window has left."""

    async def undo(self, key: str) -> None:
        """Take one back (never below zero); a window that ended stays ended."""

    async def clear(self, key: str) -> None: ...

    async def close(self) -> None: ...


class MemoryStore:
    """Counters in this process; expired windows are swept when the table is full."""

    def __init__(self, max_keys: int = 100_000) -> None:
        self._counts: dict[str, list[float]] = {}  # key -> [count, window end (monotonic)]
        self._max_keys = max_keys

    async def hit(self, key: str, window_s: float) -> tuple[int, float]:
        now = time.monotonic()
        entry = self._counts.get(key)
        if entry is None or entry[1] <= now:
            if len(self._counts) >= self._max_keys:
                self._sweep(now)
            entry = self._counts[key] = [0, now + window_s]
        entry[0] += 1
        return int(entry[0]), entry[1] - now

    async def undo(self, key: str) -> None:
        entry = self._counts.get(key)
        if entry is not None and entry[0] > 0:
            entry[0] -= 1

    async def clear(self, key: str) -> None:
        self._counts.pop(key, None)

    async def close(self) -> None:
        self._counts.clear()

    def _sweep(self, now: float) -> None:
        for key in [k for k, (_, end) in self._counts.items() if end <= now]:
            del self._counts[key]
        if len(self._counts) >= self._max_keys:
            # Still full of live windows: forget the half closest to ending rather than grow.
            by_end = sorted(self._counts, key=lambda k: self._counts[k][1])
            for key in by_end[: len(by_end) // 2]:
                del self._counts[key]


# INCR and the window's expiry in one step, so a counter never lives without an expiry.
_HIT = """
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {n, redis.call('PTTL', KEYS[1])}
"""
_UNDO = """
if tonumber(redis.call('GET', KEYS[1]) or '0') > 0 then redis.call('DECR', KEYS[1]) end
"""


class RedisStore:
    """Counters shared by every API process; DECR keeps the key's expiry."""

    def __init__(self, url: str, prefix: str) -> None:
        self._redis = Redis.from_url(url)
        self._prefix = prefix
        self._hit = self._redis.register_script(_HIT)
        self._undo = self._redis.register_script(_UNDO)

    async def hit(self, key: str, window_s: float) -> tuple[int, float]:
        count, ttl_ms = await self._hit(keys=[self._prefix + key], args=[max(1, int(window_s * 1000))])
        return int(count), max(int(ttl_ms), 0) / 1000

    async def undo(self, key: str) -> None:
        await self._undo(keys=[self._prefix + key])

    async def clear(self, key: str) -> None:
        await self._redis.delete(self._prefix + key)

    async def close(self) -> None:
        await self._redis.aclose()


@dataclass(frozen=True)
class Ticket:
    """The counters one admitted attempt reserved."""

    reserved: tuple[str, ...]
    pair: str


def _digest(*parts: str) -> str:
    # Emails and addresses never appear in counter keys (Redis keys are easy to list).
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]


class LoginLimiter:
    def __init__(self, store: CounterStore, settings: Settings) -> None:
        self.store = store
        self.settings = settings

    def _rules(self, email: str, client_ip: str) -> list[tuple[str, int, float]]:
        s = self.settings
        return [
            (f"ip:{_digest(client_ip)}", s.login_ip_max_failures, s.login_ip_window_s),
            (f"pair:{_digest(email, client_ip)}", s.login_max_failures, s.login_failure_window_s),
            (f"acct:{_digest(email)}", s.login_account_max_failures, s.login_failure_window_s),
        ]

    async def admit(self, email: str, client_ip: str) -> Ticket:
        """Reserve this attempt, or refuse it (429 with Retry-After) without reserving anything."""
        rules = self._rules(email, client_ip)
        reserved: list[str] = []
        for key, limit, window_s in rules:
            count, left_s = await self.store.hit(key, window_s)
            reserved.append(key)
            if count > limit:
                for done in reserved:
                    await self.store.undo(done)
                retry = max(1, math.ceil(left_s))
                raise TooManyRequests(
                    f"Too many failed logins; try again in {retry} seconds.",
                    headers={"Retry-After": str(retry)},
                )
        return Ticket(tuple(reserved), pair=rules[1][0])

    async def succeeded(self, ticket: Ticket) -> None:
        """A correct login: give back its reservations and forget this pair's failures."""
        for key in ticket.reserved:
            if key != ticket.pair:
                await self.store.undo(key)
        await self.store.clear(ticket.pair)

    async def close(self) -> None:
        await self.store.close()


def make_login_limiter(settings: Settings) -> LoginLimiter:
    if settings.redis_url:
        # The queue name is this deployment's namespace in a Redis it may share.
        return LoginLimiter(RedisStore(settings.redis_url, f"{settings.arq_queue_name}:login:"), settings)
    return LoginLimiter(MemoryStore(), settings)
