"""The circuit breaker of an experiment's driver lanes: a configuration error stops it.

A missing or refused key, a forbidden or unknown model (app/llm/errors.py: the classes that
"stop the experiment") fails every item the same way. When N runs in a row fail with the
same such error, the lane stops the experiment: `failed` with that error, the rest `skipped`.

Until the configuration has been seen to work, lane 0 probes alone: it starts a run only
while its runs in flight plus its failures in a row stay under N, and the other lanes claim
nothing until a run of the experiment has ended otherwise (they poll for it). So a broken
configuration costs at most N model calls, not one per item, on any number of lanes.

Transient failures (429, 5xx, timeouts) neither count nor reset the streak; a success or a
different error resets it. The counting is in memory: no database round trip per run.
"""

import asyncio
import contextlib
from collections.abc import AsyncIterator

from app.llm.errors import CLASSES


class Breaker:
    def __init__(self, threshold: int, prober: bool = True) -> None:
        self.threshold = threshold
        self.prober = prober  # lane 0; the other lanes wait for the configuration to work
        self.streak = 0
        self.last: tuple[str, str] | None = None
        self.in_flight = 0
        self.opened = asyncio.Event()  # past the probe: the lane's full concurrency
        self.changed = asyncio.Event()
        if not self.threshold:
            self.opened.set()

    async def ready(self) -> None:
        """Before a claim: a lane that does not probe claims nothing until the gate opens."""
        if not self.prober:
            await self.opened.wait()

    def open(self) -> None:
        self.opened.set()
        self.changed.set()

    @contextlib.asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        """Hold one run slot: until the gate opens, runs in flight plus the failures in a row
        stay within the threshold, so N identical failures cost N calls, not N + slots."""
        while not self.opened.is_set() and self.in_flight + self.streak >= self.threshold:
            self.changed.clear()
            await self.changed.wait()
        self.in_flight += 1
        try:
            yield
        finally:
            self.in_flight -= 1
            self.changed.set()

    def record(self, values: dict) -> bool:
        """Note one run's outcome; True when it trips the breaker."""
        status = values.get("status")
        error_class = CLASSES.get(values.get("error_class") or "")
        if status == "failed" and error_class is not None and error_class.stops_experiment:
            key = (error_class.name, values.get("error") or "")
            self.streak = self.streak + 1 if key == self.last else 1
            self.last = key
            return bool(self.threshold) and self.streak >= self.threshold
        if status not in ("completed", "failed"):
            return False  # cancelled or skipped: says nothing about the configuration
        self.open()
        if not (status == "failed" and error_class is not None and error_class.retryable):
            self.streak, self.last = 0, None
        return False
