from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
from uuid import UUID
import datetime

if TYPE_CHECKING:
  from ..models.dataset_read_metadata import DatasetReadMetadata





T = TypeVar("T", bound="DatasetRead")



@_attrs_define
class DatasetRead:
    """ 
        Attributes:
            created_at (datetime.datetime):
            description (str):
            id (UUID):
            item_count (int): Items in the current version (archived ones excluded)
            metadata (DatasetReadMetadata):
            name (str):
            tags (list[str]):
            updated_at (datetime.datetime):
            version (int): The current version: every change of the items (create, import, from-run, update, delete) makes
                one new version; 0 before the first change
     """

    created_at: datetime.datetime
    description: str
    id: UUID
    item_count: int
    metadata: DatasetReadMetadata
    name: str
    tags: list[str]
    updated_at: datetime.datetime
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.dataset_read_metadata import DatasetReadMetadata # noqa: PLC0415
        created_at = self.created_at.isoformat()

        description = self.description

        id = str(self.id)

        item_count = self.item_count

        metadata = self.metadata.to_dict()

        name = self.name

        tags = self.tags



        updated_at = self.updated_at.isoformat()

        version = self.version


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "created_at": created_at,
            "description": description,
            "id": id,
            "item_count": item_count,
            "metadata": metadata,
            "name": name,
            "tags": tags,
            "updated_at": updated_at,
            "version": version,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.dataset_read_metadata import DatasetReadMetadata # noqa: PLC0415
        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        description = d.pop("description")

        id = UUID(d.pop("id"))




        item_count = d.pop("item_count")

        metadata = DatasetReadMetadata.from_dict(d.pop("metadata"))




        name = d.pop("name")

        tags = cast(list[str], d.pop("tags"))


        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))




        version = d.pop("version")

        dataset_read = cls(
            created_at=created_at,
            description=description,
            id=id,
            item_count=item_count,
            metadata=metadata,
            name=name,
            tags=tags,
            updated_at=updated_at,
            version=version,
        )


        dataset_read.additional_properties = d
        return dataset_read

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
