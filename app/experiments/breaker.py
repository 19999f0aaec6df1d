"""The circuit breaker of one driver lane: a configuration error stops the experiment.

A missing or refused key, a forbidden or unknown model (app/llm/errors.py: the classes that
"stop the experiment") fails every item the same way. When N runs in a row fail with the
same such error, the lane stops the experiment: `failed` with that error, the rest `skipped`.
Until a run ends any other way, a lane starts a run only while the runs in flight plus the
failures in a row stay under N (its share of N when an experiment has several lanes), so a
broken configuration costs at most N model calls instead of one per item; then the gate
opens to the lane's full concurrency.

Transient failures (429, 5xx, timeouts) neither count nor reset the streak; a success or a
different error resets it. All of it is in memory: no database round trip per run.
"""

import asyncio
import contextlib
from collections.abc import AsyncIterator

from app.experiments import lanes
from app.llm.errors import CLASSES


class Breaker:
    def __init__(self, threshold: int, lane: int = 0, lane_total: int = 1) -> None:
        # Each lane trips on its share of the threshold, so all lanes together start at most
        # about `threshold` runs before one of them has seen the configuration fail.
        self.threshold = max(1, lanes.lane_share(threshold, lane, lane_total)) if threshold else 0
        self.streak = 0
        self.last: tuple[str, str] | None = None
        self.in_flight = 0
        self.opened = asyncio.Event()  # past the probe: the lane's full concurrency
        self.changed = asyncio.Event()
        if not self.threshold:
            self.opened.set()

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
