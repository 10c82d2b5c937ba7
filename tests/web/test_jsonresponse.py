"""``dumps_exact``: every ``Decimal`` keeps its digits, whichever path writes it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum

import pytest

from jixiao.web.jsonresponse import dumps_exact


class _Kind(Enum):
    SELF = "自评"


@dataclass
class _Point:
    reported: Decimal
    year: int


def test_decimals_keep_their_digits_inside_dicts_lists_and_objects() -> None:
    value = {
        "points": [{"reported": Decimal("90.00"), "rate": Decimal("-0.50")}] * 2,
        "point": _Point(Decimal("85.0"), 2024),
        "kind": _Kind.SELF,
        "day": date(2024, 3, 1),
        "text": '写着"90.00"的文字',
    }
    text = dumps_exact(value)
    assert '"reported": 90.00, "rate": -0.50' in text
    assert '{"reported": 85.0, "year": 2024}' in text
    assert '"kind": "自评", "day": "2024-03-01"' in text
    assert json.loads(text)["text"] == '写着"90.00"的文字'


def test_keys_the_encoder_cannot_write_are_made_plain() -> None:
    assert (
        dumps_exact({Decimal("1"): Decimal("2.50"), 3: [Decimal("1E+1")]})
        == '{"1": 2.50, "3": [10]}'
    )


def test_what_json_cannot_hold_is_refused() -> None:
    with pytest.raises(ValueError):
        dumps_exact({"x": [Decimal("NaN")]})
    with pytest.raises(TypeError):
        dumps_exact({"x": object()})
