"""Column types that keep ``Decimal`` exact on every database.

SQLite has no decimal type (``NUMERIC`` columns turn ``6.00`` into the float ``6.0``),
so there an amount is stored as its text; PostgreSQL's unconstrained ``numeric`` keeps
the printed scale itself. Either way ``Decimal("6.00")`` comes back as ``6.00``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import DateTime, Numeric, String
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine

__all__ = ["ExactDecimal", "UtcDateTime", "decode_values", "encode_values"]


class ExactDecimal(TypeDecorator[Decimal]):
    """A ``Decimal`` column: text on SQLite, ``numeric`` elsewhere; never a float."""

    impl = Numeric
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(String(64))
        return dialect.type_descriptor(Numeric(asdecimal=True))

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        if not isinstance(value, Decimal):
            value = Decimal(str(value))
        if dialect.name == "sqlite":
            return str(value)
        return value

    def bind_processor(self, dialect: Dialect) -> Callable[[Any], Any] | None:
        if dialect.name != "sqlite":
            return super().bind_processor(dialect)
        return _decimal_text  # what process_bind_param gives, without its dispatch

    def result_processor(self, dialect: Dialect, coltype: object) -> Callable[[Any], Any] | None:
        if dialect.name != "sqlite":
            return super().result_processor(dialect, coltype)
        return _decimal_of  # what process_result_value gives, without its dispatch

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        return _decimal_of(value)


def _decimal_of(value: Any) -> Decimal | None:
    if value is None or type(value) is Decimal:
        return value
    return Decimal(value if type(value) is str else str(value))


def _decimal_text(value: Any) -> str | None:
    if value is None:
        return None
    return str(value if type(value) is Decimal else Decimal(str(value)))


_DECIMAL_TAG = "$decimal"


def encode_values(values: dict[str, Any]) -> dict[str, Any]:
    """Finding values as JSON-safe data; a ``Decimal`` becomes ``{"$decimal": "6.00"}``.

    The tag keeps ``Decimal("6")``, ``6`` and ``"6"`` apart, which plain JSON cannot.
    """
    return {k: {_DECIMAL_TAG: str(v)} if isinstance(v, Decimal) else v for k, v in values.items()}


def decode_values(data: dict[str, Any] | None) -> dict[str, Any]:
    """The inverse of :func:`encode_values`."""
    out: dict[str, Any] = {}
    for key, value in (data or {}).items():
        if isinstance(value, dict) and set(value) == {_DECIMAL_TAG}:
            out[key] = Decimal(value[_DECIMAL_TAG])
        else:
            out[key] = value
    return out


class UtcDateTime(TypeDecorator[datetime]):
    """A timestamp in UTC; comes back timezone-aware on SQLite too."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if isinstance(value, datetime) and value.tzinfo is not None:
            value = value.astimezone(UTC)
            if dialect.name == "sqlite":
                value = value.replace(tzinfo=None)
        return value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if isinstance(value, datetime) and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value  # type: ignore[no-any-return]
