from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.import_line_error import ImportLineError
  from ..models.request_field_error import RequestFieldError





T = TypeVar("T", bound="ImportErrors")



@_attrs_define
class ImportErrors:
    """ The 422 of an import: every bad line of the file, or the request's field errors.

        Attributes:
            detail (list[ImportLineError | RequestFieldError]):
     """

    detail: list[ImportLineError | RequestFieldError]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.import_line_error import ImportLineError # noqa: PLC0415
        from ..models.request_field_error import RequestFieldError # noqa: PLC0415
        detail = []
        for detail_item_data in self.detail:
            detail_item: dict[str, Any]
            if isinstance(detail_item_data, ImportLineError):
                detail_item = detail_item_data.to_dict()
            else:
                detail_item = detail_item_data.to_dict()

            detail.append(detail_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "detail": detail,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.import_line_error import ImportLineError # noqa: PLC0415
        from ..models.request_field_error import RequestFieldError # noqa: PLC0415
        d = dict(src_dict)
        detail = []
        _detail = d.pop("detail")
        for detail_item_data in (_detail):
            def _parse_detail_item(data: object) -> ImportLineError | RequestFieldError:
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    detail_item_type_0 = ImportLineError.from_dict(data)



                    return detail_item_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if not isinstance(data, dict):
                    raise TypeError()
                detail_item_type_1 = RequestFieldError.from_dict(data)



                return detail_item_type_1

            detail_item = _parse_detail_item(detail_item_data)

            detail.append(detail_item)


        import_errors = cls(
            detail=detail,
        )


        import_errors.additional_properties = d
        return import_errors

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
