from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.dataset_update_metadata import DatasetUpdateMetadata





T = TypeVar("T", bound="DatasetUpdate")



@_attrs_define
class DatasetUpdate:
    """ Partial update: only the fields sent change; null is refused for each of them.

        Attributes:
            description (str | Unset):
            metadata (DatasetUpdateMetadata | Unset):
            name (str | Unset):
            tags (list[str] | Unset):
     """

    description: str | Unset = UNSET
    metadata: DatasetUpdateMetadata | Unset = UNSET
    name: str | Unset = UNSET
    tags: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.dataset_update_metadata import DatasetUpdateMetadata # noqa: PLC0415
        description = self.description

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        name = self.name

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if description is not UNSET:
            field_dict["description"] = description
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if name is not UNSET:
            field_dict["name"] = name
        if tags is not UNSET:
            field_dict["tags"] = tags

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.dataset_update_metadata import DatasetUpdateMetadata # noqa: PLC0415
        d = dict(src_dict)
        description = d.pop("description", UNSET)

        _metadata = d.pop("metadata", UNSET)
        metadata: DatasetUpdateMetadata | Unset
        if isinstance(_metadata,  Unset):
            metadata = UNSET
        else:
            metadata = DatasetUpdateMetadata.from_dict(_metadata)




        name = d.pop("name", UNSET)

        tags = cast(list[str], d.pop("tags", UNSET))


        dataset_update = cls(
            description=description,
            metadata=metadata,
            name=name,
            tags=tags,
        )


        dataset_update.additional_properties = d
        return dataset_update

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
