"""``Number``: a ``Decimal`` that the JSON Schema describes as a JSON number; and the
decimal context scoring and auditing compute in."""

from __future__ import annotations

import functools
from collections.abc import Callable
from decimal import Context, Decimal, localcontext
from typing import Annotated, ParamSpec, TypeVar

from pydantic import WithJsonSchema

__all__ = ["ARITHMETIC", "Number", "in_arithmetic"]

Number = Annotated[Decimal, WithJsonSchema({"type": "number"})]
"""Money and points: exact decimals, written as JSON numbers with the printed digits."""

ARITHMETIC = Context(prec=80, Emax=999_999, Emin=-999_999)
"""Significant digits enough that rounding any number a form can hold to points or to a
rate never overflows (the default 28 made ``quantize`` fail on a 25-digit amount)."""

_P = ParamSpec("_P")
_R = TypeVar("_R")


def in_arithmetic(fn: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run ``fn`` in the :data:`ARITHMETIC` context (scoring and the audit's entries)."""

    @functools.wraps(fn)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with localcontext(ARITHMETIC):
            return fn(*args, **kwargs)

    return wrapper
