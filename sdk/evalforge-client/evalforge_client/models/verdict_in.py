from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
from uuid import UUID






T = TypeVar("T", bound="VerdictIn")



@_attrs_define
class VerdictIn:
    """ 
        Attributes:
            all_scored (bool | Unset): Fail when any item of the candidate is not scored Default: True.
            alpha (float | Unset): Significance level Default: 0.05.
            baseline_id (None | Unset | UUID): Default: the dataset's pinned baseline
            min_coverage (float | Unset): Fail when a score's coverage is below this Default: 0.0.
            no_new_failures (bool | Unset): Fail when an item that passed in the baseline fails now Default: True.
            no_worse_cost (bool | Unset): Cost significantly worse fails Default: False.
            no_worse_latency (bool | Unset): Latency significantly worse fails Default: False.
            no_worse_scores (bool | Unset): Fail when any score is significantly worse Default: True.
     """

    all_scored: bool | Unset = True
    alpha: float | Unset = 0.05
    baseline_id: None | Unset | UUID = UNSET
    min_coverage: float | Unset = 0.0
    no_new_failures: bool | Unset = True
    no_worse_cost: bool | Unset = False
    no_worse_latency: bool | Unset = False
    no_worse_scores: bool | Unset = True





    def to_dict(self) -> dict[str, Any]:
        all_scored = self.all_scored

        alpha = self.alpha

        baseline_id: None | str | Unset
        if isinstance(self.baseline_id, Unset):
            baseline_id = UNSET
        elif isinstance(self.baseline_id, UUID):
            baseline_id = str(self.baseline_id)
        else:
            baseline_id = self.baseline_id

        min_coverage = self.min_coverage

        no_new_failures = self.no_new_failures

        no_worse_cost = self.no_worse_cost

        no_worse_latency = self.no_worse_latency

        no_worse_scores = self.no_worse_scores


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if all_scored is not UNSET:
            field_dict["all_scored"] = all_scored
        if alpha is not UNSET:
            field_dict["alpha"] = alpha
        if baseline_id is not UNSET:
            field_dict["baseline_id"] = baseline_id
        if min_coverage is not UNSET:
            field_dict["min_coverage"] = min_coverage
        if no_new_failures is not UNSET:
            field_dict["no_new_failures"] = no_new_failures
        if no_worse_cost is not UNSET:
            field_dict["no_worse_cost"] = no_worse_cost
        if no_worse_latency is not UNSET:
            field_dict["no_worse_latency"] = no_worse_latency
        if no_worse_scores is not UNSET:
            field_dict["no_worse_scores"] = no_worse_scores

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        all_scored = d.pop("all_scored", UNSET)

        alpha = d.pop("alpha", UNSET)

        def _parse_baseline_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                baseline_id_type_0 = UUID(data)



                return baseline_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        baseline_id = _parse_baseline_id(d.pop("baseline_id", UNSET))


        min_coverage = d.pop("min_coverage", UNSET)

        no_new_failures = d.pop("no_new_failures", UNSET)

        no_worse_cost = d.pop("no_worse_cost", UNSET)

        no_worse_latency = d.pop("no_worse_latency", UNSET)

        no_worse_scores = d.pop("no_worse_scores", UNSET)

        verdict_in = cls(
            all_scored=all_scored,
            alpha=alpha,
            baseline_id=baseline_id,
            min_coverage=min_coverage,
            no_new_failures=no_new_failures,
            no_worse_cost=no_worse_cost,
            no_worse_latency=no_worse_latency,
            no_worse_scores=no_worse_scores,
        )

        return verdict_in

