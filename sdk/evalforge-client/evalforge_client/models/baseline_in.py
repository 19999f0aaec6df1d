from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from uuid import UUID






T = TypeVar("T", bound="BaselineIn")



@_attrs_define
class BaselineIn:
    """ 
        Attributes:
            experiment_id (UUID):
     """

    experiment_id: UUID





    def to_dict(self) -> dict[str, Any]:
        experiment_id = str(self.experiment_id)


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "experiment_id": experiment_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        experiment_id = UUID(d.pop("experiment_id"))




        baseline_in = cls(
            experiment_id=experiment_id,
        )

        return baseline_in

