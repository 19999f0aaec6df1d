"""Prompt payloads: versions, labels and the one-row-per-name listing."""

import uuid
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    model_serializer,
)

from app.llm.params import ModelParams

NAME_PATTERN = r"^[A-Za-z0-9_.\-]{1,200}$"
LABEL_PATTERN = r"^[A-Za-z0-9_.\-]{1,100}$"
LATEST = "latest"


def _not_dots(name: str) -> str:
    # "." and ".." are rewritten by URL normalisation, so they cannot be path segments.
    if set(name) == {"."}:
        raise ValueError("a name cannot consist of dots only")
    return name


def _not_latest(label: str) -> str:
    if label == LATEST:
        raise ValueError("'latest' is implicit (the newest version) and cannot be set")
    return label


def _utc(value: datetime) -> datetime:
    # SQLite hands back naive datetimes; they were stored as UTC.
    return value if value.tzinfo else value.replace(tzinfo=UTC)


PromptName = Annotated[str, Field(pattern=NAME_PATTERN), AfterValidator(_not_dots)]
LabelName = Annotated[str, Field(pattern=LABEL_PATTERN), AfterValidator(_not_latest)]
UtcDatetime = Annotated[datetime, AfterValidator(_utc)]


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: Literal["system", "user", "assistant"]
    content: str = Field(max_length=200_000)


class PromptConfig(ModelParams):
    """The model and its parameters kept with the version. Every key goes to the model, so
    only model parameters are accepted (the allow-list of app/llm/params.py): a `base_url`,
    `api_key` or header is a 422 naming it, since endpoints and keys are server configuration.
    """

    model: str | None = Field(default=None, min_length=1, max_length=200)
    params: ModelParams | None = None


class PromptCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: PromptName
    template: str | None = Field(default=None, min_length=1, max_length=200_000)
    messages: list[ChatMessage] | None = Field(default=None, min_length=1, max_length=200)
    config: PromptConfig = Field(default_factory=PromptConfig)
    labels: list[LabelName] = Field(default_factory=list, max_length=50)
    commit_message: str = Field(default="", max_length=2000)


class LabelSet(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1, le=2**31 - 1)  # the version column is 32-bit


class LabelRead(BaseModel):
    name: str = Field(description="Prompt name")
    label: str
    version: int
    previous_version: int | None = Field(description="Where the label pointed before; null if new")


class PromptVersionRead(BaseModel):
    """One version; carries `template` or `messages`, whichever the version has."""

    id: uuid.UUID
    prompt_id: uuid.UUID
    name: str
    version: int
    template: str | None = None
    messages: list[dict[str, Any]] | None = None
    config: dict[str, Any]
    labels: list[str]
    commit_message: str
    created_at: UtcDatetime

    @model_serializer(mode="wrap")
    def _one_body(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        data = handler(self)
        data.pop("messages" if self.template is not None else "template", None)
        return data


class PromptRead(BaseModel):
    """One row per prompt name."""

    id: uuid.UUID
    name: str
    latest_version: int
    labels: list[str] = Field(description="Labels on the latest version")
    label_versions: dict[str, int] = Field(description="Every label and the version it points to")
    created_at: UtcDatetime
    updated_at: UtcDatetime
