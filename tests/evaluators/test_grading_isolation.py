"""Grading never stalls anyone else: slow graders run on their own pool, off the event loop,
bounded, shared fairly between organizations; a login never waits behind them."""

import asyncio
import threading
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager

import httpx
import pytest
from fastapi import FastAPI

from app.evaluators import graders
from app.evaluators.graders.deterministic import GRADERS
from app.executors import POOL_SIZES, get_executor
from bench.fakellm import FakeLLM, echo_last_user
from tests.conftest import PASSWORD, add_user, wait_for_experiment
from tests.engine.conftest import add_dataset, add_evaluator, start
from tests.evaluators.helpers import grade

# Catastrophic for the `regex` module on a non-matching text: it runs until its timeout.
SLOW = {"pattern": r"(a|aa)+$"}
SLOW_TEXT = "a" * 60 + "b"


@asynccontextmanager
async def loop_ticks() -> AsyncIterator[list[int]]:
    """How many times a 5 ms ticker ran on the event loop while the block ran: a count, not
    a time bound, so a loaded machine cannot fail it (a blocked loop ticks not at all)."""
    ticks = [0]
    done = asyncio.Event()

    async def tick() -> None:
        while not done.is_set():
            await asyncio.sleep(0.005)
            ticks[0] += 1

    ticker = asyncio.create_task(tick())
    await asyncio.sleep(0.02)  # ticking before the work starts
    ticks[0] = 0
    try:
        yield ticks
    finally:
        done.set()
        await ticker


@contextmanager
def graders_pool_blocked() -> Iterator[None]:
    """Every thread of the graders pool busy until the block ends, more work queued behind."""
    release = threading.Event()
    futures = [get_executor("graders").submit(release.wait) for _ in range(POOL_SIZES["graders"] * 3)]
    try:
        yield
    finally:
        release.set()
        for future in futures:
            future.result()


async def test_a_catastrophic_regex_leaves_the_event_loop_responsive() -> None:
    async with loop_ticks() as ticks:
        score = await grade("regex", SLOW_TEXT, **SLOW)
    assert score["numeric_value"] is None and "timed out" in score["reason"]
    # The regex ran for its whole 1 s timeout: on the loop the ticker could not have run at
    # all meanwhile (one tick at most, at the end); off it, it ran ~200 times when quiet.
    assert ticks[0] >= 20, ticks[0]


@pytest.mark.parametrize("kind", sorted(graders.OFF_LOOP))
async def test_slow_kinds_grade_on_the_graders_pool(kind: str, monkeypatch: pytest.MonkeyPatch) -> None:
    threads = []
    real = GRADERS[kind]

    def probe(*args: object) -> object:
        threads.append(threading.current_thread().name)
        return real(*args)

    monkeypatch.setitem(GRADERS, kind, probe)
    config = {"pattern": "x"} if kind == "regex" else {}
    await grade(kind, '{"a": 1}', '{"a": 1}', **config)
    assert len(threads) == 1 and threads[0].startswith("evalforge-graders")


async def test_levenshtein_refuses_texts_too_long_to_compare_in_time() -> None:
    started = time.perf_counter()
    score = await grade("levenshtein", "ab" * 150_000, "ba" * 150_000)
    assert score["numeric_value"] is None
    assert "too long" in score["reason"] and score["details"]["error"] == "too_long"
    assert time.perf_counter() - started < 5.0  # computed, it held the GIL for about 13 s


async def test_one_organizations_slow_patterns_leave_grader_threads_for_another() -> None:
    async def as_org(org: str, text: str, **config: str) -> dict:
        graders.grading_org.set(org)  # a task of its own: the engine sets it per run
        return await grade("regex", text, **config)

    share = int(POOL_SIZES["graders"] * graders.GRADER_ORG_SHARE)
    slow = [asyncio.create_task(as_org("noisy", SLOW_TEXT, **SLOW)) for _ in range(share * 2)]
    await asyncio.sleep(0.05)
    started = time.perf_counter()
    quick = await as_org("quiet", "hello", pattern="hel+o")
    waited = time.perf_counter() - started
    assert quick["numeric_value"] == 1.0
    # First come first served, it would queue behind two rounds of regex timeouts.
    assert waited < 0.5
    await asyncio.gather(*slow)


async def _login_seconds(app: FastAPI, email: str) -> float:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as c:
        started = time.perf_counter()
        response = await asyncio.wait_for(
            c.post("/api/v1/auth/login/", json={"email": email, "password": PASSWORD}), 10
        )
        assert response.status_code == 200, response.text
        return time.perf_counter() - started


async def test_a_login_does_not_wait_behind_a_full_graders_pool(app: FastAPI) -> None:
    await add_user(app, "globex", "b@globex.test")
    with graders_pool_blocked():
        # If password hashing shared the graders' threads it would wait here until the end.
        assert await _login_seconds(app, "b@globex.test") < 3.0


async def test_another_orgs_login_stays_fast_while_an_experiment_grades_slow_regexes(
    app: FastAPI, client: httpx.AsyncClient, fake_llm: FakeLLM
) -> None:
    """The review's case: one member's regex evaluators made another org's login take 29 s."""
    fake_llm.reply_fn = echo_last_user  # every output is the catastrophic text
    await add_user(app, "globex", "b@globex.test")
    dataset = await add_dataset(app, [SLOW_TEXT] * 8)
    slow = await add_evaluator(client, "slow", "regex", SLOW)
    experiment_id = await start(client, dataset, {"model": "gpt-4o-mini", "max_concurrency": 8}, [slow])
    while len(fake_llm.requests) < 4:  # outputs are arriving: grading is under way
        await asyncio.sleep(0.02)
    assert max([await _login_seconds(app, "b@globex.test") for _ in range(3)]) < 3.0
    assert (await wait_for_experiment(client, experiment_id, 120))["status"] == "completed"


# Compiling unrolls counted repeats: this took 3.4 s (with the GIL held) before the size check;
# one more level of nesting never finished.
HUGE_PATTERN = r"(a{1000}){1000}"


async def test_a_pattern_too_large_to_compile_is_refused_before_compiling(client: httpx.AsyncClient) -> None:
    # Refused by size, not after compiling it (seconds of CPU holding the GIL): without the
    # check the pattern compiles, slowly, and is accepted.
    response = await client.post("/api/v1/evaluators/", json={
        "name": "huge", "kind": "regex", "config": {"pattern": HUGE_PATTERN}})
    assert response.status_code == 422, response.text
    (error,) = response.json()["detail"]
    assert error["loc"][-1] == "pattern" and "too large" in error["msg"]
    ok = await client.post("/api/v1/evaluators/", json={
        "name": "phone", "kind": "regex", "config": {"pattern": r"(\d{3}-){2}\d{4}"}})
    assert ok.status_code == 201, ok.text


async def test_a_stored_pattern_too_large_fails_its_score_at_once() -> None:
    score = await grade("regex", "aaaa", pattern=HUGE_PATTERN)
    assert score["numeric_value"] is None and "too large" in score["reason"]
