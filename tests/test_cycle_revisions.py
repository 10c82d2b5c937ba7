"""The rest of the cycle in the service: a returned form edited and resubmitted as a new
version (the old kept, the difference shown), comments pinned to cells, a
self-evaluation started from the approved target declaration and checked against it,
due dates and the 待办 order, and a department's overview of its units (both backends;
each test fails if its rule is removed)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from access_support import EXAMPLES, HRSS, PASSWORD, SONGJIANG_HQ, TALENT, accounts_store
from access_support import principal_of as _who
from jixiao.model import SelfEvaluation, TargetDeclaration
from jixiao.model.access import Role, Scope, ScopeKind
from jixiao.model.cycle import State, Step
from jixiao.model.jsonio import loads
from jixiao.model.labels import beijing_time
from jixiao.service import accounts, read_file
from jixiao.service.access import AccessDenied, store_for
from jixiao.service.cycle import CycleError, form_cycle, submit_form, take_step, todo
from jixiao.service.progress import IMPORTED, overview, overview_forms, set_due_date
from jixiao.service.revisions import approved_target, resubmit_form, returned_form
from jixiao.store import FormNotFoundError, Store
from jixiao.store.revisions import versions
from jixiao.web.fill_form import self_evaluation_from_target
from store_support import BACKENDS, make_url


@pytest.fixture(scope="module")
def target() -> TargetDeclaration:
    form = read_file(EXAMPLES / "004_30fc85b3e2ff877a.txt").forms[0]
    assert isinstance(form, TargetDeclaration) and form.unit == TALENT
    return form.model_copy(update={"department": HRSS})


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    for url in make_url(request.param, tmp_path):
        with accounts_store(tmp_path, documents=False, url=url) as opened:
            other_unit = Scope(ScopeKind.UNIT, SONGJIANG_HQ)
            accounts.add_user(opened, "sj_head", PASSWORD, Role.UNIT_HEAD, other_unit)
            yield opened


def _returned(store: Store, form: TargetDeclaration) -> int:
    form_id = submit_form(store, _who(store, "talent_head"), form)
    cells = [("indicators.0.target", "目标值偏低"), ("project", "名称与预算不一致")]
    take_step(store, _who(store, "hrss"), form_id, Step.DEPARTMENT_RETURN, "", cells)
    return form_id


def test_a_returned_form_is_resubmitted_as_a_new_version(
    store: Store, target: TargetDeclaration
) -> None:
    head, hrss = _who(store, "talent_head"), _who(store, "hrss")
    form_id = _returned(store, target)
    old = returned_form(store, head, form_id)
    rows = list(old.indicators)
    rows[0] = rows[0].model_copy(update={"target": "≥999人"})
    fixed = old.model_copy(update={"indicators": tuple(rows)})
    assert resubmit_form(store, head, form_id, fixed, "已提高目标值") == 2
    cycle = form_cycle(store, hrss, form_id)
    assert cycle.state is State.SUBMITTED and cycle.version == 2
    assert [t.step for t in cycle.history][-1] == "submit"
    assert store.load_form(form_id).indicators[0].target == "≥999人"
    kept = versions(store, form_id)
    assert loads(kept[0].data)[0].indicators[0].target == target.indicators[0].target
    ((number, changes),) = cycle.changes
    assert number == 2
    assert [(c.field, c.label, c.new) for c in changes] == [
        ("indicators.0.target", "第 1 项指标·年度指标值", "≥999人")
    ]
    assert changes[0].old == target.indicators[0].target


def test_only_a_returned_form_in_scope_is_resubmitted(
    store: Store, target: TargetDeclaration
) -> None:
    head = _who(store, "talent_head")
    form_id = submit_form(store, head, target)
    with pytest.raises(CycleError, match="退回"):
        resubmit_form(store, head, form_id, target)
    take_step(store, _who(store, "hrss"), form_id, Step.DEPARTMENT_RETURN, "改")
    with pytest.raises(AccessDenied):
        resubmit_form(store, _who(store, "talent"), form_id, target)  # a filler
    with pytest.raises(FormNotFoundError):
        resubmit_form(store, _who(store, "sj_head"), form_id, target)  # another unit's
    moved = target.model_copy(update={"unit": SONGJIANG_HQ})
    with pytest.raises(AccessDenied):
        resubmit_form(store, head, form_id, moved)
    evaluation = self_evaluation_from_target(target)
    with pytest.raises(CycleError, match="绩效目标表"):
        resubmit_form(store, head, form_id, evaluation)


def test_comments_are_pinned_to_cells_and_kept(store: Store, target: TargetDeclaration) -> None:
    form_id = _returned(store, target)
    cycle = form_cycle(store, _who(store, "talent_head"), form_id)
    pinned = cycle.latest_comments()
    assert [c.comment for c in pinned["indicators.0.target"]] == ["目标值偏低"]
    assert set(pinned) == {"indicators.0.target", "project"}
    assert cycle.comments[0].username == "hrss" and cycle.comments[0].version == 1
    assert cycle.cells == {}  # the unit comments on no cell
    hrss = _who(store, "hrss")
    head = _who(store, "talent_head")
    resubmit_form(store, head, form_id, returned_form(store, head, form_id))
    assert form_cycle(store, hrss, form_id).cells["indicators.0.target"] == (
        "第 1 项指标·年度指标值"
    )
    with pytest.raises(CycleError, match="没有"):
        take_step(store, hrss, form_id, Step.DEPARTMENT_RETURN, "", [("nowhere.1", "x")])
    with pytest.raises(CycleError, match="意见"):
        take_step(store, hrss, form_id, Step.DEPARTMENT_RETURN, "", [("project", "  ")])
    take_step(store, hrss, form_id, Step.DEPARTMENT_RETURN, "", [("unit", "单位名称有误")])
    cycle = form_cycle(store, head, form_id)
    assert len(cycle.comments) == 3  # the first round kept
    assert set(cycle.latest_comments()) == {"unit"}
    assert cycle.latest_comments()["unit"][0].version == 2


def test_a_form_already_read_is_not_read_again(
    store: Store, target: TargetDeclaration, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The 详情 page reads the form once: given it (``seen``), the cycle is the same."""
    form_id = _returned(store, target)
    hrss = _who(store, "hrss")
    expected = form_cycle(store, hrss, form_id)
    seen = store_for(store, hrss).get(form_id)
    assert seen is not None

    def refuse(_self: Store, _form_id: int) -> None:
        raise AssertionError("the form was read again")

    monkeypatch.setattr(Store, "get", refuse)
    assert form_cycle(store, hrss, form_id, seen=seen) == expected


def test_a_self_evaluation_starts_from_the_approved_target_and_is_checked_against_it(
    store: Store, target: TargetDeclaration
) -> None:
    head, hrss, finance = (_who(store, n) for n in ("talent_head", "hrss", "finance"))
    target_id = submit_form(store, head, target)
    with pytest.raises(CycleError, match="财政复核通过后"):
        approved_target(store, head, target_id)
    take_step(store, hrss, target_id, Step.DEPARTMENT_APPROVE)
    take_step(store, finance, target_id, Step.FINANCE_APPROVE)
    with pytest.raises(FormNotFoundError):
        approved_target(store, _who(store, "sj_head"), target_id)
    started = self_evaluation_from_target(approved_target(store, head, target_id))
    assert (started.project, started.unit, started.year) == (
        target.project,
        target.unit,
        target.year,
    )
    assert [r.target for r in started.indicators] == [r.target for r in target.indicators]
    rows = list(started.indicators)
    rows[1] = rows[1].model_copy(update={"target": "1人"})
    evaluation_id = submit_form(store, head, started.model_copy(update={"indicators": tuple(rows)}))
    found = store.load_form(evaluation_id).findings
    assert [(f.code, f.location.row) for f in found if f.code == "X003"] == [("X003", 1)]
    with pytest.raises(CycleError, match="不是绩效目标表"):
        approved_target(store, head, evaluation_id)


def test_todo_puts_overdue_forms_first_with_their_days(
    store: Store, target: TargetDeclaration
) -> None:
    head, hrss = _who(store, "talent_head"), _who(store, "hrss")
    first = submit_form(store, head, target)
    second = submit_form(store, head, target.model_copy(update={"year": 2021}))
    today = beijing_time(datetime.now(UTC)).date()  # forms are due by 北京时间's days
    assert [r["id"] for r in todo(store, hrss, today)] == [first, second]  # by waiting
    assert {r["overdue"] for r in todo(store, hrss, today)} == {0}
    assert todo(store, hrss, today)[0]["due"] == today + timedelta(days=15)  # the default
    set_due_date(
        store, _who(store, "finance"), 2021, target.kind, "submitted", today - timedelta(3)
    )
    items = todo(store, hrss, today)
    assert [(r["id"], r["overdue"]) for r in items] == [(second, 3), (first, 0)]
    late = todo(store, hrss, today + timedelta(days=20))
    assert [(r["id"], r["overdue"]) for r in late] == [(second, 23), (first, 5)]
    with pytest.raises(AccessDenied):
        set_due_date(store, hrss, 2021, target.kind, "submitted", today)


def test_a_department_sees_its_units_at_a_glance(store: Store, target: TargetDeclaration) -> None:
    head, hrss = _who(store, "talent_head"), _who(store, "hrss")
    submitted = submit_form(store, head, target)
    _returned(store, target.model_copy(update={"year": 2021}))
    matrix = overview(store, hrss)
    (row,) = [r for r in matrix.rows if r.unit == TALENT]
    assert row.counts == {"submitted": 1, "department_returned": 1} and row.total == 2
    assert {r.unit for r in matrix.rows} == {TALENT}  # not 松江's units
    assert [c[0] for c in matrix.columns][-1] == IMPORTED
    songjiang = overview(store, _who(store, "songjiang"))
    assert songjiang.total == 0 and {r.unit for r in songjiang.rows} == {SONGJIANG_HQ}
    listed = overview_forms(store, hrss, TALENT, "submitted")
    assert [r["id"] for r in listed] == [submitted]
    assert overview_forms(store, _who(store, "songjiang"), TALENT, "submitted") == []
    assert overview(store, hrss, year=2021).total == 1
    with pytest.raises(AccessDenied):
        overview(store, head)


def test_an_evaluation_submitted_is_version_one(store: Store, target: TargetDeclaration) -> None:
    form_id = submit_form(store, _who(store, "talent_head"), target)
    (kept,) = versions(store, form_id)
    assert kept.version == 1 and kept.username == "talent_head"
    assert isinstance(loads(kept.data)[0], TargetDeclaration)
    assert not isinstance(loads(kept.data)[0], SelfEvaluation)


SCOPED = {"state_counts", "forms_in_state", "org_units", "waiting", "sees_unit"}
"""Cycle queries that keep to the store's visibility."""
PER_FORM = {
    "state_of", "history", "move", "move_in", "document_form_ids", "add_version", "versions",
    "resubmit", "step_with_comments", "comments",
}  # fmt: skip
"""Queries of one form, reached only after the service found it in the user's scope."""
SHARED = {"due_dates", "set_due_date", "clear_due_date"}
"""The due dates: the same for everyone (set behind the schedule action)."""


def test_every_cycle_query_of_the_store_is_placed() -> None:
    """A new function of the cycle's store modules must be placed: scoped, per form
    (behind the service's scope check) or shared."""
    from jixiao.store import cycle, progress, revisions

    functions = {
        name
        for module in (cycle, progress, revisions)
        for name in module.__all__
        if callable(getattr(module, name)) and not isinstance(getattr(module, name), type)
    }
    assert functions == SCOPED | PER_FORM | SHARED, functions ^ (SCOPED | PER_FORM | SHARED)
