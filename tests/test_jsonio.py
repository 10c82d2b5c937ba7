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
from strategies import all_forms

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "schema" / "forms.schema.json"


@pytest.mark.slow  # a long property (10 s of the default run); the goldens and the fixed cases stay
@settings(max_examples=60, deadline=None)
@given(st.lists(all_forms, max_size=3))
def test_json_round_trip_is_identity(items: list[object]) -> None:
    assert loads(dumps(items)) == items


@pytest.mark.slow
@settings(max_examples=40, deadline=None)
@given(st.lists(all_forms, min_size=1, max_size=2))
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


def test_long_term_block_written_only_when_present() -> None:
    from jixiao.model import TargetDeclaration

    plain = TargetDeclaration(source=Source(file="f", lines=(1, 1)))
    assert "long_term_indicators" not in json.loads(dumps([plain]))[0]
    block = (Indicator(level1="产出指标", name="培训人次", target="≥1000人次"),)
    form = plain.model_copy(update={"long_term_indicators": block})
    data = json.loads(dumps([form]))[0]
    assert data["long_term_indicators"][0]["name"] == "培训人次"
    assert list(data).index("long_term_indicators") == list(data).index("indicators") + 1
    assert loads(dumps([form])) == [form]


def test_department_forms_round_trip() -> None:
    from jixiao.model import (
        DepartmentAmounts,
        DepartmentSelfEvaluation,
        DepartmentTargetDeclaration,
        DepartmentTask,
    )

    task = DepartmentTask(name="人才服务", content="引进人才", total=Decimal("120.50"))
    target = DepartmentTargetDeclaration(
        department="某市人力资源和社会保障局",
        tasks=(task,),
        amounts=DepartmentAmounts(total=Decimal("120.50")),
        goal="完成年度任务",
        source=Source(file="f", lines=(1, 9)),
    )
    evaluation = DepartmentSelfEvaluation(
        department="某市人力资源和社会保障局", tasks=(task,), source=Source(file="f", lines=(1, 9))
    )
    data = json.loads(dumps([target, evaluation]))
    assert data[0]["kind"] == "department_target_declaration"
    assert data[0]["amounts"]["total"] == 120.5
    assert set(data[1]["spending"]) == {"basic", "project"}
    assert loads(dumps([target, evaluation])) == [target, evaluation]
