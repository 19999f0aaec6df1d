from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.item_create_agent_args_type_0 import ItemCreateAgentArgsType0
  from ..models.item_create_metadata_type_0 import ItemCreateMetadataType0
  from ..models.item_create_rubric_vars_type_0 import ItemCreateRubricVarsType0





T = TypeVar("T", bound="ItemCreate")



@_attrs_define
class ItemCreate:
    """ 
        Attributes:
            input_ (Any): Any JSON value except null: object, string, list (a conversation), number
            agent_args (ItemCreateAgentArgsType0 | None | Unset):
            context (Any | Unset):
            expected_output (Any | Unset):
            external_id (int | None | str | Unset):
            metadata (ItemCreateMetadataType0 | None | Unset):
            rubric_vars (ItemCreateRubricVarsType0 | None | Unset):
            sort_order (int | None | Unset):
            tags (list[str] | Unset):
     """

    input_: Any
    agent_args: ItemCreateAgentArgsType0 | None | Unset = UNSET
    context: Any | Unset = UNSET
    expected_output: Any | Unset = UNSET
    external_id: int | None | str | Unset = UNSET
    metadata: ItemCreateMetadataType0 | None | Unset = UNSET
    rubric_vars: ItemCreateRubricVarsType0 | None | Unset = UNSET
    sort_order: int | None | Unset = UNSET
    tags: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.item_create_agent_args_type_0 import ItemCreateAgentArgsType0 # noqa: PLC0415
        from ..models.item_create_metadata_type_0 import ItemCreateMetadataType0 # noqa: PLC0415
        from ..models.item_create_rubric_vars_type_0 import ItemCreateRubricVarsType0 # noqa: PLC0415
        input_ = self.input_

        agent_args: dict[str, Any] | None | Unset
        if isinstance(self.agent_args, Unset):
            agent_args = UNSET
        elif isinstance(self.agent_args, ItemCreateAgentArgsType0):
            agent_args = self.agent_args.to_dict()
        else:
            agent_args = self.agent_args

        context = self.context

        expected_output = self.expected_output

        external_id: int | None | str | Unset
        if isinstance(self.external_id, Unset):
            external_id = UNSET
        else:
            external_id = self.external_id

        metadata: dict[str, Any] | None | Unset
        if isinstance(self.metadata, Unset):
            metadata = UNSET
        elif isinstance(self.metadata, ItemCreateMetadataType0):
            metadata = self.metadata.to_dict()
        else:
            metadata = self.metadata

        rubric_vars: dict[str, Any] | None | Unset
        if isinstance(self.rubric_vars, Unset):
            rubric_vars = UNSET
        elif isinstance(self.rubric_vars, ItemCreateRubricVarsType0):
            rubric_vars = self.rubric_vars.to_dict()
        else:
            rubric_vars = self.rubric_vars

        sort_order: int | None | Unset
        if isinstance(self.sort_order, Unset):
            sort_order = UNSET
        else:
            sort_order = self.sort_order

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "input": input_,
        })
        if agent_args is not UNSET:
            field_dict["agent_args"] = agent_args
        if context is not UNSET:
            field_dict["context"] = context
        if expected_output is not UNSET:
            field_dict["expected_output"] = expected_output
        if external_id is not UNSET:
            field_dict["external_id"] = external_id
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if rubric_vars is not UNSET:
            field_dict["rubric_vars"] = rubric_vars
        if sort_order is not UNSET:
            field_dict["sort_order"] = sort_order
        if tags is not UNSET:
            field_dict["tags"] = tags

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.item_create_agent_args_type_0 import ItemCreateAgentArgsType0 # noqa: PLC0415
        from ..models.item_create_metadata_type_0 import ItemCreateMetadataType0 # noqa: PLC0415
        from ..models.item_create_rubric_vars_type_0 import ItemCreateRubricVarsType0 # noqa: PLC0415
        d = dict(src_dict)
        input_ = d.pop("input")

        def _parse_agent_args(data: object) -> ItemCreateAgentArgsType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                agent_args_type_0 = ItemCreateAgentArgsType0.from_dict(data)



                return agent_args_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ItemCreateAgentArgsType0 | None | Unset, data)

        agent_args = _parse_agent_args(d.pop("agent_args", UNSET))


        context = d.pop("context", UNSET)

        expected_output = d.pop("expected_output", UNSET)

        def _parse_external_id(data: object) -> int | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | str | Unset, data)

        external_id = _parse_external_id(d.pop("external_id", UNSET))


        def _parse_metadata(data: object) -> ItemCreateMetadataType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                metadata_type_0 = ItemCreateMetadataType0.from_dict(data)



                return metadata_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ItemCreateMetadataType0 | None | Unset, data)

        metadata = _parse_metadata(d.pop("metadata", UNSET))


        def _parse_rubric_vars(data: object) -> ItemCreateRubricVarsType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                rubric_vars_type_0 = ItemCreateRubricVarsType0.from_dict(data)



                return rubric_vars_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ItemCreateRubricVarsType0 | None | Unset, data)

        rubric_vars = _parse_rubric_vars(d.pop("rubric_vars", UNSET))


        def _parse_sort_order(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        sort_order = _parse_sort_order(d.pop("sort_order", UNSET))


        tags = cast(list[str], d.pop("tags", UNSET))


        item_create = cls(
            input_=input_,
            agent_args=agent_args,
            context=context,
            expected_output=expected_output,
            external_id=external_id,
            metadata=metadata,
            rubric_vars=rubric_vars,
            sort_order=sort_order,
            tags=tags,
        )


        item_create.additional_properties = d
        return item_create

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
