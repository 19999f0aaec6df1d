"""Backoff arithmetic: full jitter within the exponential envelope, Retry-After capped."""

import random

from app.llm.retry import backoff_delay


def test_full_jitter_stays_inside_the_exponential_envelope() -> None:
    random.seed(1)
    for attempt, ceiling in [(1, 0.5), (2, 1.0), (3, 2.0), (6, 10.0), (12, 10.0)]:
        delays = [backoff_delay(attempt, 0.5, 10.0, None) for _ in range(500)]
        assert 0 <= min(delays) and max(delays) <= ceiling
        assert max(delays) > ceiling * 0.9  # jitter spans the whole range
        assert min(delays) < ceiling * 0.1


def test_retry_after_wins_over_backoff_and_is_capped() -> None:
    assert backoff_delay(1, 0.5, 10.0, 3.0) == 3.0
    assert backoff_delay(5, 0.5, 10.0, 0.0) == 0.0
    assert backoff_delay(1, 0.5, 10.0, 120.0) == 10.0
