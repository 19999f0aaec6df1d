from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
from uuid import UUID






T = TypeVar("T", bound="CompareIn")



@_attrs_define
class CompareIn:
    """ 
        Attributes:
            experiment_ids (list[UUID]):
     """

    experiment_ids: list[UUID]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        experiment_ids = []
        for experiment_ids_item_data in self.experiment_ids:
            experiment_ids_item = str(experiment_ids_item_data)
            experiment_ids.append(experiment_ids_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "experiment_ids": experiment_ids,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        experiment_ids = []
        _experiment_ids = d.pop("experiment_ids")
        for experiment_ids_item_data in (_experiment_ids):
            experiment_ids_item = UUID(experiment_ids_item_data)



            experiment_ids.append(experiment_ids_item)


        compare_in = cls(
            experiment_ids=experiment_ids,
        )


        compare_in.additional_properties = d
        return compare_in

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
