from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
from uuid import UUID






T = TypeVar("T", bound="ScoreCreated")



@_attrs_define
class ScoreCreated:
    """ 
        Attributes:
            created_at (str):
            data_type (str):
            id (UUID):
            name (str):
            numeric_value (float | None):
            reason (str):
            run_id (UUID):
            source (str):
            string_value (None | str):
            evaluator_version (None | str | Unset): Content hash of the evaluator config that produced it
            status (str | Unset): ok: a real grade; judge_error, target_error, skipped: no value, and the reason says why
                Default: 'ok'.
     """

    created_at: str
    data_type: str
    id: UUID
    name: str
    numeric_value: float | None
    reason: str
    run_id: UUID
    source: str
    string_value: None | str
    evaluator_version: None | str | Unset = UNSET
    status: str | Unset = 'ok'
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at

        data_type = self.data_type

        id = str(self.id)

        name = self.name

        numeric_value: float | None
        numeric_value = self.numeric_value

        reason = self.reason

        run_id = str(self.run_id)

        source = self.source

        string_value: None | str
        string_value = self.string_value

        evaluator_version: None | str | Unset
        if isinstance(self.evaluator_version, Unset):
            evaluator_version = UNSET
        else:
            evaluator_version = self.evaluator_version

        status = self.status


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "created_at": created_at,
            "data_type": data_type,
            "id": id,
            "name": name,
            "numeric_value": numeric_value,
            "reason": reason,
            "run_id": run_id,
            "source": source,
            "string_value": string_value,
        })
        if evaluator_version is not UNSET:
            field_dict["evaluator_version"] = evaluator_version
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        created_at = d.pop("created_at")

        data_type = d.pop("data_type")

        id = UUID(d.pop("id"))




        name = d.pop("name")

        def _parse_numeric_value(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        numeric_value = _parse_numeric_value(d.pop("numeric_value"))


        reason = d.pop("reason")

        run_id = UUID(d.pop("run_id"))




        source = d.pop("source")

        def _parse_string_value(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        string_value = _parse_string_value(d.pop("string_value"))


        def _parse_evaluator_version(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        evaluator_version = _parse_evaluator_version(d.pop("evaluator_version", UNSET))


        status = d.pop("status", UNSET)

        score_created = cls(
            created_at=created_at,
            data_type=data_type,
            id=id,
            name=name,
            numeric_value=numeric_value,
            reason=reason,
            run_id=run_id,
            source=source,
            string_value=string_value,
            evaluator_version=evaluator_version,
            status=status,
        )


        score_created.additional_properties = d
        return score_created

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
