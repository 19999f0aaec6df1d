"""What the engine benchmark runs, shared by the evalforge and promptfoo sides so both grade
the same cases: case i asks "question i" and expects the fake server's echo of it."""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from bench.fakellm import JUDGE_MARKER, STATS_ROUTE

MODEL = "gpt-4o-mini"
# The marker makes the fake server answer with a verdict both judges parse (bench/fakellm.py).
JUDGE_RUBRIC = f"{JUDGE_MARKER} Is the answer {{output}} the same as {{expected_output}}?"


def case(i: int) -> tuple[str, str]:
    """(input, expected output) of case i."""
    return f"question {i}", f"question {i}"


@dataclass(frozen=True)
class Workload:
    items: int
    concurrency: int
    latency_ms: float
    judge: bool = False  # llm_judge / llm-rubric instead of exact_match / equals

    @property
    def calls_per_item(self) -> int:
        return 2 if self.judge else 1

    @property
    def ideal_s(self) -> float:
        """Every call back to back at full concurrency: items / C x calls x latency."""
        return self.items / self.concurrency * self.calls_per_item * self.latency_ms / 1000

    @property
    def evaluator(self) -> str:
        return "llm_judge" if self.judge else "exact_match"


def fake_stats_url(fake_url: str) -> str:
    return fake_url.removesuffix("/v1") + STATS_ROUTE.decode()


def fake_stats(fake_url: str, reset: bool = False) -> dict:
    """The fake server's request count and peak in-flight requests (DELETE resets them)."""
    return httpx.request("DELETE" if reset else "GET", fake_stats_url(fake_url)).json()
