"""``Number``: a ``Decimal`` that the JSON Schema describes as a JSON number."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import WithJsonSchema

__all__ = ["Number"]

Number = Annotated[Decimal, WithJsonSchema({"type": "number"})]
"""Money and points: exact decimals, written as JSON numbers with the printed digits."""
