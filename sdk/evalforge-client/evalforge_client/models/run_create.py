from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.run_create_metadata_type_0 import RunCreateMetadataType0





T = TypeVar("T", bound="RunCreate")



@_attrs_define
class RunCreate:
    """ 
        Attributes:
            agent_name (str | Unset):  Default: ''.
            cost (float | None | Unset):
            ended_at (datetime.datetime | None | Unset):
            error (str | Unset):  Default: ''.
            inputs (Any | Unset):
            latency_ms (int | None | Unset):
            metadata (None | RunCreateMetadataType0 | Unset):
            result (Any | Unset):
            started_at (datetime.datetime | None | Unset):
            status (str | Unset):  Default: 'completed'.
            tokens_in (int | None | Unset):
            tokens_out (int | None | Unset):
            workflow (str | Unset):  Default: ''.
     """

    agent_name: str | Unset = ''
    cost: float | None | Unset = UNSET
    ended_at: datetime.datetime | None | Unset = UNSET
    error: str | Unset = ''
    inputs: Any | Unset = UNSET
    latency_ms: int | None | Unset = UNSET
    metadata: None | RunCreateMetadataType0 | Unset = UNSET
    result: Any | Unset = UNSET
    started_at: datetime.datetime | None | Unset = UNSET
    status: str | Unset = 'completed'
    tokens_in: int | None | Unset = UNSET
    tokens_out: int | None | Unset = UNSET
    workflow: str | Unset = ''
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.run_create_metadata_type_0 import RunCreateMetadataType0 # noqa: PLC0415
        agent_name = self.agent_name

        cost: float | None | Unset
        if isinstance(self.cost, Unset):
            cost = UNSET
        else:
            cost = self.cost

        ended_at: None | str | Unset
        if isinstance(self.ended_at, Unset):
            ended_at = UNSET
        elif isinstance(self.ended_at, datetime.datetime):
            ended_at = self.ended_at.isoformat()
        else:
            ended_at = self.ended_at

        error = self.error

        inputs = self.inputs

        latency_ms: int | None | Unset
        if isinstance(self.latency_ms, Unset):
            latency_ms = UNSET
        else:
            latency_ms = self.latency_ms

        metadata: dict[str, Any] | None | Unset
        if isinstance(self.metadata, Unset):
            metadata = UNSET
        elif isinstance(self.metadata, RunCreateMetadataType0):
            metadata = self.metadata.to_dict()
        else:
            metadata = self.metadata

        result = self.result

        started_at: None | str | Unset
        if isinstance(self.started_at, Unset):
            started_at = UNSET
        elif isinstance(self.started_at, datetime.datetime):
            started_at = self.started_at.isoformat()
        else:
            started_at = self.started_at

        status = self.status

        tokens_in: int | None | Unset
        if isinstance(self.tokens_in, Unset):
            tokens_in = UNSET
        else:
            tokens_in = self.tokens_in

        tokens_out: int | None | Unset
        if isinstance(self.tokens_out, Unset):
            tokens_out = UNSET
        else:
            tokens_out = self.tokens_out

        workflow = self.workflow


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if agent_name is not UNSET:
            field_dict["agent_name"] = agent_name
        if cost is not UNSET:
            field_dict["cost"] = cost
        if ended_at is not UNSET:
            field_dict["ended_at"] = ended_at
        if error is not UNSET:
            field_dict["error"] = error
        if inputs is not UNSET:
            field_dict["inputs"] = inputs
        if latency_ms is not UNSET:
            field_dict["latency_ms"] = latency_ms
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if result is not UNSET:
            field_dict["result"] = result
        if started_at is not UNSET:
            field_dict["started_at"] = started_at
        if status is not UNSET:
            field_dict["status"] = status
        if tokens_in is not UNSET:
            field_dict["tokens_in"] = tokens_in
        if tokens_out is not UNSET:
            field_dict["tokens_out"] = tokens_out
        if workflow is not UNSET:
            field_dict["workflow"] = workflow

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.run_create_metadata_type_0 import RunCreateMetadataType0 # noqa: PLC0415
        d = dict(src_dict)
        agent_name = d.pop("agent_name", UNSET)

        def _parse_cost(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        cost = _parse_cost(d.pop("cost", UNSET))


        def _parse_ended_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                ended_at_type_0 = datetime.datetime.fromisoformat(data)



                return ended_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        ended_at = _parse_ended_at(d.pop("ended_at", UNSET))


        error = d.pop("error", UNSET)

        inputs = d.pop("inputs", UNSET)

        def _parse_latency_ms(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        latency_ms = _parse_latency_ms(d.pop("latency_ms", UNSET))


        def _parse_metadata(data: object) -> None | RunCreateMetadataType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                metadata_type_0 = RunCreateMetadataType0.from_dict(data)



                return metadata_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RunCreateMetadataType0 | Unset, data)

        metadata = _parse_metadata(d.pop("metadata", UNSET))


        result = d.pop("result", UNSET)

        def _parse_started_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                started_at_type_0 = datetime.datetime.fromisoformat(data)



                return started_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        started_at = _parse_started_at(d.pop("started_at", UNSET))


        status = d.pop("status", UNSET)

        def _parse_tokens_in(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        tokens_in = _parse_tokens_in(d.pop("tokens_in", UNSET))


        def _parse_tokens_out(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        tokens_out = _parse_tokens_out(d.pop("tokens_out", UNSET))


        workflow = d.pop("workflow", UNSET)

        run_create = cls(
            agent_name=agent_name,
            cost=cost,
            ended_at=ended_at,
            error=error,
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


        run_create.additional_properties = d
        return run_create

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
