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
  from ..models.prompt_read_label_versions import PromptReadLabelVersions





T = TypeVar("T", bound="PromptRead")



@_attrs_define
class PromptRead:
    """ One row per prompt name.

        Attributes:
            created_at (datetime.datetime):
            id (UUID):
            label_versions (PromptReadLabelVersions): Every label and the version it points to
            labels (list[str]): Labels on the latest version
            latest_version (int):
            name (str):
            updated_at (datetime.datetime):
     """

    created_at: datetime.datetime
    id: UUID
    label_versions: PromptReadLabelVersions
    labels: list[str]
    latest_version: int
    name: str
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.prompt_read_label_versions import PromptReadLabelVersions # noqa: PLC0415
        created_at = self.created_at.isoformat()

        id = str(self.id)

        label_versions = self.label_versions.to_dict()

        labels = self.labels



        latest_version = self.latest_version

        name = self.name

        updated_at = self.updated_at.isoformat()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "created_at": created_at,
            "id": id,
            "label_versions": label_versions,
            "labels": labels,
            "latest_version": latest_version,
            "name": name,
            "updated_at": updated_at,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.prompt_read_label_versions import PromptReadLabelVersions # noqa: PLC0415
        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        id = UUID(d.pop("id"))




        label_versions = PromptReadLabelVersions.from_dict(d.pop("label_versions"))




        labels = cast(list[str], d.pop("labels"))


        latest_version = d.pop("latest_version")

        name = d.pop("name")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))




        prompt_read = cls(
            created_at=created_at,
            id=id,
            label_versions=label_versions,
            labels=labels,
            latest_version=latest_version,
            name=name,
            updated_at=updated_at,
        )


        prompt_read.additional_properties = d
        return prompt_read

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
