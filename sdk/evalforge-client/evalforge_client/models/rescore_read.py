from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
from uuid import UUID

if TYPE_CHECKING:
  from ..models.rescore_read_evaluators_item import RescoreReadEvaluatorsItem





T = TypeVar("T", bound="RescoreRead")



@_attrs_define
class RescoreRead:
    """ 
        Attributes:
            evaluators (list[RescoreReadEvaluatorsItem]): {id, name, version} of each
            experiment_id (UUID):
            runs_scored (int):
            scores_replaced (int):
            scores_written (int):
     """

    evaluators: list[RescoreReadEvaluatorsItem]
    experiment_id: UUID
    runs_scored: int
    scores_replaced: int
    scores_written: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.rescore_read_evaluators_item import RescoreReadEvaluatorsItem # noqa: PLC0415
        evaluators = []
        for evaluators_item_data in self.evaluators:
            evaluators_item = evaluators_item_data.to_dict()
            evaluators.append(evaluators_item)



        experiment_id = str(self.experiment_id)

        runs_scored = self.runs_scored

        scores_replaced = self.scores_replaced

        scores_written = self.scores_written


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "evaluators": evaluators,
            "experiment_id": experiment_id,
            "runs_scored": runs_scored,
            "scores_replaced": scores_replaced,
            "scores_written": scores_written,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.rescore_read_evaluators_item import RescoreReadEvaluatorsItem # noqa: PLC0415
        d = dict(src_dict)
        evaluators = []
        _evaluators = d.pop("evaluators")
        for evaluators_item_data in (_evaluators):
            evaluators_item = RescoreReadEvaluatorsItem.from_dict(evaluators_item_data)



            evaluators.append(evaluators_item)


        experiment_id = UUID(d.pop("experiment_id"))




        runs_scored = d.pop("runs_scored")

        scores_replaced = d.pop("scores_replaced")

        scores_written = d.pop("scores_written")

        rescore_read = cls(
            evaluators=evaluators,
            experiment_id=experiment_id,
            runs_scored=runs_scored,
            scores_replaced=scores_replaced,
            scores_written=scores_written,
        )


        rescore_read.additional_properties = d
        return rescore_read

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
