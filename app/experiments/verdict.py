"""Pass or fail a candidate experiment against a baseline under a policy: the CI gate."""

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.errors import field_error
from app.experiments import baseline, compare, service
from app.experiments.comparison_schemas import VerdictPolicy


async def _baseline_id(
    db: AsyncSession, organization_id: uuid.UUID, experiment: Any, given: uuid.UUID | None,
    loc_root: str,
) -> uuid.UUID:
    field = "baseline" if loc_root == "query" else "baseline_id"
    chosen = given or await baseline.pinned(db, organization_id, experiment.dataset_id)
    if chosen is None:
        raise field_error(field, "No baseline given and the dataset has none pinned.", loc_root)
    if chosen == experiment.id:
        raise field_error(field, "An experiment cannot be its own baseline.", loc_root)
    return chosen


def _check(name: str, failures: list[str], passed_detail: str) -> dict[str, Any]:
    return {"check": name, "passed": not failures,
            "detail": "; ".join(failures) if failures else passed_detail}


def _worse(versus: dict[str, dict], label: str) -> list[str]:
    return [
        f"{name} is significantly worse{label}: mean difference {v['mean_difference']:g}, "
        f"95% CI [{v['ci_low']:g}, {v['ci_high']:g}], p={v['p_value']:g} ({v['test']})"
        for name, v in versus.items()
        if v["verdict"] == "worse"
    ]


def _new_failures(versus: dict[str, dict]) -> list[str]:
    out = []
    for name, v in versus.items():
        items = v["regressed_items"]
        if items:
            shown = ", ".join(items[:10]) + (" ..." if len(items) > 10 else "")
            out.append(f"{len(items)} item(s) passed {name} in the baseline and fail now: {shown}")
    return out


def _unscored(scores: dict[str, dict], min_coverage: float, require_all: bool) -> list[str]:
    out = []
    for name, s in scores.items():
        missing = s["n_runs"] - s["n_scored"]
        short = s["coverage"] is not None and s["coverage"] < min_coverage
        if (require_all and missing) or short:
            why = ", ".join(
                f"{k.removeprefix('n_')} {s[k]}" for k in
                ("n_errored", "n_target_error", "n_skipped", "n_missing", "n_not_run") if s[k]
            )
            out.append(f"{name}: {missing} of {s['n_runs']} runs not scored ({why}), "
                       f"coverage {s['coverage']:g}")
    return out


def judge(summary: dict[str, Any], candidate: str, policy: VerdictPolicy) -> list[dict]:
    """The policy's checks on a compare summary whose baseline is the first experiment."""
    mine = summary["experiments"][candidate]
    checks = []
    if policy.no_worse_scores:
        checks.append(_check("no_worse_scores", _worse(mine["vs_baseline"], ""),
                             "no score is significantly worse"))
    if policy.no_new_failures:
        checks.append(_check("no_new_failures", _new_failures(mine["vs_baseline"]),
                             "no item that passed in the baseline fails now"))
    if policy.all_scored or policy.min_coverage > 0:
        checks.append(_check("all_scored",
                             _unscored(mine["scores"], policy.min_coverage, policy.all_scored),
                             "every run is scored by every evaluator"))
    for metric, wanted in (("latency_ms", policy.no_worse_latency),
                           ("cost", policy.no_worse_cost)):
        if wanted:
            worse = _worse({metric: mine["metrics_vs_baseline"][metric]}, "")
            checks.append(_check(f"no_worse_{metric}", worse, f"{metric} is not worse"))
    return checks


async def verdict(
    db: AsyncSession, organization_id: uuid.UUID, experiment_id: uuid.UUID,
    baseline_id: uuid.UUID | None, policy: VerdictPolicy, loc_root: str = "query",
) -> dict[str, Any]:
    """{verdict: pass|fail, reasons}: reasons are the failed checks' details."""
    experiment = await service.get(db, organization_id, experiment_id)
    base = await _baseline_id(db, organization_id, experiment, baseline_id, loc_root)
    result = await compare.compare(
        db, organization_id, [base, experiment.id], use_pinned=False, alpha=policy.alpha
    )
    checks = judge(result["summary"], str(experiment.id), policy)
    reasons = [c["detail"] for c in checks if not c["passed"]]
    return {
        "experiment_id": experiment.id,
        "baseline_id": base,
        "verdict": "fail" if reasons else "pass",
        "reasons": reasons,
        "policy": policy.model_dump(),
        "checks": checks,
    }
