"""Paired statistics for comparisons: exact tests, a seeded bootstrap, and a verdict.

Pure functions over numbers (no database): docs/statistics.md gives the method and a worked
example whose figures these functions reproduce. Two values closer than EPSILON count as
unchanged, so float noise in a judge's 0.7 vs 0.7000000001 is not a regression.
"""

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

EPSILON = 1e-9
ALPHA = 0.05
RESAMPLES = 2000
SEED = 20261201  # fixed: the same scores give the same interval on every call
EXACT_WILCOXON_MAX_N = 50  # above this, the normal approximation (with the tie correction)
_BOOTSTRAP_CELLS = 2_000_000  # resamples x items held in memory at once


def mean_and_n(values: list[float]) -> dict[str, Any]:
    if not values:
        return {"mean": None, "n": 0}
    return {"mean": round(math.fsum(values) / len(values), 6), "n": len(values)}


def _binomial_two_sided(k: int, n: int) -> float:
    tail = math.fsum(math.comb(n, i) for i in range(k + 1)) / 2**n
    return min(1.0, 2 * tail)


def sign_test_p(improvements: int, regressions: int) -> float | None:
    """Two-sided exact sign test over the items that changed; None when none changed."""
    n = improvements + regressions
    if n == 0:
        return None
    return round(_binomial_two_sided(min(improvements, regressions), n), 6)


def mcnemar_exact_p(fail_to_pass: int, pass_to_fail: int) -> float | None:
    """McNemar's exact test: a two-sided binomial test on the discordant pairs only."""
    return sign_test_p(fail_to_pass, pass_to_fail)


def _ranks(magnitudes: list[float]) -> list[float]:
    """1-based ranks, ties sharing their mean rank (midranks)."""
    order = sorted(range(len(magnitudes)), key=magnitudes.__getitem__)
    ranks = [0.0] * len(magnitudes)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and magnitudes[order[j + 1]] == magnitudes[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j + 2) / 2
        i = j + 1
    return ranks


def _exact_rank_sum_p(ranks: list[float], observed: float) -> float:
    """P-value of the positive rank sum under random signs, counted exactly. Ranks are
    whole or half numbers (midranks), so doubled they index an integer distribution."""
    doubled = [round(2 * r) for r in ranks]
    counts = [1] + [0] * sum(doubled)
    for r in doubled:
        for total in range(len(counts) - 1, r - 1, -1):
            counts[total] += counts[total - r]
    t = round(2 * observed)
    total = 2 ** len(ranks)
    lower, upper = sum(counts[: t + 1]) / total, sum(counts[t:]) / total
    return min(1.0, 2 * min(lower, upper))


def wilcoxon_signed_rank(diffs: Sequence[float]) -> dict[str, Any]:
    """Two-sided Wilcoxon signed-rank test; zero differences are dropped (Wilcoxon's rule).

    Exact (the permutation distribution of the signs, midranks for ties) up to
    EXACT_WILCOXON_MAX_N non-zero differences; the normal approximation above."""
    nonzero = [d for d in diffs if abs(d) > EPSILON]
    if not nonzero:
        return {"p_value": None, "w_plus": 0.0, "w_minus": 0.0, "method": "exact"}
    # Rounded before ranking: 0.8-0.5 and 0.9-0.6 differ in the 17th digit, not in rank.
    ranks = _ranks([round(abs(d), 9) for d in nonzero])
    w_plus = math.fsum(r for r, d in zip(ranks, nonzero, strict=True) if d > 0)
    w_minus = math.fsum(ranks) - w_plus
    n = len(nonzero)
    if n <= EXACT_WILCOXON_MAX_N:
        p, method = _exact_rank_sum_p(ranks, w_plus), "exact"
    else:
        ties: dict[float, int] = {}
        for r in ranks:
            ties[r] = ties.get(r, 0) + 1
        variance = n * (n + 1) * (2 * n + 1) / 24 - sum(t**3 - t for t in ties.values()) / 48
        z = (w_plus - n * (n + 1) / 4) / math.sqrt(variance) if variance > 0 else 0.0
        p, method = math.erfc(abs(z) / math.sqrt(2)), "normal"
    return {"p_value": round(p, 6), "w_plus": w_plus, "w_minus": w_minus, "method": method}


def bootstrap_ci(
    diffs: Sequence[float], *, resamples: int = RESAMPLES, seed: int = SEED
) -> tuple[float, float] | None:
    """Percentile 95% interval of the mean of `diffs`, resampling them with replacement.

    Each entry is one independent unit: with repetitions, the caller passes one difference
    per item (the mean over its repetitions), which is the cluster bootstrap by item."""
    values = np.asarray(diffs, dtype=float)
    n = len(values)
    if n == 0:
        return None
    rng = np.random.default_rng(seed)
    means = np.empty(resamples)
    step = max(1, _BOOTSTRAP_CELLS // n)  # bounded memory for large datasets
    for start in range(0, resamples, step):
        stop = min(resamples, start + step)
        picks = rng.integers(0, n, size=(stop - start, n))
        means[start:stop] = values[picks].mean(axis=1)
    low, high = np.quantile(means, [0.025, 0.975])
    return round(float(low), 6), round(float(high), 6)


def item_mean(values: Sequence[float]) -> float:
    return math.fsum(values) / len(values)


def is_pass_fail(values: Sequence[float]) -> bool:
    return all(v in (0.0, 1.0) for v in values)


def compare_paired(
    baseline: dict[Any, list[float]],
    other: dict[Any, list[float]],
    *,
    higher_is_better: bool = True,
    alpha: float = ALPHA,
    pass_fail: bool | None = None,
) -> dict[str, Any]:
    """Item by item, over the items both sides have values for (each a list: one value per
    repetition). Pass/fail values get McNemar's exact test, other numbers Wilcoxon's;
    `pass_fail` None decides from the values (every item's mean 0 or 1)."""
    items = [i for i in baseline if i in other and baseline[i] and other[i]]
    base = [item_mean(baseline[i]) for i in items]
    mine = [item_mean(other[i]) for i in items]
    diffs = [m - b for m, b in zip(mine, base, strict=True)]
    better = [d if higher_is_better else -d for d in diffs]
    improvements = sum(1 for d in better if d > EPSILON)
    regressions = sum(1 for d in better if d < -EPSILON)
    if pass_fail if pass_fail is not None else is_pass_fail(base + mine):
        test, p = "mcnemar_exact", mcnemar_exact_p(improvements, regressions)
        direction = improvements - regressions
    else:
        wilcoxon = wilcoxon_signed_rank(better)
        test, p = f"wilcoxon_{wilcoxon['method']}", wilcoxon["p_value"]
        direction = wilcoxon["w_plus"] - wilcoxon["w_minus"]
    ci = bootstrap_ci(diffs)
    return {
        "n_paired": len(items),
        "baseline_mean": round(item_mean(base), 6) if items else None,
        "mean": round(item_mean(mine), 6) if items else None,
        "mean_difference": round(item_mean(diffs), 6) if items else None,
        "ci_low": ci[0] if ci else None,
        "ci_high": ci[1] if ci else None,
        "improvements": improvements,
        "regressions": regressions,
        "unchanged": len(items) - improvements - regressions,
        "test": test,
        "p_value": p,
        "sign_test_p": sign_test_p(improvements, regressions),
        "verdict": verdict(p, direction, alpha),
    }


def verdict(p_value: float | None, direction: float, alpha: float = ALPHA) -> str:
    """better / worse when the test rejects "no difference" at alpha; the direction is the
    test's own (rank sums or changed items), so it always agrees with the p-value."""
    if p_value is None or p_value >= alpha or direction == 0:
        return "no_significant_difference"
    return "better" if direction > 0 else "worse"
