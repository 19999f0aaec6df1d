from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.score_create_data_type import ScoreCreateDataType
from ..models.score_create_source import ScoreCreateSource
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="ScoreCreate")



@_attrs_define
class ScoreCreate:
    """ 
        Attributes:
            data_type (ScoreCreateDataType):
            name (str):
            numeric_value (float | None | Unset):
            reason (str | Unset):  Default: ''.
            source (ScoreCreateSource | Unset):  Default: ScoreCreateSource.API.
            string_value (None | str | Unset):
     """

    data_type: ScoreCreateDataType
    name: str
    numeric_value: float | None | Unset = UNSET
    reason: str | Unset = ''
    source: ScoreCreateSource | Unset = ScoreCreateSource.API
    string_value: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        data_type = self.data_type.value

        name = self.name

        numeric_value: float | None | Unset
        if isinstance(self.numeric_value, Unset):
            numeric_value = UNSET
        else:
            numeric_value = self.numeric_value

        reason = self.reason

        source: str | Unset = UNSET
        if not isinstance(self.source, Unset):
            source = self.source.value


        string_value: None | str | Unset
        if isinstance(self.string_value, Unset):
            string_value = UNSET
        else:
            string_value = self.string_value


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "data_type": data_type,
            "name": name,
        })
        if numeric_value is not UNSET:
            field_dict["numeric_value"] = numeric_value
        if reason is not UNSET:
            field_dict["reason"] = reason
        if source is not UNSET:
            field_dict["source"] = source
        if string_value is not UNSET:
            field_dict["string_value"] = string_value

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        data_type = ScoreCreateDataType(d.pop("data_type"))




        name = d.pop("name")

        def _parse_numeric_value(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        numeric_value = _parse_numeric_value(d.pop("numeric_value", UNSET))


        reason = d.pop("reason", UNSET)

        _source = d.pop("source", UNSET)
        source: ScoreCreateSource | Unset
        if isinstance(_source,  Unset):
            source = UNSET
        else:
            source = ScoreCreateSource(_source)




        def _parse_string_value(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        string_value = _parse_string_value(d.pop("string_value", UNSET))


        score_create = cls(
            data_type=data_type,
            name=name,
            numeric_value=numeric_value,
            reason=reason,
            source=source,
            string_value=string_value,
        )


        score_create.additional_properties = d
        return score_create

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
