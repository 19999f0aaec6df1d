"""Registered models as members see them: names to use, never endpoints or key variables."""

from pydantic import BaseModel, Field


class ModelRead(BaseModel):
    name: str = Field(description="What an experiment, prompt or judge puts in `model`")
    model: str = Field(description="The provider model it resolves to (litellm form)")
    input_cost_per_token: float | None = None
    output_cost_per_token: float | None = None
