"""The management cycle in the service: who may take each step, from which state, and
the history kept (tests that fail if a check is removed)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from access_support import EXAMPLES, TALENT, accounts_store
from access_support import principal_of as _who
from jixiao.model import Form
from jixiao.model.cycle import STEPS, State, Step, steps_from, waiting_states
from jixiao.service import read_file
from jixiao.service.access import AccessDenied
from jixiao.service.cycle import CycleError, form_cycle, submit_form, take_step, todo
from jixiao.store import FormNotFoundError, Store


@pytest.fixture(scope="module")
def form() -> Form:
    return read_file(EXAMPLES / "000_52d2d39b8e94208b.txt").forms[0]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with accounts_store(tmp_path, documents=False) as opened:
        yield opened


def test_the_whole_cycle_with_a_return_and_its_history(store: Store, form: Form) -> None:
    head, hrss, finance = (_who(store, n) for n in ("talent_head", "hrss", "finance"))
    assert form.unit == TALENT
    form_id = submit_form(store, head, form)
    assert [r["id"] for r in todo(store, hrss)] == [form_id]
    assert todo(store, finance) == []
    with pytest.raises(CycleError, match="意见"):
        take_step(store, hrss, form_id, Step.DEPARTMENT_RETURN, "  ")
    assert take_step(store, hrss, form_id, Step.DEPARTMENT_RETURN, "指标值偏低") is (
        State.DEPARTMENT_RETURNED
    )
    assert [r["id"] for r in todo(store, head)] == [form_id]
    take_step(store, head, form_id, Step.SUBMIT, "已修改")
    take_step(store, hrss, form_id, Step.DEPARTMENT_APPROVE)
    assert [r["id"] for r in todo(store, finance)] == [form_id]
    take_step(store, finance, form_id, Step.FINANCE_APPROVE)
    take_step(store, finance, form_id, Step.PUBLISH)
    cycle = form_cycle(store, finance, form_id)
    assert cycle.state is State.PUBLISHED and cycle.steps == []
    assert [(t.from_state, t.to_state, t.username) for t in cycle.history] == [
        (None, "draft", "talent_head"),
        ("draft", "submitted", "talent_head"),
        ("submitted", "department_returned", "hrss"),
        ("department_returned", "submitted", "talent_head"),
        ("submitted", "department_approved", "hrss"),
        ("department_approved", "finance_approved", "finance"),
        ("finance_approved", "published", "finance"),
    ]
    assert cycle.history[2].comment == "指标值偏低"


def test_a_role_without_the_action_may_not_take_the_step(store: Store, form: Form) -> None:
    form_id = submit_form(store, _who(store, "talent_head"), form)
    with pytest.raises(AccessDenied):
        submit_form(store, _who(store, "talent"), form)  # a filler fills, a head submits
    with pytest.raises(AccessDenied):
        take_step(store, _who(store, "finance"), form_id, Step.DEPARTMENT_APPROVE)
    with pytest.raises(AccessDenied):
        take_step(store, _who(store, "auditor"), form_id, Step.DEPARTMENT_APPROVE)


def test_a_reviewer_of_another_department_does_not_find_the_form(store: Store, form: Form) -> None:
    form_id = submit_form(store, _who(store, "talent_head"), form)
    with pytest.raises(FormNotFoundError):
        take_step(store, _who(store, "songjiang"), form_id, Step.DEPARTMENT_APPROVE)
    assert todo(store, _who(store, "songjiang")) == []


def test_a_unit_head_may_not_submit_for_another_unit(store: Store, form: Form) -> None:
    other = form.model_copy(update={"unit": "上海市松江区人才服务中心"})
    with pytest.raises(AccessDenied):
        submit_form(store, _who(store, "talent_head"), other)


def test_a_step_from_the_wrong_state_is_refused(store: Store, form: Form) -> None:
    form_id = submit_form(store, _who(store, "talent_head"), form)
    with pytest.raises(CycleError, match="不能"):
        take_step(store, _who(store, "finance"), form_id, Step.FINANCE_APPROVE)
    with pytest.raises(CycleError, match="不能"):
        take_step(store, _who(store, "admin"), form_id, Step.PUBLISH)
    with pytest.raises(CycleError, match="不能"):
        take_step(store, _who(store, "talent_head"), form_id, Step.SUBMIT)


def test_the_transition_table() -> None:
    assert steps_from(State.SUBMITTED) == [Step.DEPARTMENT_APPROVE, Step.DEPARTMENT_RETURN]
    assert steps_from(State.PUBLISHED) == []
    assert all(STEPS[s].needs_comment for s in (Step.DEPARTMENT_RETURN, Step.FINANCE_RETURN))
    assert State.DEPARTMENT_RETURNED in waiting_states(frozenset({STEPS[Step.SUBMIT].action}))
