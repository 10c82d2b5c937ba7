"""JSON responses that keep ``Decimal`` digits (``10.00`` stays ``10.00``).

The numbers follow the interchange format's convention (:mod:`jixiao.model.jsonio`):
a ``Decimal`` is written as a JSON number with exactly its digits. For speed the body
is made by the C JSON encoder: each ``Decimal`` first becomes a string between two
markers, and the tagged strings are then unquoted. The marker is a secret drawn when
the process starts and never written out (a text could only imitate a number by
holding it). A number read as text (SQLite's decimal columns) can be tagged before
(:func:`exact_number`): the encoder then writes it without calling back. Dates become
ISO 8601 strings, enums their value, tuples and sets lists, pydantic models and
dataclasses objects.
"""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from fastapi.responses import JSONResponse
from pydantic import BaseModel

__all__ = ["JsonResponse", "dumps_exact", "exact_number", "plain"]


def plain(value: Any, marker: str | None = None) -> Any:
    """``value`` as JSON-ready data; with ``marker``, a ``Decimal`` becomes
    ``marker + digits + marker`` (see :func:`dumps_exact`), else it stays a ``Decimal``."""
    if isinstance(value, Enum):
        return value.value
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"cannot write {value} as JSON")
        return value if marker is None else marker + format(value, "f") + marker
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, BaseModel):
        return plain(value.model_dump(mode="python"), marker)
    if isinstance(value, Mapping):
        return {str(k): plain(v, marker) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [plain(v, marker) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return {k: plain(getattr(value, k), marker) for k in value.__dataclass_fields__}
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


_MARKER = "\ue000" + secrets.token_hex(16)
_PLAIN = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")
"""A number as JSON writes it, without an exponent: what ``format(Decimal(text), "f")``
gives back unchanged."""


def exact_number(text: str) -> str:
    """The number written ``text`` (e.g. ``"85.50"``, as SQLite stores a decimal),
    tagged so that :func:`dumps_exact` writes it as a JSON number with the digits a
    ``Decimal`` of it has there; any other text goes by ``Decimal`` (``1E+2`` is
    written ``100``; text that is not a finite number raises)."""
    if _PLAIN.fullmatch(text):
        return _MARKER + text + _MARKER
    tagged = plain(Decimal(text), _MARKER)
    assert isinstance(tagged, str)
    return tagged


def dumps_exact(value: Any) -> str:
    """``value`` as compact JSON, every ``Decimal`` a number with its own digits.

    The C encoder walks dicts, lists and scalars itself and asks :func:`plain` only for
    what it cannot write (a ``Decimal``, a date, a model…): a body of 20,000 chart points
    is not first copied value by value. A dict whose keys it cannot write is made plain
    as a whole."""
    marker = _MARKER

    def tagged(item: Any) -> Any:
        if type(item) is Decimal and item.is_finite():
            return marker + format(item, "f") + marker
        return plain(item, marker)

    try:
        text = json.dumps(value, ensure_ascii=False, allow_nan=False, default=tagged)
    except TypeError:
        text = json.dumps(plain(value, marker), ensure_ascii=False, allow_nan=False)
    return text.replace(f'"{marker}', "").replace(f'{marker}"', "")


class JsonResponse(JSONResponse):
    """``application/json`` (UTF-8, Chinese unescaped) with exact decimal numbers."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return dumps_exact(content).encode("utf-8")
