"""Absurd numbers (issue 15): an amount, weight or value of 25–60 digits is scored and
audited without a crash (``decimal.InvalidOperation`` in rounding before), and a number
of more digits than any form prints is unreadable when read from text."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.model import SelfEvaluation
from jixiao.parse.text import parse_number
from jixiao.service import read_file, review_forms
from support import SEEDS

BIG = "9" * 30


def _form() -> SelfEvaluation:
    form = read_file(SEEDS[0]).forms[0]
    assert isinstance(form, SelfEvaluation)
    return form


def _variants(form: SelfEvaluation) -> list[SelfEvaluation]:
    first, *rest = form.indicators
    out = [
        form.model_copy(update={"indicators": (first.model_copy(update={key: text}), *rest)})
        for key in ("target", "actual")
        for text in (f"≥{BIG}人", f"{BIG}%", f"≤{BIG}元/人", BIG, "0." + "0" * 40 + "1")
    ]
    total = form.funds.total
    for key in ("initial", "adjusted", "executed", "rate", "weight", "score"):
        funds = form.funds.model_copy(
            update={"total": total.model_copy(update={key: Decimal("9" * 60)})}
        )
        out.append(form.model_copy(update={"funds": funds}))
    out.append(form.model_copy(update={"total_score": Decimal(BIG), "total_weight": Decimal(BIG)}))
    row = first.model_copy(update={"weight": Decimal(BIG), "score": Decimal(BIG)})
    out.append(form.model_copy(update={"indicators": (row, *rest)}))
    return out


def test_absurd_numbers_are_scored_and_audited_without_a_crash() -> None:
    form = _form()
    for variant in _variants(form):
        reviewed = review_forms([variant, form])  # the X checks compare the two
        assert len(reviewed) == 2


@pytest.mark.parametrize("digits", [31, 200, 5000])
def test_a_number_longer_than_any_form_prints_is_unreadable(digits: int) -> None:
    with pytest.raises(ValueError):
        parse_number("9" * digits)
    assert parse_number("9" * 30) == Decimal("9" * 30)
