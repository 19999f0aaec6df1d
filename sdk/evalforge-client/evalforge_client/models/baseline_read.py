from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
from uuid import UUID
import datetime






T = TypeVar("T", bound="BaselineRead")



@_attrs_define
class BaselineRead:
    """ 
        Attributes:
            dataset_id (UUID):
            experiment_id (UUID):
            updated_at (datetime.datetime):
     """

    dataset_id: UUID
    experiment_id: UUID
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        dataset_id = str(self.dataset_id)

        experiment_id = str(self.experiment_id)

        updated_at = self.updated_at.isoformat()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "dataset_id": dataset_id,
            "experiment_id": experiment_id,
            "updated_at": updated_at,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        dataset_id = UUID(d.pop("dataset_id"))




        experiment_id = UUID(d.pop("experiment_id"))




        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))




        baseline_read = cls(
            dataset_id=dataset_id,
            experiment_id=experiment_id,
            updated_at=updated_at,
        )


        baseline_read.additional_properties = d
        return baseline_read

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
