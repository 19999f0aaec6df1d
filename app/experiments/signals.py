"""Cancel signals: a cancelled experiment's drivers stop starting model calls at once.

The cancel commits first; then `announce_cancel` wakes this process's drivers of that
experiment directly and, on the production shape, every worker through a Redis channel
(`listen` runs in each worker). Drivers also re-read the status every few hundred
milliseconds, so a lost message only delays the stop, it never loses it.
"""

import logging
import uuid
from collections import defaultdict
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)

_listeners: dict[uuid.UUID, set[Callable[[], None]]] = defaultdict(set)


def channel(settings: Any) -> str:
    return f"{settings.arq_queue_name}:cancel"


def subscribe(experiment_id: uuid.UUID, on_cancel: Callable[[], None]) -> Callable[[], None]:
    """Call `on_cancel` when the experiment is cancelled; returns the unsubscribe function."""
    _listeners[experiment_id].add(on_cancel)

    def unsubscribe() -> None:
        callbacks = _listeners.get(experiment_id)
        if callbacks is not None:
            callbacks.discard(on_cancel)
            if not callbacks:
                _listeners.pop(experiment_id, None)

    return unsubscribe


def cancelled_here(experiment_id: uuid.UUID) -> None:
    for on_cancel in list(_listeners.get(experiment_id, ())):
        on_cancel()


async def announce_cancel(queue: Any, settings: Any, experiment_id: uuid.UUID) -> None:
    """After the cancel committed: stop local drivers now, and tell every worker."""
    cancelled_here(experiment_id)
    pool = getattr(queue, "pool", None)
    if pool is None:
        return
    try:
        await pool.publish(channel(settings), str(experiment_id))
    except Exception:  # the drivers' status poll still sees the cancel
        log.warning("could not publish the cancel of %s", experiment_id, exc_info=True)


async def listen(redis: Any, settings: Any) -> None:
    """Worker task: relay published cancels to this process's drivers until cancelled."""
    pubsub = redis.pubsub()
    await pubsub.subscribe(channel(settings))
    try:
        while True:
            message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=1.0)
            if message is None:
                continue
            try:
                cancelled_here(uuid.UUID(message["data"].decode()))
            except (ValueError, AttributeError):
                continue
    finally:
        await pubsub.aclose()
