from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset






T = TypeVar("T", bound="VerdictPolicy")



@_attrs_define
class VerdictPolicy:
    """ What a candidate must satisfy against its baseline to pass (as query parameters,
    next to `baseline`, so unknown keys are not refused here; the body form refuses them).

        Attributes:
            all_scored (bool | Unset): Fail when any item of the candidate is not scored Default: True.
            alpha (float | Unset): Significance level Default: 0.05.
            min_coverage (float | Unset): Fail when a score's coverage is below this Default: 0.0.
            no_new_failures (bool | Unset): Fail when an item that passed in the baseline fails now Default: True.
            no_worse_cost (bool | Unset): Cost significantly worse fails Default: False.
            no_worse_latency (bool | Unset): Latency significantly worse fails Default: False.
            no_worse_scores (bool | Unset): Fail when any score is significantly worse Default: True.
     """

    all_scored: bool | Unset = True
    alpha: float | Unset = 0.05
    min_coverage: float | Unset = 0.0
    no_new_failures: bool | Unset = True
    no_worse_cost: bool | Unset = False
    no_worse_latency: bool | Unset = False
    no_worse_scores: bool | Unset = True
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        all_scored = self.all_scored

        alpha = self.alpha

        min_coverage = self.min_coverage

        no_new_failures = self.no_new_failures

        no_worse_cost = self.no_worse_cost

        no_worse_latency = self.no_worse_latency

        no_worse_scores = self.no_worse_scores


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if all_scored is not UNSET:
            field_dict["all_scored"] = all_scored
        if alpha is not UNSET:
            field_dict["alpha"] = alpha
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

        min_coverage = d.pop("min_coverage", UNSET)

        no_new_failures = d.pop("no_new_failures", UNSET)

        no_worse_cost = d.pop("no_worse_cost", UNSET)

        no_worse_latency = d.pop("no_worse_latency", UNSET)

        no_worse_scores = d.pop("no_worse_scores", UNSET)

        verdict_policy = cls(
            all_scored=all_scored,
            alpha=alpha,
            min_coverage=min_coverage,
            no_new_failures=no_new_failures,
            no_worse_cost=no_worse_cost,
            no_worse_latency=no_worse_latency,
            no_worse_scores=no_worse_scores,
        )


        verdict_policy.additional_properties = d
        return verdict_policy

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
