from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.evaluator_create_config import EvaluatorCreateConfig





T = TypeVar("T", bound="EvaluatorCreate")



@_attrs_define
class EvaluatorCreate:
    """ 
        Attributes:
            kind (str): A grader kind (deterministic, llm_judge, or a tool grader: tool_called, tool_sequence,
                tool_args_match); unknown ones are 422
            name (str):
            config (EvaluatorCreateConfig | Unset): Kind-specific settings
            description (str | Unset):  Default: ''.
            score_name (None | str | Unset): Defaults to the name
     """

    kind: str
    name: str
    config: EvaluatorCreateConfig | Unset = UNSET
    description: str | Unset = ''
    score_name: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.evaluator_create_config import EvaluatorCreateConfig # noqa: PLC0415
        kind = self.kind

        name = self.name

        config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.config, Unset):
            config = self.config.to_dict()

        description = self.description

        score_name: None | str | Unset
        if isinstance(self.score_name, Unset):
            score_name = UNSET
        else:
            score_name = self.score_name


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "kind": kind,
            "name": name,
        })
        if config is not UNSET:
            field_dict["config"] = config
        if description is not UNSET:
            field_dict["description"] = description
        if score_name is not UNSET:
            field_dict["score_name"] = score_name

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.evaluator_create_config import EvaluatorCreateConfig # noqa: PLC0415
        d = dict(src_dict)
        kind = d.pop("kind")

        name = d.pop("name")

        _config = d.pop("config", UNSET)
        config: EvaluatorCreateConfig | Unset
        if isinstance(_config,  Unset):
            config = UNSET
        else:
            config = EvaluatorCreateConfig.from_dict(_config)




        description = d.pop("description", UNSET)

        def _parse_score_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        score_name = _parse_score_name(d.pop("score_name", UNSET))


        evaluator_create = cls(
            kind=kind,
            name=name,
            config=config,
            description=description,
            score_name=score_name,
        )

        return evaluator_create

