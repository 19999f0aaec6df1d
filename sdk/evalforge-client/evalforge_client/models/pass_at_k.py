from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="PassAtK")



@_attrs_define
class PassAtK:
    """ 
        Attributes:
            items (int): Items with at least k attempts that count (the mean's n)
            items_short (int): Items left out: fewer than k attempts counted
            k (int):
            pass_at_k (float | None): Mean over items of 1 - C(n-c,k)/C(n,k): some of k attempts passes
            pass_hat_k (float | None): pass^k, mean over items of C(c,k)/C(n,k): all k attempts pass
     """

    items: int
    items_short: int
    k: int
    pass_at_k: float | None
    pass_hat_k: float | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        items = self.items

        items_short = self.items_short

        k = self.k

        pass_at_k: float | None
        pass_at_k = self.pass_at_k

        pass_hat_k: float | None
        pass_hat_k = self.pass_hat_k


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "items": items,
            "items_short": items_short,
            "k": k,
            "pass_at_k": pass_at_k,
            "pass_hat_k": pass_hat_k,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        items = d.pop("items")

        items_short = d.pop("items_short")

        k = d.pop("k")

        def _parse_pass_at_k(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        pass_at_k = _parse_pass_at_k(d.pop("pass_at_k"))


        def _parse_pass_hat_k(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        pass_hat_k = _parse_pass_hat_k(d.pop("pass_hat_k"))


        pass_at_k = cls(
            items=items,
            items_short=items_short,
            k=k,
            pass_at_k=pass_at_k,
            pass_hat_k=pass_hat_k,
        )


        pass_at_k.additional_properties = d
        return pass_at_k

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
