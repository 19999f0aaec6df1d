from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
from uuid import UUID






T = TypeVar("T", bound="ComparedVersion")



@_attrs_define
class ComparedVersion:
    """ The dataset version an experiment of a comparison ran on, against the baseline's.

        Attributes:
            dataset_id (UUID):
            items_added (int): Items in this experiment's version and not in the baseline's (same dataset only; 0 for the
                baseline itself)
            items_removed (int): Items in the baseline's version and not in this one's
            version (int | None): Recorded at start; null for one never started
     """

    dataset_id: UUID
    items_added: int
    items_removed: int
    version: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        dataset_id = str(self.dataset_id)

        items_added = self.items_added

        items_removed = self.items_removed

        version: int | None
        version = self.version


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "dataset_id": dataset_id,
            "items_added": items_added,
            "items_removed": items_removed,
            "version": version,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        dataset_id = UUID(d.pop("dataset_id"))




        items_added = d.pop("items_added")

        items_removed = d.pop("items_removed")

        def _parse_version(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        version = _parse_version(d.pop("version"))


        compared_version = cls(
            dataset_id=dataset_id,
            items_added=items_added,
            items_removed=items_removed,
            version=version,
        )


        compared_version.additional_properties = d
        return compared_version

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
