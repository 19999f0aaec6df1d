from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
from uuid import UUID

if TYPE_CHECKING:
  from ..models.experiment_config import ExperimentConfig
  from ..models.experiment_create_metadata import ExperimentCreateMetadata





T = TypeVar("T", bound="ExperimentCreate")



@_attrs_define
class ExperimentCreate:
    """ 
        Attributes:
            dataset_id (UUID):
            name (str):
            config (ExperimentConfig | Unset): What to run: a prompt version + model, or an agent endpoint. Unknown keys are
                refused
                so a typo (`prompt_labl`) is a 422, not a silently ignored setting.
            evaluator_ids (list[UUID] | Unset):
            metadata (ExperimentCreateMetadata | Unset):
     """

    dataset_id: UUID
    name: str
    config: ExperimentConfig | Unset = UNSET
    evaluator_ids: list[UUID] | Unset = UNSET
    metadata: ExperimentCreateMetadata | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.experiment_config import ExperimentConfig # noqa: PLC0415
        from ..models.experiment_create_metadata import ExperimentCreateMetadata # noqa: PLC0415
        dataset_id = str(self.dataset_id)

        name = self.name

        config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.config, Unset):
            config = self.config.to_dict()

        evaluator_ids: list[str] | Unset = UNSET
        if not isinstance(self.evaluator_ids, Unset):
            evaluator_ids = []
            for evaluator_ids_item_data in self.evaluator_ids:
                evaluator_ids_item = str(evaluator_ids_item_data)
                evaluator_ids.append(evaluator_ids_item)



        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "dataset_id": dataset_id,
            "name": name,
        })
        if config is not UNSET:
            field_dict["config"] = config
        if evaluator_ids is not UNSET:
            field_dict["evaluator_ids"] = evaluator_ids
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.experiment_config import ExperimentConfig # noqa: PLC0415
        from ..models.experiment_create_metadata import ExperimentCreateMetadata # noqa: PLC0415
        d = dict(src_dict)
        dataset_id = UUID(d.pop("dataset_id"))




        name = d.pop("name")

        _config = d.pop("config", UNSET)
        config: ExperimentConfig | Unset
        if isinstance(_config,  Unset):
            config = UNSET
        else:
            config = ExperimentConfig.from_dict(_config)




        _evaluator_ids = d.pop("evaluator_ids", UNSET)
        evaluator_ids: list[UUID] | Unset = UNSET
        if _evaluator_ids is not UNSET:
            evaluator_ids = []
            for evaluator_ids_item_data in _evaluator_ids:
                evaluator_ids_item = UUID(evaluator_ids_item_data)



                evaluator_ids.append(evaluator_ids_item)


        _metadata = d.pop("metadata", UNSET)
        metadata: ExperimentCreateMetadata | Unset
        if isinstance(_metadata,  Unset):
            metadata = UNSET
        else:
            metadata = ExperimentCreateMetadata.from_dict(_metadata)




        experiment_create = cls(
            dataset_id=dataset_id,
            name=name,
            config=config,
            evaluator_ids=evaluator_ids,
            metadata=metadata,
        )


        experiment_create.additional_properties = d
        return experiment_create

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
