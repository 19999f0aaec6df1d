from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.retry_read_status import RetryReadStatus
from uuid import UUID






T = TypeVar("T", bound="RetryRead")



@_attrs_define
class RetryRead:
    """ 
        Attributes:
            id (UUID):
            retried (int): Failed and skipped runs made pending again (0: a no-op)
            status (RetryReadStatus): running, or completed/failed when nothing was retried
     """

    id: UUID
    retried: int
    status: RetryReadStatus
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        retried = self.retried

        status = self.status.value


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "retried": retried,
            "status": status,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))




        retried = d.pop("retried")

        status = RetryReadStatus(d.pop("status"))




        retry_read = cls(
            id=id,
            retried=retried,
            status=status,
        )


        retry_read.additional_properties = d
        return retry_read

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
