from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.verdict_read_verdict import VerdictReadVerdict
from typing import cast
from uuid import UUID

if TYPE_CHECKING:
  from ..models.verdict_policy import VerdictPolicy
  from ..models.verdict_read_checks_item import VerdictReadChecksItem





T = TypeVar("T", bound="VerdictRead")



@_attrs_define
class VerdictRead:
    """ 
        Attributes:
            baseline_id (UUID):
            checks (list[VerdictReadChecksItem]):
            experiment_id (UUID):
            policy (VerdictPolicy): What a candidate must satisfy against its baseline to pass (as query parameters,
                next to `baseline`, so unknown keys are not refused here; the body form refuses them).
            reasons (list[str]):
            verdict (VerdictReadVerdict):
     """

    baseline_id: UUID
    checks: list[VerdictReadChecksItem]
    experiment_id: UUID
    policy: VerdictPolicy
    reasons: list[str]
    verdict: VerdictReadVerdict
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.verdict_policy import VerdictPolicy # noqa: PLC0415
        from ..models.verdict_read_checks_item import VerdictReadChecksItem # noqa: PLC0415
        baseline_id = str(self.baseline_id)

        checks = []
        for checks_item_data in self.checks:
            checks_item = checks_item_data.to_dict()
            checks.append(checks_item)



        experiment_id = str(self.experiment_id)

        policy = self.policy.to_dict()

        reasons = self.reasons



        verdict = self.verdict.value


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "baseline_id": baseline_id,
            "checks": checks,
            "experiment_id": experiment_id,
            "policy": policy,
            "reasons": reasons,
            "verdict": verdict,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.verdict_policy import VerdictPolicy # noqa: PLC0415
        from ..models.verdict_read_checks_item import VerdictReadChecksItem # noqa: PLC0415
        d = dict(src_dict)
        baseline_id = UUID(d.pop("baseline_id"))




        checks = []
        _checks = d.pop("checks")
        for checks_item_data in (_checks):
            checks_item = VerdictReadChecksItem.from_dict(checks_item_data)



            checks.append(checks_item)


        experiment_id = UUID(d.pop("experiment_id"))




        policy = VerdictPolicy.from_dict(d.pop("policy"))




        reasons = cast(list[str], d.pop("reasons"))


        verdict = VerdictReadVerdict(d.pop("verdict"))




        verdict_read = cls(
            baseline_id=baseline_id,
            checks=checks,
            experiment_id=experiment_id,
            policy=policy,
            reasons=reasons,
            verdict=verdict,
        )


        verdict_read.additional_properties = d
        return verdict_read

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
