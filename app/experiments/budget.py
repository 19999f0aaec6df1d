"""The cost budget while an experiment runs (issue 11.4): config.max_cost, in USD.

A driver keeps the spend cheaply: one SUM of the experiment's run costs per claim batch
(every lane and worker writes there), plus what it recorded since and has not written yet.
Before each run starts it compares: once the spend reaches max_cost no new run starts, the
runs left end `skipped` with "cost budget of $X reached", and the experiment completes (not
failed) with budget_exhausted true.

What counts is each run's recorded cost (the target's calls); judge calls are in the start's
estimate, not in the spend. Overshoot is bounded by the runs in flight: runs already calling
the model when the budget is reached finish and are paid for, so the spend can pass max_cost
by at most the cost of max_concurrency runs, plus the runs another lane starts in the ~0.25 s
before its status poll sees the stop.
"""

import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import bindparam, func, select, update

from app.experiments import runstate

ERROR_CLASS = "budget"
RUN, EXPERIMENT = runstate.RUN, runstate.EXPERIMENT
_EID = bindparam("p_eid", type_=RUN.c.id.type)
_NOW = bindparam("p_now", type_=RUN.c.lease_until.type)
_SPENT = select(func.coalesce(func.sum(RUN.c.cost), 0.0)).where(RUN.c.experiment_id == _EID)
_MARK = (update(EXPERIMENT).where(EXPERIMENT.c.id == _EID, EXPERIMENT.c.status == "running")
         .values(budget_exhausted=True, updated_at=_NOW))
# Runs nobody holds; held ones are their drivers' to record (they see the flag and skip).
_SKIP_REST = (update(RUN)
              .where(RUN.c.experiment_id == _EID, RUN.c.status.in_(runstate.ACTIVE),
                     runstate.UNHELD)
              .values(status="skipped", error=bindparam("p_error"), error_class=ERROR_CLASS,
                      lease_until=None, finished_at=_NOW, updated_at=_NOW))


def reason(max_cost: float) -> str:
    return f"cost budget of ${max_cost:g} reached"


class Budget:
    """One driver's view of the spend against max_cost."""

    def __init__(self, max_cost: float) -> None:
        self.max_cost = max_cost
        self.spent = 0.0
        self.skipped = {"status": "skipped", "error": reason(max_cost),
                        "error_class": ERROR_CLASS}

    @classmethod
    def of(cls, snapshot: dict[str, Any]) -> "Budget | None":
        max_cost = snapshot.get("max_cost")
        return cls(float(max_cost)) if max_cost else None

    @property
    def reached(self) -> bool:
        return self.spent >= self.max_cost

    def add(self, cost: float | None) -> None:
        self.spent += cost or 0.0

    async def refresh(self, sessions: runstate.Sessions, experiment_id: uuid.UUID,
                      unwritten: Iterable[dict[str, Any]]) -> None:
        """The spend of every lane (one SUM), plus this driver's outcomes not written yet.
        Never less than this driver added up itself: a batch being written as the SUM runs
        is in neither the table nor `unwritten`."""
        async with runstate.single_statements(sessions).connect() as conn:
            written = (await conn.execute(_SPENT, {"p_eid": experiment_id})).scalar()
        total = float(written or 0.0) + sum(v.get("cost") or 0.0 for v in unwritten)
        self.spent = max(self.spent, total)

    async def exhaust(self, sessions: runstate.Sessions, experiment_id: uuid.UUID) -> None:
        """budget_exhausted on the running experiment, every run nobody holds skipped with
        the reason: one transaction, safe to repeat (lanes may all get here)."""
        params = {"p_eid": experiment_id, "p_now": runstate.utcnow(),
                  "p_error": self.skipped["error"]}
        async with runstate.engine_of(sessions).connect() as conn:
            await conn.execute(_MARK, params)
            await conn.execute(_SKIP_REST, params)
            await conn.commit()
