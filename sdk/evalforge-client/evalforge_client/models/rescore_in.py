from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
from uuid import UUID






T = TypeVar("T", bound="RescoreIn")



@_attrs_define
class RescoreIn:
    """ 
        Attributes:
            evaluator_ids (list[UUID]):
     """

    evaluator_ids: list[UUID]





    def to_dict(self) -> dict[str, Any]:
        evaluator_ids = []
        for evaluator_ids_item_data in self.evaluator_ids:
            evaluator_ids_item = str(evaluator_ids_item_data)
            evaluator_ids.append(evaluator_ids_item)




        field_dict: dict[str, Any] = {}

        field_dict.update({
            "evaluator_ids": evaluator_ids,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        evaluator_ids = []
        _evaluator_ids = d.pop("evaluator_ids")
        for evaluator_ids_item_data in (_evaluator_ids):
            evaluator_ids_item = UUID(evaluator_ids_item_data)



            evaluator_ids.append(evaluator_ids_item)


        rescore_in = cls(
            evaluator_ids=evaluator_ids,
        )

        return rescore_in

