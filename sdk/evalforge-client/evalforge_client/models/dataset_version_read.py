from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="DatasetVersionRead")



@_attrs_define
class DatasetVersionRead:
    """ One version of a dataset: what the change that made it did to the items.

        Attributes:
            created_at (datetime.datetime):
            items_added (int):
            items_removed (int):
            items_updated (int):
            number (int):
     """

    created_at: datetime.datetime
    items_added: int
    items_removed: int
    items_updated: int
    number: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        items_added = self.items_added

        items_removed = self.items_removed

        items_updated = self.items_updated

        number = self.number


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "created_at": created_at,
            "items_added": items_added,
            "items_removed": items_removed,
            "items_updated": items_updated,
            "number": number,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        items_added = d.pop("items_added")

        items_removed = d.pop("items_removed")

        items_updated = d.pop("items_updated")

        number = d.pop("number")

        dataset_version_read = cls(
            created_at=created_at,
            items_added=items_added,
            items_removed=items_removed,
            items_updated=items_updated,
            number=number,
        )


        dataset_version_read.additional_properties = d
        return dataset_version_read

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
