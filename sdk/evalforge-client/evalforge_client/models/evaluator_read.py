from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
from uuid import UUID

if TYPE_CHECKING:
  from ..models.evaluator_read_config import EvaluatorReadConfig





T = TypeVar("T", bound="EvaluatorRead")



@_attrs_define
class EvaluatorRead:
    """ 
        Attributes:
            config (EvaluatorReadConfig):
            created_at (str):
            data_type (str):
            description (str):
            id (UUID):
            kind (str):
            name (str):
            score_name (str):
            updated_at (str):
            version (str): Content hash of kind and config; scores record it
     """

    config: EvaluatorReadConfig
    created_at: str
    data_type: str
    description: str
    id: UUID
    kind: str
    name: str
    score_name: str
    updated_at: str
    version: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.evaluator_read_config import EvaluatorReadConfig # noqa: PLC0415
        config = self.config.to_dict()

        created_at = self.created_at

        data_type = self.data_type

        description = self.description

        id = str(self.id)

        kind = self.kind

        name = self.name

        score_name = self.score_name

        updated_at = self.updated_at

        version = self.version


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "config": config,
            "created_at": created_at,
            "data_type": data_type,
            "description": description,
            "id": id,
            "kind": kind,
            "name": name,
            "score_name": score_name,
            "updated_at": updated_at,
            "version": version,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.evaluator_read_config import EvaluatorReadConfig # noqa: PLC0415
        d = dict(src_dict)
        config = EvaluatorReadConfig.from_dict(d.pop("config"))




        created_at = d.pop("created_at")

        data_type = d.pop("data_type")

        description = d.pop("description")

        id = UUID(d.pop("id"))




        kind = d.pop("kind")

        name = d.pop("name")

        score_name = d.pop("score_name")

        updated_at = d.pop("updated_at")

        version = d.pop("version")

        evaluator_read = cls(
            config=config,
            created_at=created_at,
            data_type=data_type,
            description=description,
            id=id,
            kind=kind,
            name=name,
            score_name=score_name,
            updated_at=updated_at,
            version=version,
        )


        evaluator_read.additional_properties = d
        return evaluator_read

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
