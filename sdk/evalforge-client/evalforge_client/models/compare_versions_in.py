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
  from ..models.compare_versions_in_metadata import CompareVersionsInMetadata
  from ..models.experiment_config import ExperimentConfig





T = TypeVar("T", bound="CompareVersionsIn")



@_attrs_define
class CompareVersionsIn:
    """ 
        Attributes:
            prompt_name (str):
            version_a (int):
            version_b (int):
            config (ExperimentConfig | None | Unset): Shared settings; its prompt fields are set per side
            evaluator_ids (list[UUID] | Unset):
            metadata (CompareVersionsInMetadata | Unset):
            model (None | str | Unset):
     """

    prompt_name: str
    version_a: int
    version_b: int
    config: ExperimentConfig | None | Unset = UNSET
    evaluator_ids: list[UUID] | Unset = UNSET
    metadata: CompareVersionsInMetadata | Unset = UNSET
    model: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.compare_versions_in_metadata import CompareVersionsInMetadata # noqa: PLC0415
        from ..models.experiment_config import ExperimentConfig # noqa: PLC0415
        prompt_name = self.prompt_name

        version_a = self.version_a

        version_b = self.version_b

        config: dict[str, Any] | None | Unset
        if isinstance(self.config, Unset):
            config = UNSET
        elif isinstance(self.config, ExperimentConfig):
            config = self.config.to_dict()
        else:
            config = self.config

        evaluator_ids: list[str] | Unset = UNSET
        if not isinstance(self.evaluator_ids, Unset):
            evaluator_ids = []
            for evaluator_ids_item_data in self.evaluator_ids:
                evaluator_ids_item = str(evaluator_ids_item_data)
                evaluator_ids.append(evaluator_ids_item)



        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        model: None | str | Unset
        if isinstance(self.model, Unset):
            model = UNSET
        else:
            model = self.model


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "prompt_name": prompt_name,
            "version_a": version_a,
            "version_b": version_b,
        })
        if config is not UNSET:
            field_dict["config"] = config
        if evaluator_ids is not UNSET:
            field_dict["evaluator_ids"] = evaluator_ids
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if model is not UNSET:
            field_dict["model"] = model

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.compare_versions_in_metadata import CompareVersionsInMetadata # noqa: PLC0415
        from ..models.experiment_config import ExperimentConfig # noqa: PLC0415
        d = dict(src_dict)
        prompt_name = d.pop("prompt_name")

        version_a = d.pop("version_a")

        version_b = d.pop("version_b")

        def _parse_config(data: object) -> ExperimentConfig | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                config_type_0 = ExperimentConfig.from_dict(data)



                return config_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ExperimentConfig | None | Unset, data)

        config = _parse_config(d.pop("config", UNSET))


        _evaluator_ids = d.pop("evaluator_ids", UNSET)
        evaluator_ids: list[UUID] | Unset = UNSET
        if _evaluator_ids is not UNSET:
            evaluator_ids = []
            for evaluator_ids_item_data in _evaluator_ids:
                evaluator_ids_item = UUID(evaluator_ids_item_data)



                evaluator_ids.append(evaluator_ids_item)


        _metadata = d.pop("metadata", UNSET)
        metadata: CompareVersionsInMetadata | Unset
        if isinstance(_metadata,  Unset):
            metadata = UNSET
        else:
            metadata = CompareVersionsInMetadata.from_dict(_metadata)




        def _parse_model(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        model = _parse_model(d.pop("model", UNSET))


        compare_versions_in = cls(
            prompt_name=prompt_name,
            version_a=version_a,
            version_b=version_b,
            config=config,
            evaluator_ids=evaluator_ids,
            metadata=metadata,
            model=model,
        )


        compare_versions_in.additional_properties = d
        return compare_versions_in

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
