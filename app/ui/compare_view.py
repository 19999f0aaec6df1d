"""The comparison page's model: rows classified against the baseline, filtered, sorted, paged.

Built on `app.experiments.compare.compare` (the API's comparison, org-scoped); this module
only reads its document. A row's delta is, per candidate, the sum over the chosen score names
of (candidate - baseline) for that item; with several candidates the row takes the worst
(lowest) one, so "sort by delta" puts the worst regressions first.
"""

from dataclasses import dataclass, field
from typing import Any

from app.experiments.stats import EPSILON
from app.ui.diff import as_text

FILTERS = ("all", "regressions", "improvements", "errors")
SORTS = ("item", "delta", "-delta")


@dataclass
class Row:
    index: int
    item: dict[str, Any]
    baseline: dict[str, Any] | None
    candidates: list[tuple[str, dict[str, Any] | None, float | None]] = field(default_factory=list)
    delta: float | None = None
    mark: str = "unchanged"  # improved | regressed | unchanged
    has_error: bool = False


def values(result: dict[str, Any] | None) -> dict[str, float]:
    """Numeric scores by name; a later score of the same name (a human fix) wins."""
    if not result:
        return {}
    return {s["name"]: s["numeric_value"] for s in result.get("scores", []) if s.get("numeric_value") is not None}


def _delta(base: dict[str, float], mine: dict[str, float], names: list[str]) -> float | None:
    shared = [n for n in names if n in base and n in mine]
    return sum(mine[n] - base[n] for n in shared) if shared else None


def _failed(result: dict[str, Any] | None) -> bool:
    return bool(result) and (result.get("status") == "failed" or bool(result.get("error")))


def build_rows(doc: dict[str, Any], score: str | None) -> tuple[list[Row], list[str]]:
    order = list(doc["experiments"])
    baseline_id, candidates = order[0], order[1:]
    names = [score] if score else doc["summary"]["score_names"]
    rows = []
    for index, entry in enumerate(doc["comparisons"], start=1):
        results = entry["results"]
        base = results.get(baseline_id)
        row = Row(index, entry["dataset_item"], base)
        deltas = []
        for cid in candidates:
            mine = results.get(cid)
            d = _delta(values(base), values(mine), names)
            row.candidates.append((cid, mine, d))
            if d is not None:
                deltas.append(d)
        row.delta = min(deltas) if deltas else None
        if any(d < -EPSILON for d in deltas):
            row.mark = "regressed"
        elif any(d > EPSILON for d in deltas):
            row.mark = "improved"
        row.has_error = any(_failed(r) for r in results.values())
        rows.append(row)
    return rows, names


def select(rows: list[Row], show: str, query: str, sort: str) -> list[Row]:
    """The rows the filters keep, in the chosen order."""
    wanted = {"regressions": "regressed", "improvements": "improved"}.get(show)
    out = [
        r for r in rows
        if (wanted is None or r.mark == wanted) and (show != "errors" or r.has_error)
        and (not query or query.lower() in as_text(r.item.get("input")).lower())
    ]
    if sort in ("delta", "-delta"):
        known = [r for r in out if r.delta is not None]
        known.sort(key=lambda r: r.delta, reverse=sort == "-delta")
        out = known + [r for r in out if r.delta is None]
    return out


def tallies(rows: list[Row]) -> dict[str, int]:
    counts = {"improved": 0, "regressed": 0, "unchanged": 0, "errors": 0}
    for r in rows:
        counts[r.mark] += 1
        counts["errors"] += r.has_error
    return counts
