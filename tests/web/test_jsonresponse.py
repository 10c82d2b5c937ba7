"""``dumps_exact``: every ``Decimal`` keeps its digits, whichever path writes it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum

import pytest

from jixiao.web.jsonresponse import dumps_exact, exact_number


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


def test_a_number_read_as_text_is_written_as_its_decimal_would_be() -> None:
    texts = ["90.00", "-0.50", "0", "1E+1", "0E-7", "007.5", "-12"]
    tagged = dumps_exact({"x": [exact_number(t) for t in texts]})
    assert tagged == dumps_exact({"x": [Decimal(t) for t in texts]})
    assert tagged == '{"x": [90.00, -0.50, 0, 10, 0.0000000, 7.5, -12]}'
    with pytest.raises(ValueError):
        exact_number("NaN")
