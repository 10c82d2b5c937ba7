"""The JSON interchange format (version 1): forms to JSON and back, and its schema.

Numbers are written as JSON numbers with the digits the form printed (``Decimal``
``10.00`` becomes ``10.00``, not ``10.0``) and read back as ``Decimal``, so
model → JSON → model is the identity.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from pydantic import TypeAdapter

from jixiao.model.forms import Form

__all__ = ["FORMAT_VERSION", "dumps", "encode", "form_schema", "loads", "to_data"]

FORMAT_VERSION = 1

_FORMS: TypeAdapter[list[Form]] = TypeAdapter(list[Form])


_ORDER = (
    "kind",
    "year",
    "project",
    "department",
    "unit",
    "money_unit",
    "category",
    "funds",
    "funds_extra",
    "spending",
    "legacy",
    "target_meta",
    "tasks",
    "amounts",
    "goal",
    "goal_expected",
    "goal_actual",
    "indicators",
    "long_term_indicators",
    "total_weight",
    "total_score",
    "grade",
    "source",
    "findings",
)

_OMIT_EMPTY = ("category", "funds_extra", "long_term_indicators")
"""Optional blocks written only when a form has them (JSON without them stays as it was)."""


def to_data(form: Any) -> dict[str, Any]:
    """A form as plain Python data (``Decimal`` kept), fields in reading order."""
    data: dict[str, Any] = form.model_dump(mode="python")
    for key in _OMIT_EMPTY:
        if key in data and not data[key]:
            del data[key]
    ordered = {k: data.pop(k) for k in _ORDER if k in data}
    ordered.update(data)
    return ordered


def dumps(forms: Iterable[Any], indent: int | None = 2) -> str:
    """Serialise forms as a JSON list (the interchange format)."""
    return _encode([to_data(f) for f in forms], indent, 0)


def encode(value: Any, indent: int | None = None) -> str:
    """Plain data (dicts, lists, strings, ``Decimal`` …) as JSON, numbers with their digits."""
    return _encode(value, indent, 0)


def loads(text: str) -> list[Form]:
    """Parse interchange JSON back into forms; numbers become ``Decimal``. A form's
    ``score`` (the computed score ``jixiao export`` adds) is not part of it and is skipped."""
    data = json.loads(text, parse_float=Decimal)
    if isinstance(data, list):
        data = [_without_score(item) for item in data]
    return _FORMS.validate_python(data)


def _without_score(item: Any) -> Any:
    if isinstance(item, dict) and "score" in item:
        return {k: v for k, v in item.items() if k != "score"}
    return item


def form_schema() -> dict[str, Any]:
    """The JSON Schema of the interchange format, generated from the model."""
    schema = _FORMS.json_schema(mode="serialization")
    schema["title"] = "jixiao forms (interchange format version 1)"
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


def _number(value: Decimal) -> str:
    text = format(value, "f")
    if not value.is_finite():
        raise ValueError(f"cannot write {value} as JSON")
    return text


def _encode(value: Any, indent: int | None, depth: int) -> str:
    if value is None or isinstance(value, bool | str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, Decimal):
        return _number(value)
    if isinstance(value, int | float):
        return json.dumps(value)
    if isinstance(value, Mapping):
        items = [
            f"{json.dumps(str(k), ensure_ascii=False)}: {_encode(v, indent, depth + 1)}"
            for k, v in value.items()
        ]
        return _wrap("{", "}", items, indent, depth)
    if isinstance(value, Sequence):
        items = [_encode(v, indent, depth + 1) for v in value]
        if value and all(isinstance(v, int) and not isinstance(v, bool) for v in value):
            return "[" + ", ".join(items) + "]"
        return _wrap("[", "]", items, indent, depth)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def _wrap(open_: str, close: str, items: list[str], indent: int | None, depth: int) -> str:
    if not items:
        return open_ + close
    if indent is None:
        return open_ + ", ".join(items) + close
    pad = " " * (indent * (depth + 1))
    end = " " * (indent * depth)
    return open_ + "\n" + ",\n".join(pad + i for i in items) + "\n" + end + close
