"""Fair shares of a fixed number of slots between organizations.

One process runs a bounded number of things at once (job slots, grader threads). Shared
first come first served, one organization's thousands of queued runs, or a few slow ones,
held every slot and another organization's one-item experiment waited behind all of them
(0.3 s became 18 s in the security review). Here:

- an organization holds at most `cap = max(1, floor(total * org_share))` slots at once, so a
  slow tenant can never hold them all;
- a freed slot goes to the waiting organization that holds the fewest slots, ties to the one
  served least recently (round robin), never to whoever queued first: a newcomer's first run
  waits for at most one slot to free up, however many runs others have queued;
- within one organization, first come first served.

`async with slots.take(org_id): ...` around each unit of work; `acquire(org, timeout)` and
`release(org)` where the caller must not wait (an arq worker defers the job instead).
Waiters are futures of the running loop; everything runs on that one loop, so no locks.
"""

import asyncio
import contextlib
import math
from collections import OrderedDict
from collections.abc import AsyncIterator


class FairSlots:
    def __init__(self, total: int, org_share: float) -> None:
        if total < 1 or not 0 < org_share <= 1:
            raise ValueError("total must be at least 1 and org_share in (0, 1]")
        self.total = total
        self.cap = max(1, math.floor(total * org_share))
        self._free = total
        self._held: dict[str, int] = {}
        self._waiting: dict[str, OrderedDict[asyncio.Future, None]] = {}  # in arrival order
        # When each org active here (holding or waiting) was last granted a slot.
        self._served: dict[str, int] = {}
        self._turn = 0

    @property
    def free(self) -> int:
        return self._free

    def held(self, org: str) -> int:
        return self._held.get(org, 0)

    def waiting(self, org: str) -> int:
        return len(self._waiting.get(org, ()))

    @contextlib.asynccontextmanager
    async def take(self, org: str, timeout: float | None = None) -> AsyncIterator[None]:
        """Hold one of `org`'s slots for the block; TimeoutError if none came in `timeout`."""
        if not await self.acquire(org, timeout):
            raise TimeoutError(f"no free slot for organization {org} in {timeout}s")
        try:
            yield
        finally:
            self.release(org)

    async def acquire(self, org: str, timeout: float | None = None) -> bool:
        """Take a slot for `org`, waiting up to `timeout` seconds (None: as long as it takes);
        False on timeout. A waiter cancelled or timed out takes nothing and frees nothing."""
        if self._can_take(org):
            self._grant(org)
            return True
        if timeout is not None and timeout <= 0:
            return False
        waiter = asyncio.get_running_loop().create_future()
        self._waiting.setdefault(org, OrderedDict())[waiter] = None
        try:
            async with asyncio.timeout(timeout):
                await waiter
        except BaseException as exc:
            if waiter.done() and not waiter.cancelled():
                self.release(org)  # granted just as the wait ended: hand it on
            else:
                self._forget(org, waiter)
            if isinstance(exc, TimeoutError):
                return False
            raise
        return True

    def release(self, org: str) -> None:
        held = self._held.get(org, 0)
        if held <= 0:
            raise RuntimeError(f"organization {org} releases a slot it does not hold")
        if held == 1:
            del self._held[org]
            self._if_quiet(org)
        else:
            self._held[org] = held - 1
        self._free += 1
        self._dispatch()

    def _can_take(self, org: str) -> bool:
        # No queue jumping: an org with waiters is at its cap, or every slot is taken.
        return self._free > 0 and self.held(org) < self.cap and org not in self._waiting

    def _grant(self, org: str) -> None:
        self._free -= 1
        self._held[org] = self._held.get(org, 0) + 1
        self._turn += 1
        self._served[org] = self._turn

    def _forget(self, org: str, waiter: asyncio.Future) -> None:
        queue = self._waiting.get(org)
        if queue is not None:
            queue.pop(waiter, None)
            if not queue:
                del self._waiting[org]
                self._if_quiet(org)

    def _if_quiet(self, org: str) -> None:
        """Forget when an org that neither holds nor waits was served: it returns as a newcomer."""
        if org not in self._held and org not in self._waiting:
            self._served.pop(org, None)

    def _next_org(self) -> str | None:
        """The waiting org under its cap holding the fewest slots, served least recently."""
        eligible = (org for org in self._waiting if self.held(org) < self.cap)
        return min(eligible, key=lambda org: (self.held(org), self._served.get(org, 0)), default=None)

    def _dispatch(self) -> None:
        while self._free > 0:
            org = self._next_org()
            if org is None:
                return
            queue = self._waiting[org]
            waiter, _ = queue.popitem(last=False)
            if not queue:
                del self._waiting[org]
            if waiter.done():
                self._if_quiet(org)  # cancelled, its task not yet resumed to forget it
                continue
            self._grant(org)
            waiter.set_result(None)
