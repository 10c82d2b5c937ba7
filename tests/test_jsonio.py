"""The interchange JSON: round trip, number format, field names, schema."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.model import Indicator, SelfEvaluation, Source
from jixiao.model.jsonio import dumps, form_schema, loads
from strategies import forms

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "schema" / "forms.schema.json"


@settings(max_examples=60, deadline=None)
@given(st.lists(forms, max_size=3))
def test_json_round_trip_is_identity(items: list[object]) -> None:
    assert loads(dumps(items)) == items


@settings(max_examples=40, deadline=None)
@given(st.lists(forms, min_size=1, max_size=2))
def test_json_validates_against_checked_in_schema(items: list[object]) -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(dumps(items)), schema)


def test_numbers_are_json_numbers_with_printed_digits() -> None:
    form = SelfEvaluation(
        source=Source(file="x.txt", lines=(1, 9)),
        total_score=Decimal("97.37"),
        indicators=(Indicator(name="天数", weight=Decimal("6.00"), score=Decimal("6")),),
    )
    text = dumps([form])
    assert '"weight": 6.00' in text
    assert '"total_score": 97.37' in text
    data = json.loads(text)
    assert data[0]["indicators"][0]["score"] == 6
    assert list(data[0])[:3] == ["kind", "year", "project"]


def test_design_field_names_present() -> None:
    data = json.loads(dumps([SelfEvaluation(source=Source(file="f", lines=(1, 1)))]))[0]
    for key in ("kind", "year", "project", "department", "unit", "money_unit", "funds"):
        assert key in data
    for key in ("goal_expected", "goal_actual", "indicators", "total_score", "grade", "source"):
        assert key in data
    assert set(data["funds"]) == {"total", "appropriation", "carryover", "other"}
    assert set(data["funds"]["total"]) == {
        "initial",
        "adjusted",
        "executed",
        "weight",
        "rate",
        "score",
    }


def test_checked_in_schema_is_current() -> None:
    assert json.loads(SCHEMA_FILE.read_text(encoding="utf-8")) == form_schema()


def test_unknown_field_is_rejected() -> None:
    text = '[{"kind": "self_evaluation", "source": {"file": "a", "lines": [1, 2]}, "bogus": 1}]'
    with pytest.raises(ValueError):
        loads(text)
