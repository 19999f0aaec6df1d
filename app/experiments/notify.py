"""Wake-ups for live progress streams (issue 11.5): "experiment X has news", never the news
itself. The database is the source of truth (app/experiments/events.py reads it); a lost
wake-up only delays an event until the stream's next poll.

`notify` wakes this process's streams of X directly (the in-process queue runs the drivers in
the API process) and, with Redis (EVALFORGE_REDIS_URL), publishes X on a channel, without
waiting for the reply: the engine's writer never waits on it. Each process that serves
streams runs one subscriber (`_relay`, started by its first stream) that wakes its local
streams: one Redis connection per process, not one per stream.
"""

import asyncio
import logging
import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

log = logging.getLogger(__name__)

_waiters: dict[uuid.UUID, set[asyncio.Event]] = defaultdict(set)
_redis: dict[str, Any] = {}  # "client", "channel", "relay" (the subscriber task)
_publishing: set[asyncio.Task] = set()  # strong references until each publish is done
relayed = 0  # wake-ups received from Redis in this process (tests count them)


def use_redis(client: Any, queue_name: str) -> None:
    """Publish through `client` (this process's arq pool) from now on."""
    stop_relay()
    _redis.update(client=client, channel=f"{queue_name}:events")


def forget_redis(client: Any) -> None:
    """The pool is closing: stop publishing through it and stop its subscriber."""
    if _redis.get("client") is client:
        stop_relay()
        _redis.clear()


def stop_relay() -> None:
    relay = _redis.pop("relay", None)
    if relay is not None and not relay.get_loop().is_closed():
        relay.cancel()


def wake_here(experiment_ids: Iterable[uuid.UUID]) -> None:
    for experiment_id in experiment_ids:
        for event in _waiters.get(experiment_id, ()):
            event.set()


def notify(experiment_ids: Iterable[uuid.UUID]) -> None:
    """After a commit that changed what a stream of these experiments would send."""
    ids = set(experiment_ids)
    if not ids:
        return
    wake_here(ids)
    client = _redis.get("client")
    if client is not None:
        task = asyncio.get_running_loop().create_task(_publish(client, _redis["channel"], ids))
        _publishing.add(task)
        task.add_done_callback(_publishing.discard)


async def _publish(client: Any, channel: str, ids: set[uuid.UUID]) -> None:
    try:
        await client.publish(channel, ",".join(str(i) for i in ids))
    except Exception:  # the streams' poll still finds the news
        log.warning("could not publish progress of %s", ids, exc_info=True)


@contextmanager
def watch(experiment_id: uuid.UUID) -> Iterator[asyncio.Event]:
    """An event set whenever the experiment has news (locally or through Redis)."""
    event = asyncio.Event()
    _waiters[experiment_id].add(event)
    loop = asyncio.get_running_loop()
    relay = _redis.get("relay")
    if _redis.get("client") is not None and (
            relay is None or relay.done() or relay.get_loop() is not loop):
        _redis["relay"] = loop.create_task(_relay(_redis["client"], _redis["channel"]))
    try:
        yield event
    finally:
        waiting = _waiters.get(experiment_id)
        if waiting is not None:
            waiting.discard(event)
            if not waiting:
                del _waiters[experiment_id]


async def _relay(client: Any, channel: str) -> None:
    """Relay published wake-ups to this process's streams until cancelled."""
    global relayed
    pubsub = client.pubsub()
    try:
        await pubsub.subscribe(channel)
        while True:
            message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=1.0)
            if message is None:
                continue
            try:
                ids = [uuid.UUID(part) for part in message["data"].decode().split(",")]
            except (ValueError, AttributeError):
                continue
            relayed += 1
            wake_here(ids)
    except asyncio.CancelledError:
        raise
    except Exception:  # streams fall back to polling; the next stream restarts the relay
        log.warning("progress relay stopped", exc_info=True)
    finally:
        await pubsub.aclose()
