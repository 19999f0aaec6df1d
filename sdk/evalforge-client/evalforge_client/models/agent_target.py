from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.agent_target_headers import AgentTargetHeaders





T = TypeVar("T", bound="AgentTarget")



@_attrs_define
class AgentTarget:
    """ An HTTP endpoint that receives {input, context, agent_args, messages}.

        Attributes:
            url (str):
            headers (AgentTargetHeaders | Unset):
            timeout_s (float | None | Unset):
     """

    url: str
    headers: AgentTargetHeaders | Unset = UNSET
    timeout_s: float | None | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.agent_target_headers import AgentTargetHeaders # noqa: PLC0415
        url = self.url

        headers: dict[str, Any] | Unset = UNSET
        if not isinstance(self.headers, Unset):
            headers = self.headers.to_dict()

        timeout_s: float | None | Unset
        if isinstance(self.timeout_s, Unset):
            timeout_s = UNSET
        else:
            timeout_s = self.timeout_s


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "url": url,
        })
        if headers is not UNSET:
            field_dict["headers"] = headers
        if timeout_s is not UNSET:
            field_dict["timeout_s"] = timeout_s

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.agent_target_headers import AgentTargetHeaders # noqa: PLC0415
        d = dict(src_dict)
        url = d.pop("url")

        _headers = d.pop("headers", UNSET)
        headers: AgentTargetHeaders | Unset
        if isinstance(_headers,  Unset):
            headers = UNSET
        else:
            headers = AgentTargetHeaders.from_dict(_headers)




        def _parse_timeout_s(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        timeout_s = _parse_timeout_s(d.pop("timeout_s", UNSET))


        agent_target = cls(
            url=url,
            headers=headers,
            timeout_s=timeout_s,
        )

        return agent_target

