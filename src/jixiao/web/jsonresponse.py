"""JSON responses that keep ``Decimal`` digits (``10.00`` stays ``10.00``).

The encoding is the interchange format's (:func:`jixiao.model.jsonio.encode`); dates
become ISO 8601 strings, enums their value, tuples and sets lists.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from fastapi.responses import JSONResponse
from pydantic import BaseModel

from jixiao.model.jsonio import encode

__all__ = ["JsonResponse", "plain"]


def plain(value: Any) -> Any:
    """``value`` as data :func:`~jixiao.model.jsonio.encode` can write."""
    if value is None or isinstance(value, bool | int | float | Decimal):
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, str):
        return value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, BaseModel):
        return plain(value.model_dump(mode="python"))
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [plain(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return {k: plain(getattr(value, k)) for k in value.__dataclass_fields__}
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


class JsonResponse(JSONResponse):
    """``application/json`` (UTF-8, Chinese unescaped) with exact decimal numbers."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return encode(plain(content)).encode("utf-8")
