from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
from uuid import UUID

if TYPE_CHECKING:
  from ..models.item_stats_scores import ItemStatsScores





T = TypeVar("T", bound="ItemStats")



@_attrs_define
class ItemStats:
    """ 
        Attributes:
            dataset_item_id (UUID):
            flaky (bool):
            runs (int):
            scores (ItemStatsScores):
     """

    dataset_item_id: UUID
    flaky: bool
    runs: int
    scores: ItemStatsScores
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.item_stats_scores import ItemStatsScores # noqa: PLC0415
        dataset_item_id = str(self.dataset_item_id)

        flaky = self.flaky

        runs = self.runs

        scores = self.scores.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "dataset_item_id": dataset_item_id,
            "flaky": flaky,
            "runs": runs,
            "scores": scores,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.item_stats_scores import ItemStatsScores # noqa: PLC0415
        d = dict(src_dict)
        dataset_item_id = UUID(d.pop("dataset_item_id"))




        flaky = d.pop("flaky")

        runs = d.pop("runs")

        scores = ItemStatsScores.from_dict(d.pop("scores"))




        item_stats = cls(
            dataset_item_id=dataset_item_id,
            flaky=flaky,
            runs=runs,
            scores=scores,
        )


        item_stats.additional_properties = d
        return item_stats

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
