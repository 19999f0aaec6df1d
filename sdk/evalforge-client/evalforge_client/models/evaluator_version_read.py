from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.evaluator_version_read_config import EvaluatorVersionReadConfig





T = TypeVar("T", bound="EvaluatorVersionRead")



@_attrs_define
class EvaluatorVersionRead:
    """ 
        Attributes:
            config (EvaluatorVersionReadConfig):
            created_at (str):
            kind (str):
            version (str):
     """

    config: EvaluatorVersionReadConfig
    created_at: str
    kind: str
    version: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.evaluator_version_read_config import EvaluatorVersionReadConfig # noqa: PLC0415
        config = self.config.to_dict()

        created_at = self.created_at

        kind = self.kind

        version = self.version


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "config": config,
            "created_at": created_at,
            "kind": kind,
            "version": version,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.evaluator_version_read_config import EvaluatorVersionReadConfig # noqa: PLC0415
        d = dict(src_dict)
        config = EvaluatorVersionReadConfig.from_dict(d.pop("config"))




        created_at = d.pop("created_at")

        kind = d.pop("kind")

        version = d.pop("version")

        evaluator_version_read = cls(
            config=config,
            created_at=created_at,
            kind=kind,
            version=version,
        )


        evaluator_version_read.additional_properties = d
        return evaluator_version_read

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
