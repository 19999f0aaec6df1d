"""FairSlots: an organization's share is a hard cap, freed slots go round robin between
organizations (fewest held first), and a waiter that gives up takes and frees nothing."""

import asyncio

import pytest

from app.fairness import FairSlots


async def _holders(slots: FairSlots, org: str, count: int, gate: asyncio.Event, log: list[str]) -> list[asyncio.Task]:
    async def hold() -> None:
        async with slots.take(org):
            log.append(org)
            await gate.wait()

    tasks = [asyncio.create_task(hold()) for _ in range(count)]
    await asyncio.sleep(0)
    return tasks


def test_the_cap_is_the_share_rounded_down_but_at_least_one() -> None:
    assert FairSlots(64, 0.5).cap == 32
    assert FairSlots(4, 0.3).cap == 1
    assert FairSlots(1, 0.1).cap == 1
    assert FairSlots(8, 1.0).cap == 8
    with pytest.raises(ValueError):
        FairSlots(8, 0)


async def test_one_organization_never_holds_more_than_its_share() -> None:
    slots, gate, log = FairSlots(4, 0.5), asyncio.Event(), []
    tasks = await _holders(slots, "a", 10, gate, log)
    assert (slots.held("a"), slots.free, slots.waiting("a")) == (2, 2, 8)
    # The free half is there for anyone else at once.
    assert await slots.acquire("b", timeout=0)
    slots.release("b")
    gate.set()
    await asyncio.gather(*tasks)
    assert (log, slots.held("a"), slots.free) == (["a"] * 10, 0, 4)


async def test_freed_slots_go_round_robin_not_first_come_first_served() -> None:
    slots, log = FairSlots(2, 1.0), []
    first = asyncio.Event()
    # Both slots busy with org "a"; then "a" queues 5 more, and only after that "b" and "c".
    busy = await _holders(slots, "a", 2, first, log)
    gate = asyncio.Event()
    waiting = await _holders(slots, "a", 5, gate, log)
    waiting += await _holders(slots, "b", 2, gate, log)
    waiting += await _holders(slots, "c", 1, gate, log)
    log.clear()
    first.set()  # two slots free up: the newcomers get them, not a's long queue
    await asyncio.gather(*busy)
    await asyncio.sleep(0)
    assert sorted(log) == ["b", "c"]
    gate.set()
    await asyncio.gather(*waiting)
    assert sorted(log) == ["a"] * 5 + ["b", "b", "c"]
    assert log[2] == "a"  # then a (holding none) before b's second run (b holds one)


async def test_a_newcomer_waits_for_one_slot_turnover_at_most() -> None:
    slots, log = FairSlots(3, 1.0), []
    gates = [asyncio.Event() for _ in range(3)]
    for gate in gates:
        await _holders(slots, "a", 1, gate, log)
    backlog_gate = asyncio.Event()
    backlog = await _holders(slots, "a", 100, backlog_gate, log)
    newcomer = await _holders(slots, "b", 1, backlog_gate, log)
    gates[0].set()  # the first slot that frees goes to b, not to a's 100 queued runs
    await asyncio.sleep(0.01)
    assert log[-1] == "b" and log.count("a") == 3
    backlog_gate.set()
    for gate in gates:
        gate.set()
    await asyncio.gather(*backlog, *newcomer)


async def test_a_cancelled_waiter_frees_nothing_it_did_not_take() -> None:
    slots, gate, log = FairSlots(2, 0.5), asyncio.Event(), []
    holders = await _holders(slots, "a", 1, gate, log)
    waiter = asyncio.create_task(slots.acquire("a"))
    await asyncio.sleep(0)
    assert slots.waiting("a") == 1
    waiter.cancel()
    with pytest.raises(asyncio.CancelledError):
        await waiter
    # Still exactly one held by a, one free, nobody waiting.
    assert (slots.held("a"), slots.free, slots.waiting("a")) == (1, 1, 0)
    assert not await slots.acquire("a", timeout=0.01)  # a timed-out waiter likewise
    assert (slots.held("a"), slots.free, slots.waiting("a")) == (1, 1, 0)
    with pytest.raises(RuntimeError):
        slots.release("b")
    gate.set()
    await asyncio.gather(*holders)
    assert (slots.held("a"), slots.free) == (0, 2)


async def test_a_waiter_cancelled_just_after_its_grant_hands_the_slot_on() -> None:
    slots = FairSlots(1, 1.0)
    await slots.acquire("a")
    waiter = asyncio.create_task(slots.acquire("b"))
    follower = asyncio.create_task(slots.acquire("c"))
    await asyncio.sleep(0)
    slots.release("a")  # granted to b; b is cancelled before it ever runs
    waiter.cancel()
    with pytest.raises(asyncio.CancelledError):
        await waiter
    assert await follower is True  # c got the slot b never used
    assert (slots.held("b"), slots.held("c"), slots.free) == (0, 1, 0)
    slots.release("c")


async def test_take_with_timeout_raises_when_the_share_is_used() -> None:
    slots = FairSlots(4, 0.25)
    async with slots.take("a"):
        with pytest.raises(TimeoutError):
            async with slots.take("a", timeout=0):
                pass
        async with slots.take("b", timeout=0):
            assert slots.held("b") == 1
    assert slots.free == 4
