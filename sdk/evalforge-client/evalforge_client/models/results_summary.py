from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.results_summary_pass_at_k import ResultsSummaryPassAtK





T = TypeVar("T", bound="ResultsSummary")



@_attrs_define
class ResultsSummary:
    """ 
        Attributes:
            avg_cost (float | None):
            avg_latency_ms (int | None):
            cancelled (int):
            completed (int):
            failed (int):
            pending (int): Runs not finished yet: pending and running
            total (int):
            total_cost (float):
            budget_exhausted (bool | Unset): config.max_cost was reached: the runs left were skipped Default: False.
            cache_hits (int | Unset): Model replies (targets and judges) served from the response cache instead of a call
                (config.cache) Default: 0.
            flaky_items (int | Unset): Items whose pass/fail differed between repetitions Default: 0.
            pass_at_k (ResultsSummaryPassAtK | Unset): Per pass/fail score name: pass@k and pass^k for k = 1, 2, 3, 5, 10,
                ... up to the repetitions (docs/statistics.md); empty with one
            repetitions (int | Unset): config.repetitions: runs per item Default: 1.
            skipped (int | Unset): Never started: the circuit breaker stopped the experiment after the same configuration
                error Default: 0.
     """

    avg_cost: float | None
    avg_latency_ms: int | None
    cancelled: int
    completed: int
    failed: int
    pending: int
    total: int
    total_cost: float
    budget_exhausted: bool | Unset = False
    cache_hits: int | Unset = 0
    flaky_items: int | Unset = 0
    pass_at_k: ResultsSummaryPassAtK | Unset = UNSET
    repetitions: int | Unset = 1
    skipped: int | Unset = 0
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.results_summary_pass_at_k import ResultsSummaryPassAtK # noqa: PLC0415
        avg_cost: float | None
        avg_cost = self.avg_cost

        avg_latency_ms: int | None
        avg_latency_ms = self.avg_latency_ms

        cancelled = self.cancelled

        completed = self.completed

        failed = self.failed

        pending = self.pending

        total = self.total

        total_cost = self.total_cost

        budget_exhausted = self.budget_exhausted

        cache_hits = self.cache_hits

        flaky_items = self.flaky_items

        pass_at_k: dict[str, Any] | Unset = UNSET
        if not isinstance(self.pass_at_k, Unset):
            pass_at_k = self.pass_at_k.to_dict()

        repetitions = self.repetitions

        skipped = self.skipped


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "avg_cost": avg_cost,
            "avg_latency_ms": avg_latency_ms,
            "cancelled": cancelled,
            "completed": completed,
            "failed": failed,
            "pending": pending,
            "total": total,
            "total_cost": total_cost,
        })
        if budget_exhausted is not UNSET:
            field_dict["budget_exhausted"] = budget_exhausted
        if cache_hits is not UNSET:
            field_dict["cache_hits"] = cache_hits
        if flaky_items is not UNSET:
            field_dict["flaky_items"] = flaky_items
        if pass_at_k is not UNSET:
            field_dict["pass_at_k"] = pass_at_k
        if repetitions is not UNSET:
            field_dict["repetitions"] = repetitions
        if skipped is not UNSET:
            field_dict["skipped"] = skipped

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.results_summary_pass_at_k import ResultsSummaryPassAtK # noqa: PLC0415
        d = dict(src_dict)
        def _parse_avg_cost(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        avg_cost = _parse_avg_cost(d.pop("avg_cost"))


        def _parse_avg_latency_ms(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        avg_latency_ms = _parse_avg_latency_ms(d.pop("avg_latency_ms"))


        cancelled = d.pop("cancelled")

        completed = d.pop("completed")

        failed = d.pop("failed")

        pending = d.pop("pending")

        total = d.pop("total")

        total_cost = d.pop("total_cost")

        budget_exhausted = d.pop("budget_exhausted", UNSET)

        cache_hits = d.pop("cache_hits", UNSET)

        flaky_items = d.pop("flaky_items", UNSET)

        _pass_at_k = d.pop("pass_at_k", UNSET)
        pass_at_k: ResultsSummaryPassAtK | Unset
        if isinstance(_pass_at_k,  Unset):
            pass_at_k = UNSET
        else:
            pass_at_k = ResultsSummaryPassAtK.from_dict(_pass_at_k)




        repetitions = d.pop("repetitions", UNSET)

        skipped = d.pop("skipped", UNSET)

        results_summary = cls(
            avg_cost=avg_cost,
            avg_latency_ms=avg_latency_ms,
            cancelled=cancelled,
            completed=completed,
            failed=failed,
            pending=pending,
            total=total,
            total_cost=total_cost,
            budget_exhausted=budget_exhausted,
            cache_hits=cache_hits,
            flaky_items=flaky_items,
            pass_at_k=pass_at_k,
            repetitions=repetitions,
            skipped=skipped,
        )


        results_summary.additional_properties = d
        return results_summary

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
