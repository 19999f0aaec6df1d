"""Score statistics for comparisons: means and paired per-item differences.

Higher scores are taken as better. Two values closer than EPSILON count as unchanged, so
float noise in a judge's 0.7 vs 0.7000000001 is not a regression.
"""

import math
from typing import Any

EPSILON = 1e-9


def mean_and_n(values: list[float]) -> dict[str, Any]:
    if not values:
        return {"mean": None, "n": 0}
    return {"mean": round(math.fsum(values) / len(values), 6), "n": len(values)}


def sign_test_p(improvements: int, regressions: int) -> float | None:
    """Two-sided exact sign test over the items that changed; None when none changed."""
    n = improvements + regressions
    if n == 0:
        return None
    k = min(improvements, regressions)
    tail = math.fsum(math.comb(n, i) for i in range(k + 1)) / 2**n
    return round(min(1.0, 2 * tail), 6)


def paired(baseline: dict[Any, float], other: dict[Any, float]) -> dict[str, Any]:
    """Item by item, over the items both sides scored."""
    improvements = regressions = unchanged = 0
    for item, base in baseline.items():
        if item not in other:
            continue
        diff = other[item] - base
        if diff > EPSILON:
            improvements += 1
        elif diff < -EPSILON:
            regressions += 1
        else:
            unchanged += 1
    return {
        "improvements": improvements,
        "regressions": regressions,
        "unchanged": unchanged,
        "n_paired": improvements + regressions + unchanged,
        "p_value": sign_test_p(improvements, regressions),
    }


def summarize(
    experiment_ids: list[str], values: dict[str, dict[str, dict[Any, float]]]
) -> dict[str, Any]:
    """`values[experiment][score name][item] = value` -> the compare summary.

    Per experiment and score name: mean and n; versus the first experiment (the baseline):
    delta of means, and how many paired items improved, regressed or stayed the same.
    """
    baseline_id = experiment_ids[0]
    names = sorted({name for by_name in values.values() for name in by_name})
    base = values.get(baseline_id, {})
    out: dict[str, Any] = {}
    for exp_id in experiment_ids:
        mine = values.get(exp_id, {})
        scores = {name: mean_and_n(list(mine.get(name, {}).values())) for name in names}
        versus = None
        if exp_id != baseline_id:
            versus = {}
            for name in names:
                base_mean = mean_and_n(list(base.get(name, {}).values()))["mean"]
                my_mean = scores[name]["mean"]
                delta = (
                    None if base_mean is None or my_mean is None else round(my_mean - base_mean, 6)
                )
                versus[name] = {"delta": delta, **paired(base.get(name, {}), mine.get(name, {}))}
        out[exp_id] = {"scores": scores, "vs_baseline": versus}
    return {"baseline_id": baseline_id, "score_names": names, "experiments": out}
