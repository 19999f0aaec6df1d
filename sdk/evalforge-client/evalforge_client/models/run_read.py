from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.run_read_status import RunReadStatus
from ..types import UNSET, Unset
from typing import cast
from uuid import UUID

if TYPE_CHECKING:
  from ..models.attempt_read import AttemptRead
  from ..models.tool_call_read import ToolCallRead





T = TypeVar("T", bound="RunRead")



@_attrs_define
class RunRead:
    """ 
        Attributes:
            attempts (int):
            cost (float | None):
            dataset_item_id (UUID):
            error (str):
            finished_at (None | str):
            id (UUID):
            latency_ms (int | None):
            output (Any):
            sort_order (int):
            started_at (None | str):
            status (RunReadStatus):
            tokens_in (int | None):
            tokens_out (int | None):
            attempt_history (list[AttemptRead] | None | Unset): Earlier attempts, oldest first, kept by retry-failed; null
                if never retried
            error_class (str | Unset): app/llm's class of the error (authentication, missing_credentials, rate_limit...)
                Default: ''.
            error_detail (str | Unset): The provider's own message, when `error` says it shorter Default: ''.
            repetition (int | Unset): 0-based repetition of the item (config.repetitions runs each item N times) Default: 0.
            tool_calls (list[ToolCallRead] | None | Unset): Tool calls of the run in order, each {name, arguments, result}
                (model targets with tools, agents that report them); null when the target had no tools
     """

    attempts: int
    cost: float | None
    dataset_item_id: UUID
    error: str
    finished_at: None | str
    id: UUID
    latency_ms: int | None
    output: Any
    sort_order: int
    started_at: None | str
    status: RunReadStatus
    tokens_in: int | None
    tokens_out: int | None
    attempt_history: list[AttemptRead] | None | Unset = UNSET
    error_class: str | Unset = ''
    error_detail: str | Unset = ''
    repetition: int | Unset = 0
    tool_calls: list[ToolCallRead] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.attempt_read import AttemptRead # noqa: PLC0415
        from ..models.tool_call_read import ToolCallRead # noqa: PLC0415
        attempts = self.attempts

        cost: float | None
        cost = self.cost

        dataset_item_id = str(self.dataset_item_id)

        error = self.error

        finished_at: None | str
        finished_at = self.finished_at

        id = str(self.id)

        latency_ms: int | None
        latency_ms = self.latency_ms

        output = self.output

        sort_order = self.sort_order

        started_at: None | str
        started_at = self.started_at

        status = self.status.value

        tokens_in: int | None
        tokens_in = self.tokens_in

        tokens_out: int | None
        tokens_out = self.tokens_out

        attempt_history: list[dict[str, Any]] | None | Unset
        if isinstance(self.attempt_history, Unset):
            attempt_history = UNSET
        elif isinstance(self.attempt_history, list):
            attempt_history = []
            for attempt_history_type_0_item_data in self.attempt_history:
                attempt_history_type_0_item = attempt_history_type_0_item_data.to_dict()
                attempt_history.append(attempt_history_type_0_item)


        else:
            attempt_history = self.attempt_history

        error_class = self.error_class

        error_detail = self.error_detail

        repetition = self.repetition

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
            "attempts": attempts,
            "cost": cost,
            "dataset_item_id": dataset_item_id,
            "error": error,
            "finished_at": finished_at,
            "id": id,
            "latency_ms": latency_ms,
            "output": output,
            "sort_order": sort_order,
            "started_at": started_at,
            "status": status,
            "tokens_in": tokens_in,
            "tokens_out": tokens_out,
        })
        if attempt_history is not UNSET:
            field_dict["attempt_history"] = attempt_history
        if error_class is not UNSET:
            field_dict["error_class"] = error_class
        if error_detail is not UNSET:
            field_dict["error_detail"] = error_detail
        if repetition is not UNSET:
            field_dict["repetition"] = repetition
        if tool_calls is not UNSET:
            field_dict["tool_calls"] = tool_calls

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.attempt_read import AttemptRead # noqa: PLC0415
        from ..models.tool_call_read import ToolCallRead # noqa: PLC0415
        d = dict(src_dict)
        attempts = d.pop("attempts")

        def _parse_cost(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        cost = _parse_cost(d.pop("cost"))


        dataset_item_id = UUID(d.pop("dataset_item_id"))




        error = d.pop("error")

        def _parse_finished_at(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        finished_at = _parse_finished_at(d.pop("finished_at"))


        id = UUID(d.pop("id"))




        def _parse_latency_ms(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        latency_ms = _parse_latency_ms(d.pop("latency_ms"))


        output = d.pop("output")

        sort_order = d.pop("sort_order")

        def _parse_started_at(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        started_at = _parse_started_at(d.pop("started_at"))


        status = RunReadStatus(d.pop("status"))




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


        def _parse_attempt_history(data: object) -> list[AttemptRead] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                attempt_history_type_0 = []
                _attempt_history_type_0 = data
                for attempt_history_type_0_item_data in (_attempt_history_type_0):
                    attempt_history_type_0_item = AttemptRead.from_dict(attempt_history_type_0_item_data)



                    attempt_history_type_0.append(attempt_history_type_0_item)

                return attempt_history_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[AttemptRead] | None | Unset, data)

        attempt_history = _parse_attempt_history(d.pop("attempt_history", UNSET))


        error_class = d.pop("error_class", UNSET)

        error_detail = d.pop("error_detail", UNSET)

        repetition = d.pop("repetition", UNSET)

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


        run_read = cls(
            attempts=attempts,
            cost=cost,
            dataset_item_id=dataset_item_id,
            error=error,
            finished_at=finished_at,
            id=id,
            latency_ms=latency_ms,
            output=output,
            sort_order=sort_order,
            started_at=started_at,
            status=status,
            tokens_in=tokens_in,
            tokens_out=tokens_out,
            attempt_history=attempt_history,
            error_class=error_class,
            error_detail=error_detail,
            repetition=repetition,
            tool_calls=tool_calls,
        )


        run_read.additional_properties = d
        return run_read

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
