"""What `evalforge run` shows: a Rich progress bar (ETA, pass rate, errors, cost) and a table
per metric at the end; plain lines when the output is not a terminal or NO_COLOR is set;
nothing with --display none (the files and the exit code still say everything)."""

import os
import sys
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table


def choose(mode: str | None) -> str:
    if mode:
        return mode
    if os.environ.get("NO_COLOR") or not sys.stdout.isatty():
        return "plain"
    return "rich"


def _fmt(value: Any, pattern: str = "{:.3f}") -> str:
    return "-" if value is None else pattern.format(value)


def _live(done: int, passed: int, errors: int, cost: float | None) -> str:
    rate = f"{100 * passed / (done - errors):.1f}%" if done > errors else "-"
    return f"pass {rate} · errors {errors} · cost {_fmt(cost, '${:.4f}')}"


class Display:
    def __init__(self, mode: str | None) -> None:
        self.mode = choose(mode)
        self.console = Console(no_color=self.mode != "rich", highlight=False,
                               force_terminal=self.mode == "rich" or None)
        self.progress: Progress | None = None
        self.last = -1

    def say(self, text: str) -> None:
        if self.mode != "none":
            self.console.print(text, markup=False, soft_wrap=True)  # whole lines for CI logs

    def error(self, text: str) -> None:
        """Always shown (on stderr), whatever the display mode."""
        self.stop()
        print(text, file=sys.stderr, flush=True)

    def start(self, title: str, total: int) -> None:
        self.total = total
        if self.mode == "rich":
            self.progress = Progress(TextColumn("{task.description}"), BarColumn(),
                                     MofNCompleteColumn(), TimeRemainingColumn(),
                                     TextColumn("{task.fields[live]}"), console=self.console)
            self.progress.start()
            self.task = self.progress.add_task(title, total=total, live="")
        else:
            self.say(f"{title}: {total} samples")

    def update(self, done: int, passed: int, errors: int, cost: float | None) -> None:
        if self.progress is not None:
            self.progress.update(self.task, completed=done, live=_live(done, passed, errors, cost))
        elif self.mode == "plain" and done != self.last:
            self.say(f"{done}/{self.total} done · {_live(done, passed, errors, cost)}")
        self.last = done

    def stop(self) -> None:
        if self.progress is not None:
            self.progress.stop()
            self.progress = None

    def finish(self, summary: dict) -> None:
        self.stop()
        if self.mode == "none":
            return
        table = Table(title=f"{summary['suite']} ({summary['samples']} samples)")
        for column in ("metric", "mean", "accuracy %", "min", "p50", "p95", "n graded", "n errored"):
            table.add_column(column, justify="left" if column == "metric" else "right")
        for metric, s in summary["metrics"].items():
            table.add_row(metric, _fmt(s["mean"]), _fmt(s["accuracy"], "{:.1f}"), _fmt(s["min"]),
                          _fmt(s["p50"]), _fmt(s["p95"]), str(s["n_graded"]), str(s["n_errored"]))
        self.console.print(table)
        u = summary["usage"]
        self.say(f"tokens {u['tokens_in']} in / {u['tokens_out']} out · cost "
                 f"{_fmt(u['cost'], '${:.4f}')} · latency p50 {_fmt(u['latency_ms_p50'], '{:.0f}')} ms"
                 f" / p95 {_fmt(u['latency_ms_p95'], '{:.0f}')} ms")
        for line in summary.get("gate", {}).get("lines", []):
            self.say(f"gate: {line}")
