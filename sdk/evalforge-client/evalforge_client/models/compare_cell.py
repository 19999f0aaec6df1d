from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.compare_cell_status import CompareCellStatus
from ..types import UNSET, Unset
from typing import cast
from uuid import UUID

if TYPE_CHECKING:
  from ..models.score_read import ScoreRead
  from ..models.tool_call_read import ToolCallRead





T = TypeVar("T", bound="CompareCell")



@_attrs_define
class CompareCell:
    """ 
        Attributes:
            cost (float | None):
            latency_ms (int | None):
            output (Any):
            run_id (UUID):
            scores (list[ScoreRead]):
            status (CompareCellStatus):
            tool_calls (list[ToolCallRead] | None | Unset): Tool calls of the run in order, each {name, arguments, result}
                (model targets with tools, agents that report them); null when the target had no tools
     """

    cost: float | None
    latency_ms: int | None
    output: Any
    run_id: UUID
    scores: list[ScoreRead]
    status: CompareCellStatus
    tool_calls: list[ToolCallRead] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.score_read import ScoreRead # noqa: PLC0415
        from ..models.tool_call_read import ToolCallRead # noqa: PLC0415
        cost: float | None
        cost = self.cost

        latency_ms: int | None
        latency_ms = self.latency_ms

        output = self.output

        run_id = str(self.run_id)

        scores = []
        for scores_item_data in self.scores:
            scores_item = scores_item_data.to_dict()
            scores.append(scores_item)



        status = self.status.value

        tool_calls: list[dict[str, Any]] | None | Unset
        if isinstance(self.tool_calls, Unset):
            tool_calls = UNSET
        elif isinstance(self.tool_calls, list):
            tool_calls = []
            for tool_calls_type_0_item_data in self.tool_calls:
                tool_calls_type_0_item = tool_calls_type_0_item_data.to_dict()
                tool_calls.append(tool_calls_type_0_item)


        else:
            tool_calls = self.tool_calls


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "cost": cost,
            "latency_ms": latency_ms,
            "output": output,
            "run_id": run_id,
            "scores": scores,
            "status": status,
        })
        if tool_calls is not UNSET:
            field_dict["tool_calls"] = tool_calls

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.score_read import ScoreRead # noqa: PLC0415
        from ..models.tool_call_read import ToolCallRead # noqa: PLC0415
        d = dict(src_dict)
        def _parse_cost(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        cost = _parse_cost(d.pop("cost"))


        def _parse_latency_ms(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        latency_ms = _parse_latency_ms(d.pop("latency_ms"))


        output = d.pop("output")

        run_id = UUID(d.pop("run_id"))




        scores = []
        _scores = d.pop("scores")
        for scores_item_data in (_scores):
            scores_item = ScoreRead.from_dict(scores_item_data)



            scores.append(scores_item)


        status = CompareCellStatus(d.pop("status"))




        def _parse_tool_calls(data: object) -> list[ToolCallRead] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                tool_calls_type_0 = []
                _tool_calls_type_0 = data
                for tool_calls_type_0_item_data in (_tool_calls_type_0):
                    tool_calls_type_0_item = ToolCallRead.from_dict(tool_calls_type_0_item_data)



                    tool_calls_type_0.append(tool_calls_type_0_item)

                return tool_calls_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ToolCallRead] | None | Unset, data)

        tool_calls = _parse_tool_calls(d.pop("tool_calls", UNSET))


        compare_cell = cls(
            cost=cost,
            latency_ms=latency_ms,
            output=output,
            run_id=run_id,
            scores=scores,
            status=status,
            tool_calls=tool_calls,
        )


        compare_cell.additional_properties = d
        return compare_cell

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
