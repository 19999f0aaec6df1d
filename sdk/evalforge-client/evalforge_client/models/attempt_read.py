from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.attempt_read_status import AttemptReadStatus
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="AttemptRead")



@_attrs_define
class AttemptRead:
    """ One earlier attempt of a run, kept when retry-failed ran it again.

        Attributes:
            at (None | str): When the attempt finished (ISO 8601, UTC)
            attempts (int): Provider attempts (retries of 429/5xx) it made
            error (str):
            latency_ms (int | None):
            status (AttemptReadStatus):
            cost (float | None | Unset):
            error_class (str | Unset): app/llm's class of the error (authentication, missing_credentials, rate_limit...)
                Default: ''.
     """

    at: None | str
    attempts: int
    error: str
    latency_ms: int | None
    status: AttemptReadStatus
    cost: float | None | Unset = UNSET
    error_class: str | Unset = ''
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        at: None | str
        at = self.at

        attempts = self.attempts

        error = self.error

        latency_ms: int | None
        latency_ms = self.latency_ms

        status = self.status.value

        cost: float | None | Unset
        if isinstance(self.cost, Unset):
            cost = UNSET
        else:
            cost = self.cost

        error_class = self.error_class


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "at": at,
            "attempts": attempts,
            "error": error,
            "latency_ms": latency_ms,
            "status": status,
        })
        if cost is not UNSET:
            field_dict["cost"] = cost
        if error_class is not UNSET:
            field_dict["error_class"] = error_class

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_at(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        at = _parse_at(d.pop("at"))


        attempts = d.pop("attempts")

        error = d.pop("error")

        def _parse_latency_ms(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        latency_ms = _parse_latency_ms(d.pop("latency_ms"))


        status = AttemptReadStatus(d.pop("status"))




        def _parse_cost(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        cost = _parse_cost(d.pop("cost", UNSET))


        error_class = d.pop("error_class", UNSET)

        attempt_read = cls(
            at=at,
            attempts=attempts,
            error=error,
            latency_ms=latency_ms,
            status=status,
            cost=cost,
            error_class=error_class,
        )


        attempt_read.additional_properties = d
        return attempt_read

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
