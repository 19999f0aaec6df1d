"""What the experiment page shows, read through the experiments services (org-scoped)."""

import math
import uuid
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.errors import InvalidInput
from app.experiments import results as results_service
from app.experiments import service
from app.models import ExperimentRun
from app.ui.forms import PAGE_SIZE

MAX_IDS = 20


def parse_ids(raw: str | list[str]) -> list[uuid.UUID]:
    """`a,b` (or the parameter repeated) as distinct UUIDs; a 422 page when one is not a UUID."""
    values = [raw] if isinstance(raw, str) else raw
    try:
        ids = [uuid.UUID(p.strip()) for v in values for p in v.split(",") if p.strip()]
    except ValueError:
        raise InvalidInput("experiment_ids must be comma-separated experiment ids.") from None
    ids = list(dict.fromkeys(ids))
    if not ids or len(ids) > MAX_IDS:
        raise InvalidInput(f"Give between 1 and {MAX_IDS} experiment ids.")
    return ids


def percentile(sorted_values: list[float], q: float) -> float | None:
    """Nearest-rank percentile of an ascending list."""
    if not sorted_values:
        return None
    rank = max(1, math.ceil(q * len(sorted_values)))
    return sorted_values[rank - 1]


async def _usage(db: AsyncSession, experiment_id: uuid.UUID) -> dict[str, Any]:
    """Latency p50/p95 of completed runs and the token totals (two queries)."""
    latencies = sorted(
        await db.scalars(
            select(ExperimentRun.latency_ms).where(
                ExperimentRun.experiment_id == experiment_id,
                ExperimentRun.status == "completed",
                ExperimentRun.latency_ms.is_not(None),
            )
        )
    )
    tokens_in, tokens_out = (
        await db.execute(
            select(
                func.coalesce(func.sum(ExperimentRun.tokens_in), 0),
                func.coalesce(func.sum(ExperimentRun.tokens_out), 0),
            ).where(ExperimentRun.experiment_id == experiment_id)
        )
    ).one()
    return {
        "p50_ms": percentile(latencies, 0.5), "p95_ms": percentile(latencies, 0.95),
        "tokens_in": int(tokens_in), "tokens_out": int(tokens_out),
    }


async def progress(db: AsyncSession, org: uuid.UUID, experiment_id: uuid.UUID) -> dict[str, Any]:
    experiment = await service.get(db, org, experiment_id)
    summary = await results_service.summary(db, experiment.id)
    done = summary["total"] - summary["pending"]
    share = round(100 * done / summary["total"]) if summary["total"] else 100
    return {"experiment": experiment, "summary": summary, "share": share}


async def load(db: AsyncSession, org: uuid.UUID, experiment_id: uuid.UUID, page: int) -> dict[str, Any]:
    """The experiment, its summary and usage, and one page of result rows with their scores."""
    view = await progress(db, org, experiment_id)
    experiment = view["experiment"]
    stmt = results_service.rows_stmt(experiment.id).offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE)
    runs = list(await db.execute(stmt))
    scores = await results_service.scores_by_run(
        db, ExperimentRun.id.in_([r.id for r in runs]) if runs else ExperimentRun.id.is_(None)
    )
    rows = []
    for run in runs:
        row = results_service.to_row(run, scores)
        # Keys other helpers add (error_class, error_detail) show when the service has them.
        row.update({k: v for k, v in run._mapping.items() if k.startswith("error_")})
        rows.append(row)
    return {**view, "usage": await _usage(db, experiment.id), "rows": rows}

