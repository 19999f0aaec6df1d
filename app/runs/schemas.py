"""Production run payloads."""

from datetime import datetime
from typing import Any

from pydantic import AliasChoices, BaseModel, ConfigDict, Field

from app.datasets.schemas import UTCDateTime


class RunCreate(BaseModel):
    agent_name: str = Field(default="", max_length=200)
    workflow: str = Field(default="", max_length=200)
    inputs: Any = None
    result: Any = None
    status: str = Field(default="completed", min_length=1, max_length=32)
    error: str = Field(default="", max_length=100_000)
    latency_ms: int | None = Field(default=None, ge=0, le=2**31 - 1)
    tokens_in: int | None = Field(default=None, ge=0, le=2**31 - 1)
    tokens_out: int | None = Field(default=None, ge=0, le=2**31 - 1)
    cost: float | None = Field(default=None, ge=0)
    metadata: dict[str, Any] | None = None
    started_at: datetime | None = None
    ended_at: datetime | None = None


class RunRead(BaseModel):
    # Titled apart from the experiments RunRead: an SDK generator makes one class per title.
    model_config = ConfigDict(from_attributes=True, title="ProductionRunRead")

    id: int = Field(
        validation_alias=AliasChoices("number", "id"),
        description="The run's number in the organization: 1, 2, 3 ...",
    )
    agent_name: str
    workflow: str
    inputs: Any
    result: Any
    status: str
    error: str
    latency_ms: int | None
    tokens_in: int | None
    tokens_out: int | None
    cost: float | None
    metadata: Any = Field(validation_alias=AliasChoices("metadata_", "metadata"))
    started_at: UTCDateTime | None
    ended_at: UTCDateTime | None
    created_at: UTCDateTime
