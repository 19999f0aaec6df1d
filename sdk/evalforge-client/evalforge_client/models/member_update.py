from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.member_update_role_type_0 import MemberUpdateRoleType0
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="MemberUpdate")



@_attrs_define
class MemberUpdate:
    """ Fields to change; omitted ones stay. is_active=false ends their sessions and keys.

        Attributes:
            is_active (bool | None | Unset):
            role (MemberUpdateRoleType0 | None | Unset):
     """

    is_active: bool | None | Unset = UNSET
    role: MemberUpdateRoleType0 | None | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        is_active: bool | None | Unset
        if isinstance(self.is_active, Unset):
            is_active = UNSET
        else:
            is_active = self.is_active

        role: None | str | Unset
        if isinstance(self.role, Unset):
            role = UNSET
        elif isinstance(self.role, MemberUpdateRoleType0):
            role = self.role.value
        else:
            role = self.role


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if is_active is not UNSET:
            field_dict["is_active"] = is_active
        if role is not UNSET:
            field_dict["role"] = role

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_is_active(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        is_active = _parse_is_active(d.pop("is_active", UNSET))


        def _parse_role(data: object) -> MemberUpdateRoleType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                role_type_0 = MemberUpdateRoleType0(data)



                return role_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(MemberUpdateRoleType0 | None | Unset, data)

        role = _parse_role(d.pop("role", UNSET))


        member_update = cls(
            is_active=is_active,
            role=role,
        )

        return member_update

