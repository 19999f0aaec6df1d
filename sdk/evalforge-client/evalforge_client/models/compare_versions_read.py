from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
from uuid import UUID

if TYPE_CHECKING:
  from ..models.version_side import VersionSide





T = TypeVar("T", bound="CompareVersionsRead")



@_attrs_define
class CompareVersionsRead:
    """ 
        Attributes:
            compare_url (str):
            experiment_a (VersionSide):
            experiment_b (VersionSide):
            group_id (UUID):
     """

    compare_url: str
    experiment_a: VersionSide
    experiment_b: VersionSide
    group_id: UUID
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.version_side import VersionSide # noqa: PLC0415
        compare_url = self.compare_url

        experiment_a = self.experiment_a.to_dict()

        experiment_b = self.experiment_b.to_dict()

        group_id = str(self.group_id)


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "compare_url": compare_url,
            "experiment_a": experiment_a,
            "experiment_b": experiment_b,
            "group_id": group_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.version_side import VersionSide # noqa: PLC0415
        d = dict(src_dict)
        compare_url = d.pop("compare_url")

        experiment_a = VersionSide.from_dict(d.pop("experiment_a"))




        experiment_b = VersionSide.from_dict(d.pop("experiment_b"))




        group_id = UUID(d.pop("group_id"))




        compare_versions_read = cls(
            compare_url=compare_url,
            experiment_a=experiment_a,
            experiment_b=experiment_b,
            group_id=group_id,
        )


        compare_versions_read.additional_properties = d
        return compare_versions_read

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
