from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.start_read_status import StartReadStatus
from ..types import UNSET, Unset
from typing import cast
from uuid import UUID






T = TypeVar("T", bound="StartRead")



@_attrs_define
class StartRead:
    """ 
        Attributes:
            id (UUID):
            name (str):
            runs_created (int):
            started_at (str):
            status (StartReadStatus):
            cost_estimate (float | None | Unset): USD estimated before anything runs (docs/experiments.md: cost budget);
                null when a model has no known price, and for an agent target
     """

    id: UUID
    name: str
    runs_created: int
    started_at: str
    status: StartReadStatus
    cost_estimate: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        name = self.name

        runs_created = self.runs_created

        started_at = self.started_at

        status = self.status.value

        cost_estimate: float | None | Unset
        if isinstance(self.cost_estimate, Unset):
            cost_estimate = UNSET
        else:
            cost_estimate = self.cost_estimate


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "name": name,
            "runs_created": runs_created,
            "started_at": started_at,
            "status": status,
        })
        if cost_estimate is not UNSET:
            field_dict["cost_estimate"] = cost_estimate

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))




        name = d.pop("name")

        runs_created = d.pop("runs_created")

        started_at = d.pop("started_at")

        status = StartReadStatus(d.pop("status"))




        def _parse_cost_estimate(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        cost_estimate = _parse_cost_estimate(d.pop("cost_estimate", UNSET))


        start_read = cls(
            id=id,
            name=name,
            runs_created=runs_created,
            started_at=started_at,
            status=status,
            cost_estimate=cost_estimate,
        )


        start_read.additional_properties = d
        return start_read

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
