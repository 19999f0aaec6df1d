"""Evaluator payloads."""

import uuid
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, computed_field, field_serializer

from app.evaluators.versions import content_hash


def _utc_z(value: datetime) -> str:
    # SQLite hands back naive datetimes; every stored time is UTC.
    value = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    return value.isoformat().replace("+00:00", "Z")


class EvaluatorCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200)
    kind: str = Field(
        min_length=1,
        description="A grader kind (deterministic, llm_judge, or a tool grader: tool_called, "
        "tool_sequence, tool_args_match); unknown ones are 422")
    config: dict[str, Any] = Field(default_factory=dict, description="Kind-specific settings")
    score_name: str | None = Field(
        default=None, min_length=1, max_length=200, description="Defaults to the name"
    )
    description: str = Field(default="", max_length=10_000)


class EvaluatorUpdate(BaseModel):
    """Fields left out keep their value; a new kind or config is validated again."""

    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(default=None, min_length=1, max_length=200)
    kind: str | None = Field(default=None, min_length=1)
    config: dict[str, Any] | None = None
    score_name: str | None = Field(default=None, min_length=1, max_length=200)
    description: str | None = Field(default=None, max_length=10_000)


class EvaluatorRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str
    kind: str
    config: dict[str, Any]
    score_name: str
    data_type: str
    description: str
    created_at: datetime
    updated_at: datetime

    @computed_field(description="Content hash of kind and config; scores record it")
    @property
    def version(self) -> str:
        return content_hash(self.kind, self.config)

    @field_serializer("created_at", "updated_at")
    def _times(self, value: datetime) -> str:
        return _utc_z(value)


class EvaluatorVersionRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    version: str
    kind: str
    config: dict[str, Any]
    created_at: datetime

    @field_serializer("created_at")
    def _time(self, value: datetime) -> str:
        return _utc_z(value)
