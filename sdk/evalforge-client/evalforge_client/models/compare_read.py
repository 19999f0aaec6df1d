from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.compare_item import CompareItem
  from ..models.compare_read_dataset_versions import CompareReadDatasetVersions
  from ..models.compare_read_experiments import CompareReadExperiments
  from ..models.compare_read_summary import CompareReadSummary





T = TypeVar("T", bound="CompareRead")



@_attrs_define
class CompareRead:
    """ 
        Attributes:
            comparisons (list[CompareItem]):
            experiments (CompareReadExperiments):
            summary (CompareReadSummary): Per experiment and score name: mean and n; versus the first experiment (baseline):
                delta of means and per-item improvements, regressions, unchanged
            dataset_versions (CompareReadDatasetVersions | Unset): Per experiment id: the dataset version it ran on and,
                against the baseline's version of the same dataset, the items added and removed between them
            warnings (list[str] | Unset): Why the comparison may mislead: experiments that ran on different versions of the
                dataset (each names both versions and the items added and removed)
     """

    comparisons: list[CompareItem]
    experiments: CompareReadExperiments
    summary: CompareReadSummary
    dataset_versions: CompareReadDatasetVersions | Unset = UNSET
    warnings: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.compare_item import CompareItem # noqa: PLC0415
        from ..models.compare_read_dataset_versions import CompareReadDatasetVersions # noqa: PLC0415
        from ..models.compare_read_experiments import CompareReadExperiments # noqa: PLC0415
        from ..models.compare_read_summary import CompareReadSummary # noqa: PLC0415
        comparisons = []
        for comparisons_item_data in self.comparisons:
            comparisons_item = comparisons_item_data.to_dict()
            comparisons.append(comparisons_item)



        experiments = self.experiments.to_dict()

        summary = self.summary.to_dict()

        dataset_versions: dict[str, Any] | Unset = UNSET
        if not isinstance(self.dataset_versions, Unset):
            dataset_versions = self.dataset_versions.to_dict()

        warnings: list[str] | Unset = UNSET
        if not isinstance(self.warnings, Unset):
            warnings = self.warnings




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "comparisons": comparisons,
            "experiments": experiments,
            "summary": summary,
        })
        if dataset_versions is not UNSET:
            field_dict["dataset_versions"] = dataset_versions
        if warnings is not UNSET:
            field_dict["warnings"] = warnings

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.compare_item import CompareItem # noqa: PLC0415
        from ..models.compare_read_dataset_versions import CompareReadDatasetVersions # noqa: PLC0415
        from ..models.compare_read_experiments import CompareReadExperiments # noqa: PLC0415
        from ..models.compare_read_summary import CompareReadSummary # noqa: PLC0415
        d = dict(src_dict)
        comparisons = []
        _comparisons = d.pop("comparisons")
        for comparisons_item_data in (_comparisons):
            comparisons_item = CompareItem.from_dict(comparisons_item_data)



            comparisons.append(comparisons_item)


        experiments = CompareReadExperiments.from_dict(d.pop("experiments"))




        summary = CompareReadSummary.from_dict(d.pop("summary"))




        _dataset_versions = d.pop("dataset_versions", UNSET)
        dataset_versions: CompareReadDatasetVersions | Unset
        if isinstance(_dataset_versions,  Unset):
            dataset_versions = UNSET
        else:
            dataset_versions = CompareReadDatasetVersions.from_dict(_dataset_versions)




        warnings = cast(list[str], d.pop("warnings", UNSET))


        compare_read = cls(
            comparisons=comparisons,
            experiments=experiments,
            summary=summary,
            dataset_versions=dataset_versions,
            warnings=warnings,
        )


        compare_read.additional_properties = d
        return compare_read

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
