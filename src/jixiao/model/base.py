"""The common base of every model class: frozen, strict about unknown fields."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

__all__ = ["Frozen"]


class Frozen(BaseModel):
    """An immutable model; unknown fields are rejected so typos in JSON surface."""

    model_config = ConfigDict(frozen=True, extra="forbid")
