from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="ItemScoreStats")



@_attrs_define
class ItemScoreStats:
    """ 
        Attributes:
            flaky (bool): A pass/fail score that passed in some repetitions only
            mean (float | None):
            n (int): Repetitions that count: scored, or failed for pass/fail
            std (float | None): Sample standard deviation (n - 1); null below 2
     """

    flaky: bool
    mean: float | None
    n: int
    std: float | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        flaky = self.flaky

        mean: float | None
        mean = self.mean

        n = self.n

        std: float | None
        std = self.std


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "flaky": flaky,
            "mean": mean,
            "n": n,
            "std": std,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        flaky = d.pop("flaky")

        def _parse_mean(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        mean = _parse_mean(d.pop("mean"))


        n = d.pop("n")

        def _parse_std(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        std = _parse_std(d.pop("std"))


        item_score_stats = cls(
            flaky=flaky,
            mean=mean,
            n=n,
            std=std,
        )


        item_score_stats.additional_properties = d
        return item_score_stats

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
