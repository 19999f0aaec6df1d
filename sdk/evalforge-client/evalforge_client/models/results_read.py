from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.results_read_status import ResultsReadStatus
from ..types import UNSET, Unset
from typing import cast
from uuid import UUID

if TYPE_CHECKING:
  from ..models.item_stats import ItemStats
  from ..models.result_row import ResultRow
  from ..models.results_summary import ResultsSummary





T = TypeVar("T", bound="ResultsRead")



@_attrs_define
class ResultsRead:
    """ 
        Attributes:
            dataset_name (str):
            experiment_id (UUID):
            experiment_name (str):
            results (list[ResultRow]):
            status (ResultsReadStatus):
            summary (ResultsSummary):
            items (list[ItemStats] | None | Unset): Per item over its repetitions (null with one repetition)
     """

    dataset_name: str
    experiment_id: UUID
    experiment_name: str
    results: list[ResultRow]
    status: ResultsReadStatus
    summary: ResultsSummary
    items: list[ItemStats] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.item_stats import ItemStats # noqa: PLC0415
        from ..models.result_row import ResultRow # noqa: PLC0415
        from ..models.results_summary import ResultsSummary # noqa: PLC0415
        dataset_name = self.dataset_name

        experiment_id = str(self.experiment_id)

        experiment_name = self.experiment_name

        results = []
        for results_item_data in self.results:
            results_item = results_item_data.to_dict()
            results.append(results_item)



        status = self.status.value

        summary = self.summary.to_dict()

        items: list[dict[str, Any]] | None | Unset
        if isinstance(self.items, Unset):
            items = UNSET
        elif isinstance(self.items, list):
            items = []
            for items_type_0_item_data in self.items:
                items_type_0_item = items_type_0_item_data.to_dict()
                items.append(items_type_0_item)


        else:
            items = self.items


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "dataset_name": dataset_name,
            "experiment_id": experiment_id,
            "experiment_name": experiment_name,
            "results": results,
            "status": status,
            "summary": summary,
        })
        if items is not UNSET:
            field_dict["items"] = items

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.item_stats import ItemStats # noqa: PLC0415
        from ..models.result_row import ResultRow # noqa: PLC0415
        from ..models.results_summary import ResultsSummary # noqa: PLC0415
        d = dict(src_dict)
        dataset_name = d.pop("dataset_name")

        experiment_id = UUID(d.pop("experiment_id"))




        experiment_name = d.pop("experiment_name")

        results = []
        _results = d.pop("results")
        for results_item_data in (_results):
            results_item = ResultRow.from_dict(results_item_data)



            results.append(results_item)


        status = ResultsReadStatus(d.pop("status"))




        summary = ResultsSummary.from_dict(d.pop("summary"))




        def _parse_items(data: object) -> list[ItemStats] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                items_type_0 = []
                _items_type_0 = data
                for items_type_0_item_data in (_items_type_0):
                    items_type_0_item = ItemStats.from_dict(items_type_0_item_data)



                    items_type_0.append(items_type_0_item)

                return items_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ItemStats] | None | Unset, data)

        items = _parse_items(d.pop("items", UNSET))


        results_read = cls(
            dataset_name=dataset_name,
            experiment_id=experiment_id,
            experiment_name=experiment_name,
            results=results,
            status=status,
            summary=summary,
            items=items,
        )


        results_read.additional_properties = d
        return results_read

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
