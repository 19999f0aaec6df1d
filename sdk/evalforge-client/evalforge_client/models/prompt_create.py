from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.chat_message import ChatMessage
  from ..models.prompt_config import PromptConfig





T = TypeVar("T", bound="PromptCreate")



@_attrs_define
class PromptCreate:
    """ 
        Attributes:
            name (str):
            commit_message (str | Unset):  Default: ''.
            config (PromptConfig | Unset): The model and its parameters kept with the version. Every key goes to the model,
                so
                only model parameters are accepted (the allow-list of app/llm/params.py): a `base_url`,
                `api_key` or header is a 422 naming it, since endpoints and keys are server configuration.
            labels (list[str] | Unset):
            messages (list[ChatMessage] | None | Unset):
            template (None | str | Unset):
     """

    name: str
    commit_message: str | Unset = ''
    config: PromptConfig | Unset = UNSET
    labels: list[str] | Unset = UNSET
    messages: list[ChatMessage] | None | Unset = UNSET
    template: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.chat_message import ChatMessage # noqa: PLC0415
        from ..models.prompt_config import PromptConfig # noqa: PLC0415
        name = self.name

        commit_message = self.commit_message

        config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.config, Unset):
            config = self.config.to_dict()

        labels: list[str] | Unset = UNSET
        if not isinstance(self.labels, Unset):
            labels = self.labels



        messages: list[dict[str, Any]] | None | Unset
        if isinstance(self.messages, Unset):
            messages = UNSET
        elif isinstance(self.messages, list):
            messages = []
            for messages_type_0_item_data in self.messages:
                messages_type_0_item = messages_type_0_item_data.to_dict()
                messages.append(messages_type_0_item)


        else:
            messages = self.messages

        template: None | str | Unset
        if isinstance(self.template, Unset):
            template = UNSET
        else:
            template = self.template


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "name": name,
        })
        if commit_message is not UNSET:
            field_dict["commit_message"] = commit_message
        if config is not UNSET:
            field_dict["config"] = config
        if labels is not UNSET:
            field_dict["labels"] = labels
        if messages is not UNSET:
            field_dict["messages"] = messages
        if template is not UNSET:
            field_dict["template"] = template

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.chat_message import ChatMessage # noqa: PLC0415
        from ..models.prompt_config import PromptConfig # noqa: PLC0415
        d = dict(src_dict)
        name = d.pop("name")

        commit_message = d.pop("commit_message", UNSET)

        _config = d.pop("config", UNSET)
        config: PromptConfig | Unset
        if isinstance(_config,  Unset):
            config = UNSET
        else:
            config = PromptConfig.from_dict(_config)




        labels = cast(list[str], d.pop("labels", UNSET))


        def _parse_messages(data: object) -> list[ChatMessage] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                messages_type_0 = []
                _messages_type_0 = data
                for messages_type_0_item_data in (_messages_type_0):
                    messages_type_0_item = ChatMessage.from_dict(messages_type_0_item_data)



                    messages_type_0.append(messages_type_0_item)

                return messages_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ChatMessage] | None | Unset, data)

        messages = _parse_messages(d.pop("messages", UNSET))


        def _parse_template(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        template = _parse_template(d.pop("template", UNSET))


        prompt_create = cls(
            name=name,
            commit_message=commit_message,
            config=config,
            labels=labels,
            messages=messages,
            template=template,
        )

        return prompt_create

