from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.member_read_role import MemberReadRole
from typing import cast
from uuid import UUID
import datetime






T = TypeVar("T", bound="MemberRead")



@_attrs_define
class MemberRead:
    """ A member of the caller's organization; created_at is when they joined it.

        Attributes:
            created_at (datetime.datetime):
            email (str):
            id (UUID):
            is_active (bool):
            role (MemberReadRole):
     """

    created_at: datetime.datetime
    email: str
    id: UUID
    is_active: bool
    role: MemberReadRole
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        email = self.email

        id = str(self.id)

        is_active = self.is_active

        role = self.role.value


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "created_at": created_at,
            "email": email,
            "id": id,
            "is_active": is_active,
            "role": role,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        email = d.pop("email")

        id = UUID(d.pop("id"))




        is_active = d.pop("is_active")

        role = MemberReadRole(d.pop("role"))




        member_read = cls(
            created_at=created_at,
            email=email,
            id=id,
            is_active=is_active,
            role=role,
        )


        member_read.additional_properties = d
        return member_read

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
