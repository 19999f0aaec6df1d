from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
from uuid import UUID






T = TypeVar("T", bound="PairwiseIn")



@_attrs_define
class PairwiseIn:
    """ 
        Attributes:
            evaluator_id (UUID):
            experiment_ids (list[UUID]): [a, b]
     """

    evaluator_id: UUID
    experiment_ids: list[UUID]





    def to_dict(self) -> dict[str, Any]:
        evaluator_id = str(self.evaluator_id)

        experiment_ids = []
        for experiment_ids_item_data in self.experiment_ids:
            experiment_ids_item = str(experiment_ids_item_data)
            experiment_ids.append(experiment_ids_item)




        field_dict: dict[str, Any] = {}

        field_dict.update({
            "evaluator_id": evaluator_id,
            "experiment_ids": experiment_ids,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        evaluator_id = UUID(d.pop("evaluator_id"))




        experiment_ids = []
        _experiment_ids = d.pop("experiment_ids")
        for experiment_ids_item_data in (_experiment_ids):
            experiment_ids_item = UUID(experiment_ids_item_data)



            experiment_ids.append(experiment_ids_item)


        pairwise_in = cls(
            evaluator_id=evaluator_id,
            experiment_ids=experiment_ids,
        )

        return pairwise_in

