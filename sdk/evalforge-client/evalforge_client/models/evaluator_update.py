from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.evaluator_update_config_type_0 import EvaluatorUpdateConfigType0





T = TypeVar("T", bound="EvaluatorUpdate")



@_attrs_define
class EvaluatorUpdate:
    """ Fields left out keep their value; a new kind or config is validated again.

        Attributes:
            config (EvaluatorUpdateConfigType0 | None | Unset):
            description (None | str | Unset):
            kind (None | str | Unset):
            name (None | str | Unset):
            score_name (None | str | Unset):
     """

    config: EvaluatorUpdateConfigType0 | None | Unset = UNSET
    description: None | str | Unset = UNSET
    kind: None | str | Unset = UNSET
    name: None | str | Unset = UNSET
    score_name: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.evaluator_update_config_type_0 import EvaluatorUpdateConfigType0 # noqa: PLC0415
        config: dict[str, Any] | None | Unset
        if isinstance(self.config, Unset):
            config = UNSET
        elif isinstance(self.config, EvaluatorUpdateConfigType0):
            config = self.config.to_dict()
        else:
            config = self.config

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        kind: None | str | Unset
        if isinstance(self.kind, Unset):
            kind = UNSET
        else:
            kind = self.kind

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        score_name: None | str | Unset
        if isinstance(self.score_name, Unset):
            score_name = UNSET
        else:
            score_name = self.score_name


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if config is not UNSET:
            field_dict["config"] = config
        if description is not UNSET:
            field_dict["description"] = description
        if kind is not UNSET:
            field_dict["kind"] = kind
        if name is not UNSET:
            field_dict["name"] = name
        if score_name is not UNSET:
            field_dict["score_name"] = score_name

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.evaluator_update_config_type_0 import EvaluatorUpdateConfigType0 # noqa: PLC0415
        d = dict(src_dict)
        def _parse_config(data: object) -> EvaluatorUpdateConfigType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                config_type_0 = EvaluatorUpdateConfigType0.from_dict(data)



                return config_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(EvaluatorUpdateConfigType0 | None | Unset, data)

        config = _parse_config(d.pop("config", UNSET))


        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))


        def _parse_kind(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        kind = _parse_kind(d.pop("kind", UNSET))


        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))


        def _parse_score_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        score_name = _parse_score_name(d.pop("score_name", UNSET))


        evaluator_update = cls(
            config=config,
            description=description,
            kind=kind,
            name=name,
            score_name=score_name,
        )

        return evaluator_update

