from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
from uuid import UUID
import datetime

if TYPE_CHECKING:
  from ..models.item_read_agent_args_type_0 import ItemReadAgentArgsType0
  from ..models.item_read_rubric_vars_type_0 import ItemReadRubricVarsType0





T = TypeVar("T", bound="ItemRead")



@_attrs_define
class ItemRead:
    """ 
        Attributes:
            agent_args (ItemReadAgentArgsType0 | None):
            archived_at (datetime.datetime | None): When it was removed: an archived item leaves future runs and stays
                readable for older versions and in old results
            context (Any):
            created_at (datetime.datetime):
            dataset_id (UUID):
            expected_output (Any):
            external_id (None | str):
            id (UUID):
            input_ (Any):
            metadata (Any):
            rubric_vars (ItemReadRubricVarsType0 | None):
            sort_order (int):
            source_run_id (int | None):
            tags (list[str]):
            updated_at (datetime.datetime):
            version_added (int): The dataset version that added the item
            version_removed (int | None): The version that removed (archived) it; null while it is current
     """

    agent_args: ItemReadAgentArgsType0 | None
    archived_at: datetime.datetime | None
    context: Any
    created_at: datetime.datetime
    dataset_id: UUID
    expected_output: Any
    external_id: None | str
    id: UUID
    input_: Any
    metadata: Any
    rubric_vars: ItemReadRubricVarsType0 | None
    sort_order: int
    source_run_id: int | None
    tags: list[str]
    updated_at: datetime.datetime
    version_added: int
    version_removed: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.item_read_agent_args_type_0 import ItemReadAgentArgsType0 # noqa: PLC0415
        from ..models.item_read_rubric_vars_type_0 import ItemReadRubricVarsType0 # noqa: PLC0415
        agent_args: dict[str, Any] | None
        if isinstance(self.agent_args, ItemReadAgentArgsType0):
            agent_args = self.agent_args.to_dict()
        else:
            agent_args = self.agent_args

        archived_at: None | str
        if isinstance(self.archived_at, datetime.datetime):
            archived_at = self.archived_at.isoformat()
        else:
            archived_at = self.archived_at

        context = self.context

        created_at = self.created_at.isoformat()

        dataset_id = str(self.dataset_id)

        expected_output = self.expected_output

        external_id: None | str
        external_id = self.external_id

        id = str(self.id)

        input_ = self.input_

        metadata = self.metadata

        rubric_vars: dict[str, Any] | None
        if isinstance(self.rubric_vars, ItemReadRubricVarsType0):
            rubric_vars = self.rubric_vars.to_dict()
        else:
            rubric_vars = self.rubric_vars

        sort_order = self.sort_order

        source_run_id: int | None
        source_run_id = self.source_run_id

        tags = self.tags



        updated_at = self.updated_at.isoformat()

        version_added = self.version_added

        version_removed: int | None
        version_removed = self.version_removed


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "agent_args": agent_args,
            "archived_at": archived_at,
            "context": context,
            "created_at": created_at,
            "dataset_id": dataset_id,
            "expected_output": expected_output,
            "external_id": external_id,
            "id": id,
            "input": input_,
            "metadata": metadata,
            "rubric_vars": rubric_vars,
            "sort_order": sort_order,
            "source_run_id": source_run_id,
            "tags": tags,
            "updated_at": updated_at,
            "version_added": version_added,
            "version_removed": version_removed,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.item_read_agent_args_type_0 import ItemReadAgentArgsType0 # noqa: PLC0415
        from ..models.item_read_rubric_vars_type_0 import ItemReadRubricVarsType0 # noqa: PLC0415
        d = dict(src_dict)
        def _parse_agent_args(data: object) -> ItemReadAgentArgsType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                agent_args_type_0 = ItemReadAgentArgsType0.from_dict(data)



                return agent_args_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ItemReadAgentArgsType0 | None, data)

        agent_args = _parse_agent_args(d.pop("agent_args"))


        def _parse_archived_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                archived_at_type_0 = datetime.datetime.fromisoformat(data)



                return archived_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        archived_at = _parse_archived_at(d.pop("archived_at"))


        context = d.pop("context")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        dataset_id = UUID(d.pop("dataset_id"))




        expected_output = d.pop("expected_output")

        def _parse_external_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        external_id = _parse_external_id(d.pop("external_id"))


        id = UUID(d.pop("id"))




        input_ = d.pop("input")

        metadata = d.pop("metadata")

        def _parse_rubric_vars(data: object) -> ItemReadRubricVarsType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                rubric_vars_type_0 = ItemReadRubricVarsType0.from_dict(data)



                return rubric_vars_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ItemReadRubricVarsType0 | None, data)

        rubric_vars = _parse_rubric_vars(d.pop("rubric_vars"))


        sort_order = d.pop("sort_order")

        def _parse_source_run_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        source_run_id = _parse_source_run_id(d.pop("source_run_id"))


        tags = cast(list[str], d.pop("tags"))


        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))




        version_added = d.pop("version_added")

        def _parse_version_removed(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        version_removed = _parse_version_removed(d.pop("version_removed"))


        item_read = cls(
            agent_args=agent_args,
            archived_at=archived_at,
            context=context,
            created_at=created_at,
            dataset_id=dataset_id,
            expected_output=expected_output,
            external_id=external_id,
            id=id,
            input_=input_,
            metadata=metadata,
            rubric_vars=rubric_vars,
            sort_order=sort_order,
            source_run_id=source_run_id,
            tags=tags,
            updated_at=updated_at,
            version_added=version_added,
            version_removed=version_removed,
        )


        item_read.additional_properties = d
        return item_read

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
