"""Auth payloads."""

import uuid
from datetime import UTC, datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

Role = Literal["admin", "member", "viewer"]


def _as_utc(value: datetime) -> datetime:
    # SQLite hands back naive datetimes; every stored time is UTC. (Same rule as the
    # datasets' UTCDateTime; not imported from there so that auth depends on no domain.)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


UTCDateTime = Annotated[datetime, AfterValidator(_as_utc)]


class LoginIn(BaseModel):
    email: str = Field(min_length=3, max_length=320)
    password: str = Field(min_length=1, max_length=1024)


class UserRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    email: str
    role: Role


class OrganizationRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    slug: str
    name: str


class MeRead(BaseModel):
    user: UserRead
    organization: OrganizationRead
    csrf_token: str | None = Field(
        default=None, description="Send as X-CSRF-Token on cookie-authenticated form uploads"
    )


class UserCreate(BaseModel):
    email: str = Field(min_length=3, max_length=320, pattern=r"^[^@\s]+@[^@\s]+$")
    password: str = Field(min_length=8, max_length=1024)
    role: Role = "member"


class UserCreated(UserRead):
    created_at: UTCDateTime


class MemberRead(UserCreated):
    """A member of the caller's organization; created_at is when they joined it."""

    is_active: bool


class MemberUpdate(BaseModel):
    """Fields to change; omitted ones stay. is_active=false ends their sessions and keys."""

    model_config = ConfigDict(extra="forbid")

    role: Role | None = None
    is_active: bool | None = None


class ApiKeyCreate(BaseModel):
    name: str = Field(min_length=1, max_length=200)


class ApiKeyRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str
    prefix: str
    user_id: uuid.UUID = Field(description="The user the key acts as")
    created_at: UTCDateTime
    last_used_at: UTCDateTime | None = None


class ApiKeyCreated(BaseModel):
    id: uuid.UUID
    name: str
    key: str = Field(description="Shown once; only its hash is stored")
    created_at: UTCDateTime
