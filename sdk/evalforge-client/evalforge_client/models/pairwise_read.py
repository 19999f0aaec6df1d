from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
from uuid import UUID

if TYPE_CHECKING:
  from ..models.pairwise_read_items_item import PairwiseReadItemsItem
  from ..models.pairwise_read_summary import PairwiseReadSummary





T = TypeVar("T", bound="PairwiseRead")



@_attrs_define
class PairwiseRead:
    """ 
        Attributes:
            comparison_id (UUID):
            evaluator_id (UUID):
            evaluator_version (str):
            experiment_a (UUID):
            experiment_b (UUID):
            items (list[PairwiseReadItemsItem]):
            summary (PairwiseReadSummary): wins_a, wins_b, ties, errors, n_judged, position_consistency, p_value
     """

    comparison_id: UUID
    evaluator_id: UUID
    evaluator_version: str
    experiment_a: UUID
    experiment_b: UUID
    items: list[PairwiseReadItemsItem]
    summary: PairwiseReadSummary
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.pairwise_read_items_item import PairwiseReadItemsItem # noqa: PLC0415
        from ..models.pairwise_read_summary import PairwiseReadSummary # noqa: PLC0415
        comparison_id = str(self.comparison_id)

        evaluator_id = str(self.evaluator_id)

        evaluator_version = self.evaluator_version

        experiment_a = str(self.experiment_a)

        experiment_b = str(self.experiment_b)

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)



        summary = self.summary.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "comparison_id": comparison_id,
            "evaluator_id": evaluator_id,
            "evaluator_version": evaluator_version,
            "experiment_a": experiment_a,
            "experiment_b": experiment_b,
            "items": items,
            "summary": summary,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.pairwise_read_items_item import PairwiseReadItemsItem # noqa: PLC0415
        from ..models.pairwise_read_summary import PairwiseReadSummary # noqa: PLC0415
        d = dict(src_dict)
        comparison_id = UUID(d.pop("comparison_id"))




        evaluator_id = UUID(d.pop("evaluator_id"))




        evaluator_version = d.pop("evaluator_version")

        experiment_a = UUID(d.pop("experiment_a"))




        experiment_b = UUID(d.pop("experiment_b"))




        items = []
        _items = d.pop("items")
        for items_item_data in (_items):
            items_item = PairwiseReadItemsItem.from_dict(items_item_data)



            items.append(items_item)


        summary = PairwiseReadSummary.from_dict(d.pop("summary"))




        pairwise_read = cls(
            comparison_id=comparison_id,
            evaluator_id=evaluator_id,
            evaluator_version=evaluator_version,
            experiment_a=experiment_a,
            experiment_b=experiment_b,
            items=items,
            summary=summary,
        )


        pairwise_read.additional_properties = d
        return pairwise_read

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
