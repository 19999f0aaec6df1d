from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.result_row_status import ResultRowStatus
from ..types import UNSET, Unset
from typing import cast
from uuid import UUID

if TYPE_CHECKING:
  from ..models.score_read import ScoreRead





T = TypeVar("T", bound="ResultRow")



@_attrs_define
class ResultRow:
    """ 
        Attributes:
            cost (float | None):
            dataset_item_id (UUID):
            error (str):
            id (UUID):
            item_expected_output (Any):
            item_input (Any):
            latency_ms (int | None):
            output (Any):
            scores (list[ScoreRead]):
            status (ResultRowStatus):
            tokens_in (int | None):
            tokens_out (int | None):
            error_class (str | Unset): app/llm's class of the error (authentication, missing_credentials, rate_limit...)
                Default: ''.
            error_detail (str | Unset): The provider's own message, when `error` says it shorter Default: ''.
     """

    cost: float | None
    dataset_item_id: UUID
    error: str
    id: UUID
    item_expected_output: Any
    item_input: Any
    latency_ms: int | None
    output: Any
    scores: list[ScoreRead]
    status: ResultRowStatus
    tokens_in: int | None
    tokens_out: int | None
    error_class: str | Unset = ''
    error_detail: str | Unset = ''
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.score_read import ScoreRead # noqa: PLC0415
        cost: float | None
        cost = self.cost

        dataset_item_id = str(self.dataset_item_id)

        error = self.error

        id = str(self.id)

        item_expected_output = self.item_expected_output

        item_input = self.item_input

        latency_ms: int | None
        latency_ms = self.latency_ms

        output = self.output

        scores = []
        for scores_item_data in self.scores:
            scores_item = scores_item_data.to_dict()
            scores.append(scores_item)



        status = self.status.value

        tokens_in: int | None
        tokens_in = self.tokens_in

        tokens_out: int | None
        tokens_out = self.tokens_out

        error_class = self.error_class

        error_detail = self.error_detail


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "cost": cost,
            "dataset_item_id": dataset_item_id,
            "error": error,
            "id": id,
            "item_expected_output": item_expected_output,
            "item_input": item_input,
            "latency_ms": latency_ms,
            "output": output,
            "scores": scores,
            "status": status,
            "tokens_in": tokens_in,
            "tokens_out": tokens_out,
        })
        if error_class is not UNSET:
            field_dict["error_class"] = error_class
        if error_detail is not UNSET:
            field_dict["error_detail"] = error_detail

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.score_read import ScoreRead # noqa: PLC0415
        d = dict(src_dict)
        def _parse_cost(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        cost = _parse_cost(d.pop("cost"))


        dataset_item_id = UUID(d.pop("dataset_item_id"))




        error = d.pop("error")

        id = UUID(d.pop("id"))




        item_expected_output = d.pop("item_expected_output")

        item_input = d.pop("item_input")

        def _parse_latency_ms(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        latency_ms = _parse_latency_ms(d.pop("latency_ms"))


        output = d.pop("output")

        scores = []
        _scores = d.pop("scores")
        for scores_item_data in (_scores):
            scores_item = ScoreRead.from_dict(scores_item_data)



            scores.append(scores_item)


        status = ResultRowStatus(d.pop("status"))




        def _parse_tokens_in(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        tokens_in = _parse_tokens_in(d.pop("tokens_in"))


        def _parse_tokens_out(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        tokens_out = _parse_tokens_out(d.pop("tokens_out"))


        error_class = d.pop("error_class", UNSET)

        error_detail = d.pop("error_detail", UNSET)

        result_row = cls(
            cost=cost,
            dataset_item_id=dataset_item_id,
            error=error,
            id=id,
            item_expected_output=item_expected_output,
            item_input=item_input,
            latency_ms=latency_ms,
            output=output,
            scores=scores,
            status=status,
            tokens_in=tokens_in,
            tokens_out=tokens_out,
            error_class=error_class,
            error_detail=error_detail,
        )


        result_row.additional_properties = d
        return result_row

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
