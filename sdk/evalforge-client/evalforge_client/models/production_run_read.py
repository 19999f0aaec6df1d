from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="ProductionRunRead")



@_attrs_define
class ProductionRunRead:
    """ 
        Attributes:
            agent_name (str):
            cost (float | None):
            created_at (datetime.datetime):
            ended_at (datetime.datetime | None):
            error (str):
            id (int): The run's number in the organization: 1, 2, 3 ...
            inputs (Any):
            latency_ms (int | None):
            metadata (Any):
            result (Any):
            started_at (datetime.datetime | None):
            status (str):
            tokens_in (int | None):
            tokens_out (int | None):
            workflow (str):
     """

    agent_name: str
    cost: float | None
    created_at: datetime.datetime
    ended_at: datetime.datetime | None
    error: str
    id: int
    inputs: Any
    latency_ms: int | None
    metadata: Any
    result: Any
    started_at: datetime.datetime | None
    status: str
    tokens_in: int | None
    tokens_out: int | None
    workflow: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        agent_name = self.agent_name

        cost: float | None
        cost = self.cost

        created_at = self.created_at.isoformat()

        ended_at: None | str
        if isinstance(self.ended_at, datetime.datetime):
            ended_at = self.ended_at.isoformat()
        else:
            ended_at = self.ended_at

        error = self.error

        id = self.id

        inputs = self.inputs

        latency_ms: int | None
        latency_ms = self.latency_ms

        metadata = self.metadata

        result = self.result

        started_at: None | str
        if isinstance(self.started_at, datetime.datetime):
            started_at = self.started_at.isoformat()
        else:
            started_at = self.started_at

        status = self.status

        tokens_in: int | None
        tokens_in = self.tokens_in

        tokens_out: int | None
        tokens_out = self.tokens_out

        workflow = self.workflow


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "agent_name": agent_name,
            "cost": cost,
            "created_at": created_at,
            "ended_at": ended_at,
            "error": error,
            "id": id,
            "inputs": inputs,
            "latency_ms": latency_ms,
            "metadata": metadata,
            "result": result,
            "started_at": started_at,
            "status": status,
            "tokens_in": tokens_in,
            "tokens_out": tokens_out,
            "workflow": workflow,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        agent_name = d.pop("agent_name")

        def _parse_cost(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        cost = _parse_cost(d.pop("cost"))


        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        def _parse_ended_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                ended_at_type_0 = datetime.datetime.fromisoformat(data)



                return ended_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        ended_at = _parse_ended_at(d.pop("ended_at"))


        error = d.pop("error")

        id = d.pop("id")

        inputs = d.pop("inputs")

        def _parse_latency_ms(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        latency_ms = _parse_latency_ms(d.pop("latency_ms"))


        metadata = d.pop("metadata")

        result = d.pop("result")

        def _parse_started_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                started_at_type_0 = datetime.datetime.fromisoformat(data)



                return started_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        started_at = _parse_started_at(d.pop("started_at"))


        status = d.pop("status")

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


        workflow = d.pop("workflow")

        production_run_read = cls(
            agent_name=agent_name,
            cost=cost,
            created_at=created_at,
            ended_at=ended_at,
            error=error,
            id=id,
            inputs=inputs,
            latency_ms=latency_ms,
            metadata=metadata,
            result=result,
            started_at=started_at,
            status=status,
            tokens_in=tokens_in,
            tokens_out=tokens_out,
            workflow=workflow,
        )


        production_run_read.additional_properties = d
        return production_run_read

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
