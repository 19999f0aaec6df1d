"""Dataset and dataset item payloads."""

import uuid
from datetime import UTC, datetime
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    AliasChoices,
    BaseModel,
    ConfigDict,
    Field,
    StrictInt,
    StrictStr,
    field_validator,
)


def _as_utc(value: datetime) -> datetime:
    # SQLite hands back naive datetimes; every stored time is UTC.
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


UTCDateTime = Annotated[datetime, AfterValidator(_as_utc)]
Tags = Annotated[list[Annotated[str, Field(max_length=100)]], Field(max_length=100)]
ExternalId = Annotated[StrictStr | StrictInt, Field(description="Files' integer ids become strings")]



def _not_null(value: Any) -> Any:
    if value is None:
        raise ValueError("input may not be null")
    return value


def _external_id(value: str | int | None) -> str | None:
    if isinstance(value, bool):  # pydantic reports ValueError as a 422; TypeError would be a 500
        raise ValueError("external_id must be a string or an integer")  # noqa: TRY004
    text = None if value is None else str(value)
    if text is not None and len(text) > 200:
        raise ValueError("external_id is longer than 200 characters")
    return text


class DatasetCreate(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    description: str = Field(default="", max_length=10_000)
    tags: Tags = Field(default_factory=list)
    metadata: dict[str, Any] = Field(default_factory=dict)


class DatasetUpdate(BaseModel):
    """Partial update: only the fields sent change; null is refused for each of them."""

    name: str = Field(default=None, min_length=1, max_length=200)
    description: str = Field(default=None, max_length=10_000)
    tags: Tags = None
    metadata: dict[str, Any] = None

    @field_validator("name", "description", "tags", "metadata", mode="before")
    @classmethod
    def _no_null(cls, value: Any) -> Any:
        if value is None:
            raise ValueError("may not be null")
        return value


class DatasetRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str
    description: str
    tags: list[str]
    metadata: dict[str, Any] = Field(validation_alias=AliasChoices("metadata_", "metadata"))
    item_count: int = Field(description="Items in the current version (archived ones excluded)")
    version: int = Field(
        description="The current version: every change of the items (create, import, from-run, "
        "update, delete) makes one new version; 0 before the first change"
    )
    created_at: UTCDateTime
    updated_at: UTCDateTime


class DatasetVersionRead(BaseModel):
    """One version of a dataset: what the change that made it did to the items."""

    model_config = ConfigDict(from_attributes=True)

    number: int
    created_at: UTCDateTime
    items_added: int
    items_updated: int
    items_removed: int


class ItemFields(BaseModel):
    expected_output: Any = None
    context: Any = None
    metadata: dict[str, Any] | None = None
    tags: Tags = Field(default_factory=list)
    agent_args: dict[str, Any] | None = None
    rubric_vars: dict[str, Any] | None = None
    external_id: Annotated[ExternalId | None, AfterValidator(_external_id)] = None
    sort_order: int | None = Field(default=None, ge=0, le=2**62)


class ItemCreate(ItemFields):
    input: Annotated[Any, AfterValidator(_not_null)] = Field(
        description="Any JSON value except null: object, string, list (a conversation), number"
    )


class ItemUpdate(ItemFields):
    """Partial update: only the fields sent change."""

    input: Annotated[Any, AfterValidator(_not_null)] = None

    @field_validator("tags", mode="before")
    @classmethod
    def _tags_not_null(cls, value: Any) -> Any:
        if value is None:
            raise ValueError("tags may not be null; send [] to clear them")
        return value


class ItemRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    dataset_id: uuid.UUID
    input: Any
    expected_output: Any
    context: Any
    metadata: Any = Field(validation_alias=AliasChoices("metadata_", "metadata"))
    tags: list[str]
    agent_args: dict[str, Any] | None
    rubric_vars: dict[str, Any] | None
    external_id: str | None
    source_run_id: int | None
    sort_order: int
    created_at: UTCDateTime
    updated_at: UTCDateTime
    version_added: int = Field(description="The dataset version that added the item")
    version_removed: int | None = Field(
        description="The version that removed (archived) it; null while it is current"
    )
    archived_at: UTCDateTime | None = Field(
        description="When it was removed: an archived item leaves future runs and stays "
        "readable for older versions and in old results"
    )


class DatasetDetail(DatasetRead):
    recent_items: list[ItemRead] = Field(description="The 10 most recently added items")


class ImportIn(BaseModel):
    items: list[ItemCreate] = Field(max_length=100_000)


class ImportResult(BaseModel):
    dataset_id: uuid.UUID
    imported: int
    total_items: int


class ImportLineError(BaseModel):
    """One bad line of an imported file."""

    line: int
    field: str | None
    message: str


class RequestFieldError(BaseModel):
    """A request-level validation error (FastAPI's shape: a bad query parameter or JSON body)."""

    model_config = ConfigDict(extra="allow")
    loc: list[str | int]
    msg: str
    type: str


class ImportErrors(BaseModel):
    """The 422 of an import: every bad line of the file, or the request's field errors."""

    detail: list[ImportLineError | RequestFieldError]


class FromRunIn(BaseModel):
    run_id: StrictInt | StrictStr = Field(description='A production run id, "42" or 42')

    @field_validator("run_id")
    @classmethod
    def _numeric(cls, value: int | str) -> int:
        if isinstance(value, str):
            if not value.strip().isdigit():
                raise ValueError("run_id must be an integer or a numeric string")
            value = int(value.strip())
        return value


class ComparedVersion(BaseModel):
    """The dataset version an experiment of a comparison ran on, against the baseline's."""

    dataset_id: uuid.UUID
    version: int | None = Field(description="Recorded at start; null for one never started")
    items_added: int = Field(
        description="Items in this experiment's version and not in the baseline's (same "
        "dataset only; 0 for the baseline itself)")
    items_removed: int = Field(description="Items in the baseline's version and not in this one's")
