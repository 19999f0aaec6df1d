from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.compare_item_dataset_item import CompareItemDatasetItem
  from ..models.compare_item_results import CompareItemResults





T = TypeVar("T", bound="CompareItem")



@_attrs_define
class CompareItem:
    """ 
        Attributes:
            dataset_item (CompareItemDatasetItem): {id, input, expected_output}
            results (CompareItemResults):
     """

    dataset_item: CompareItemDatasetItem
    results: CompareItemResults
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.compare_item_dataset_item import CompareItemDatasetItem # noqa: PLC0415
        from ..models.compare_item_results import CompareItemResults # noqa: PLC0415
        dataset_item = self.dataset_item.to_dict()

        results = self.results.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "dataset_item": dataset_item,
            "results": results,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.compare_item_dataset_item import CompareItemDatasetItem # noqa: PLC0415
        from ..models.compare_item_results import CompareItemResults # noqa: PLC0415
        d = dict(src_dict)
        dataset_item = CompareItemDatasetItem.from_dict(d.pop("dataset_item"))




        results = CompareItemResults.from_dict(d.pop("results"))




        compare_item = cls(
            dataset_item=dataset_item,
            results=results,
        )


        compare_item.additional_properties = d
        return compare_item

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
