"""What the engine benchmark runs, shared by the evalforge and promptfoo sides so both grade
the same cases: case i asks "question i" and expects the fake server's echo of it."""

from __future__ import annotations

from dataclasses import dataclass

from bench.fakellm import JUDGE_MARKER

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
