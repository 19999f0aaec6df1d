from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.compare_experiment_status import CompareExperimentStatus
from typing import cast

if TYPE_CHECKING:
  from ..models.compare_experiment_config import CompareExperimentConfig





T = TypeVar("T", bound="CompareExperiment")



@_attrs_define
class CompareExperiment:
    """ 
        Attributes:
            config (CompareExperimentConfig):
            name (str):
            status (CompareExperimentStatus):
     """

    config: CompareExperimentConfig
    name: str
    status: CompareExperimentStatus
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.compare_experiment_config import CompareExperimentConfig # noqa: PLC0415
        config = self.config.to_dict()

        name = self.name

        status = self.status.value


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "config": config,
            "name": name,
            "status": status,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.compare_experiment_config import CompareExperimentConfig # noqa: PLC0415
        d = dict(src_dict)
        config = CompareExperimentConfig.from_dict(d.pop("config"))




        name = d.pop("name")

        status = CompareExperimentStatus(d.pop("status"))




        compare_experiment = cls(
            config=config,
            name=name,
            status=status,
        )


        compare_experiment.additional_properties = d
        return compare_experiment

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
