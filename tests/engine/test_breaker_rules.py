"""The breaker's counting rules, outcome by outcome (no database: it keeps none)."""

from app.experiments.breaker import Breaker

REFUSED = {"status": "failed", "error": "refused", "error_class": "authentication"}
FORBIDDEN = {"status": "failed", "error": "forbidden", "error_class": "permission"}
STORM = {"status": "failed", "error": "429", "error_class": "rate_limit"}
TOO_LONG = {"status": "failed", "error": "long", "error_class": "context_length"}
OK = {"status": "completed", "error": "", "error_class": ""}


def test_lane_0_probes_and_the_other_lanes_wait_for_the_gate() -> None:
    assert (Breaker(5).threshold, Breaker(5).prober, Breaker(5).opened.is_set()) == (5, True, False)
    assert Breaker(5, prober=False).prober is False
    assert Breaker(0).threshold == 0 and Breaker(0).opened.is_set()  # off: nothing waits


def test_n_identical_configuration_errors_in_a_row_trip_it() -> None:
    breaker = Breaker(3)
    assert [breaker.record(REFUSED) for _ in range(3)] == [False, False, True]
    assert not breaker.opened.is_set()  # nothing ever worked: the gate stayed narrow


def test_transient_failures_neither_count_nor_reset_but_open_the_gate() -> None:
    breaker = Breaker(3)
    outcomes = [REFUSED, STORM, STORM, REFUSED, REFUSED]
    assert [breaker.record(o) for o in outcomes] == [False, False, False, False, True]
    assert breaker.opened.is_set()


def test_a_success_an_item_error_or_another_error_starts_the_count_again() -> None:
    breaker = Breaker(3)
    outcomes = [REFUSED, REFUSED, OK, REFUSED, REFUSED, TOO_LONG, REFUSED, REFUSED, FORBIDDEN,
                FORBIDDEN]
    assert not any(breaker.record(o) for o in outcomes)
    assert breaker.record(FORBIDDEN) is True


def test_cancelled_and_skipped_runs_say_nothing() -> None:
    breaker = Breaker(2)
    breaker.record(REFUSED)
    assert breaker.record({"status": "cancelled", "error": "experiment cancelled"}) is False
    assert breaker.record(REFUSED) is True
