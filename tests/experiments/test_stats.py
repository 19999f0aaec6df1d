"""The comparison statistics against hand-computed cases (docs/statistics.md shows the work)."""

import math

from app.experiments import stats


def test_sign_test_counts_the_changed_items_exactly() -> None:
    # 8 up, 1 down: 2 * (C(9,0) + C(9,1)) / 2^9 = 20 / 512
    assert stats.sign_test_p(8, 1) == 0.039062
    assert stats.sign_test_p(1, 1) == 1.0
    assert stats.sign_test_p(0, 0) is None


def test_mcnemar_exact_uses_only_discordant_pairs() -> None:
    assert stats.mcnemar_exact_p(6, 0) == 0.03125  # 2 / 2^6
    assert stats.mcnemar_exact_p(5, 0) == 0.0625  # 2 / 2^5: five flips are not enough
    assert stats.mcnemar_exact_p(4, 2) == 0.6875  # 2 * (1 + 6 + 15) / 64


def test_wilcoxon_exact_without_ties() -> None:
    # |d| ranks 3, 5, 2, 4, 1; W- = 5. Sign patterns with a rank sum <= 5: {}, {1}..{5},
    # {1,2}, {1,3}, {1,4}, {2,3} = 10 of 32, so p = 2 * 10/32.
    result = stats.wilcoxon_signed_rank([0.3, -0.5, 0.2, 0.4, 0.1])
    assert result == {"p_value": 0.625, "w_plus": 10.0, "w_minus": 5.0, "method": "exact"}


def test_wilcoxon_drops_zeros_and_shares_ranks_between_ties() -> None:
    # Non-zero: 0.2, 0.2, -0.1 -> ranks 2.5, 2.5, 1; W+ = 5. Doubled ranks 5, 5, 2: the eight
    # sign patterns sum to 0, 5, 5, 2, 10, 7, 7, 12; P(W+ >= 5) = 2/8 -> p = 0.5.
    result = stats.wilcoxon_signed_rank([0.0, 0.2, 0.2, -0.1])
    assert (result["p_value"], result["w_plus"], result["w_minus"]) == (0.5, 5.0, 1.0)
    # Seven equal gains: W+ = 28 only when every sign is +, p = 2 / 2^7.
    assert stats.wilcoxon_signed_rank([1.0] * 7)["p_value"] == 0.015625
    assert stats.wilcoxon_signed_rank([0.0, 0.0])["p_value"] is None


def test_wilcoxon_float_noise_does_not_split_a_tie() -> None:
    # 0.8-0.5 and 0.9-0.6 differ in the 17th digit; they must share rank 1.5.
    result = stats.wilcoxon_signed_rank([0.8 - 0.5, -(0.9 - 0.6)])
    assert (result["w_plus"], result["w_minus"], result["p_value"]) == (1.5, 1.5, 1.0)


def test_wilcoxon_normal_approximation_above_fifty_items() -> None:
    diffs = [(-i if i % 2 else i) for i in range(1, 61)]  # odd ranks negative
    w_plus = sum(range(2, 61, 2))  # 930
    mean, var = 60 * 61 / 4, 60 * 61 * 121 / 24
    expected = math.erfc(abs(w_plus - mean) / math.sqrt(var) / math.sqrt(2))
    result = stats.wilcoxon_signed_rank(diffs)
    assert result["method"] == "normal" and result["w_plus"] == 930.0
    assert result["p_value"] == round(expected, 6) == 0.912073


def test_bootstrap_interval_of_two_values_spans_both() -> None:
    # Resampled means are 0, 0.5 or 1 (1/4, 1/2, 1/4): the 2.5% and 97.5% points are 0 and 1.
    assert stats.bootstrap_ci([0.0, 1.0]) == (0.0, 1.0)
    assert stats.bootstrap_ci([0.25] * 9) == (0.25, 0.25)
    assert stats.bootstrap_ci([]) is None


def test_bootstrap_is_seeded_and_bounded_memory_gives_the_same_interval() -> None:
    diffs = [((i * 37) % 11 - 5) / 10 for i in range(40)]
    first = stats.bootstrap_ci(diffs)
    assert stats.bootstrap_ci(diffs) == first
    assert stats.bootstrap_ci(diffs, seed=1) != first
    low, high = first
    assert low < sum(diffs) / len(diffs) < high


def test_repetitions_are_clustered_by_item() -> None:
    """Three repetitions of one item are one unit of evidence, not three."""
    base = {"i1": [0.0, 0.0, 0.0], "i2": [1.0, 1.0, 1.0], "i3": [0.5, 0.5, 0.5]}
    other = {"i1": [1.0, 1.0, 0.0], "i2": [1.0, 1.0, 1.0], "i3": [0.5, 1.0, 1.0]}
    result = stats.compare_paired(base, other)
    item_diffs = [2 / 3, 0.0, 1 / 3]
    assert result["n_paired"] == 3
    assert result["mean_difference"] == round(1 / 3, 6)
    assert (result["ci_low"], result["ci_high"]) == stats.bootstrap_ci(item_diffs)
    flat = [o - b for i in base for b, o in zip(base[i], other[i], strict=True)]
    flat_low, flat_high = stats.bootstrap_ci(flat)
    assert flat_high - flat_low < result["ci_high"] - result["ci_low"]


def test_pass_fail_scores_use_mcnemar_and_decide_better() -> None:
    base = {i: [0.0] for i in range(6)} | {6: [1.0]}
    other = {i: [1.0] for i in range(7)}
    result = stats.compare_paired(base, other)
    assert (result["test"], result["p_value"], result["verdict"]) == (
        "mcnemar_exact", 0.03125, "better"
    )
    assert (result["improvements"], result["regressions"], result["unchanged"]) == (6, 0, 1)
    assert result["mean_difference"] == round(6 / 7, 6)


def test_lower_is_better_for_latency() -> None:
    base = {i: [float(100 + i)] for i in range(7)}
    faster = {i: [float(50 + i)] for i in range(7)}
    result = stats.compare_paired(base, faster, higher_is_better=False, pass_fail=False)
    assert (result["test"], result["p_value"], result["verdict"]) == (
        "wilcoxon_exact", 0.015625, "better"
    )
    assert result["improvements"] == 7 and result["mean_difference"] == -50.0
    slower = stats.compare_paired(faster, base, higher_is_better=False, pass_fail=False)
    assert slower["verdict"] == "worse"


def test_five_flips_are_no_significant_difference() -> None:
    base = {i: [0.0] for i in range(5)}
    other = {i: [1.0] for i in range(5)}
    result = stats.compare_paired(base, other)
    assert (result["p_value"], result["verdict"]) == (0.0625, "no_significant_difference")
    assert stats.compare_paired(base, other, alpha=0.1)["verdict"] == "better"


def test_items_one_side_lacks_are_not_paired() -> None:
    result = stats.compare_paired({1: [0.5], 2: [0.5]}, {2: [0.7], 3: [0.1]})
    assert result["n_paired"] == 1 and result["mean_difference"] == 0.2
    empty = stats.compare_paired({1: [0.5]}, {2: [0.5]})
    assert (empty["n_paired"], empty["mean_difference"], empty["p_value"]) == (0, None, None)
    assert empty["verdict"] == "no_significant_difference"


def test_the_worked_example_of_docs_statistics_md() -> None:
    baseline = [0.6, 0.7, 0.5, 0.8, 0.4, 0.9, 0.6, 0.7]
    candidate = [0.8, 0.9, 0.6, 0.8, 0.7, 0.95, 0.5, 0.9]
    result = stats.compare_paired(
        {i: [v] for i, v in enumerate(baseline)}, {i: [v] for i, v in enumerate(candidate)}
    )
    # Doubled ranks of the non-zero |d|: 2, 5, 5, 10, 10, 10, 14; the one loss has rank 2.5.
    # Sign patterns whose negative (doubled) rank sum is <= 5: {}, {2}, {5}, {5'} = 4 of 128.
    assert result == {
        "n_paired": 8, "baseline_mean": 0.65, "mean": 0.76875, "mean_difference": 0.11875,
        "ci_low": 0.03125, "ci_high": 0.2, "improvements": 6, "regressions": 1,
        "unchanged": 1, "test": "wilcoxon_exact", "p_value": 0.0625, "sign_test_p": 0.125,
        "verdict": "no_significant_difference",
    }


def test_compare_summary_pairs_items_not_repetitions() -> None:
    """Two repetitions per item (issue 11's run key): counts are per run, pairs per item."""
    from app.experiments import significance

    def run(item: str, value: float) -> dict:
        return {"item": item, "status": "completed", "latency_ms": 10, "cost": 0.0,
                "scores": [{"name": "s", "numeric_value": value, "status": "ok"}]}

    runs = {
        "base": [run("i1", 0.0), run("i1", 0.0), run("i2", 0.5), run("i2", 0.5)],
        "cand": [run("i1", 1.0), run("i1", 0.0), run("i2", 0.5), run("i2", 1.0)],
    }
    summary = significance.summarize(["base", "cand"], runs)
    mine = summary["experiments"]["cand"]
    assert mine["scores"]["s"]["n_scored"] == 4 and mine["scores"]["s"]["n_runs"] == 4
    versus = mine["vs_baseline"]["s"]
    assert (versus["n_paired"], versus["mean_difference"]) == (2, 0.375)  # (0.5 + 0.25) / 2
    assert (versus["ci_low"], versus["ci_high"]) == stats.bootstrap_ci([0.5, 0.25])
