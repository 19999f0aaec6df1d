from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.organization_read import OrganizationRead
  from ..models.user_read import UserRead





T = TypeVar("T", bound="MeRead")



@_attrs_define
class MeRead:
    """ 
        Attributes:
            organization (OrganizationRead):
            user (UserRead):
            csrf_token (None | str | Unset): Send as X-CSRF-Token on cookie-authenticated form uploads
     """

    organization: OrganizationRead
    user: UserRead
    csrf_token: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.organization_read import OrganizationRead # noqa: PLC0415
        from ..models.user_read import UserRead # noqa: PLC0415
        organization = self.organization.to_dict()

        user = self.user.to_dict()

        csrf_token: None | str | Unset
        if isinstance(self.csrf_token, Unset):
            csrf_token = UNSET
        else:
            csrf_token = self.csrf_token


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "organization": organization,
            "user": user,
        })
        if csrf_token is not UNSET:
            field_dict["csrf_token"] = csrf_token

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.organization_read import OrganizationRead # noqa: PLC0415
        from ..models.user_read import UserRead # noqa: PLC0415
        d = dict(src_dict)
        organization = OrganizationRead.from_dict(d.pop("organization"))




        user = UserRead.from_dict(d.pop("user"))




        def _parse_csrf_token(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        csrf_token = _parse_csrf_token(d.pop("csrf_token", UNSET))


        me_read = cls(
            organization=organization,
            user=user,
            csrf_token=csrf_token,
        )


        me_read.additional_properties = d
        return me_read

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
