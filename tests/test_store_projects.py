"""「The same project」 decided one way: the store's other forms of a project (表单详情's
同一项目的其他表单) are exactly those the model's project identity calls the same, which is
also what the cross-form checks compare."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from jixiao.audit import cross_form_findings
from jixiao.model import DepartmentSelfEvaluation, Form, SelfEvaluation, Source
from jixiao.model.keys import ProjectIdentity, project_identity
from jixiao.store import DocumentInfo, open_store
from store_support import BACKENDS, make_url

_SOURCE = Source(file="x.txt", lines=(1, 1))


def _project(year: int, project: str, unit: str | None) -> Form:
    return SelfEvaluation(source=_SOURCE, year=year, project=project, unit=unit)


def _department(year: int, department: str) -> Form:
    return DepartmentSelfEvaluation(source=_SOURCE, year=year, department=department)


def _identity(form: Form) -> ProjectIdentity | None:
    return project_identity(form.kind, form.project, form.unit, form.department)


FORMS = [
    _project(2022, "城市道路养护（一期）", "市政中心"),
    _project(2023, "城市道路养护(一期)", "市政中心"),  # half-width brackets
    _project(2024, "城市 道路养护（一期）", "市政 中心"),  # spaces
    _project(2024, "城市道路养护（一期）", "区绿化所"),  # another unit
    _project(2024, "城市道路养护（一期）", None),  # no unit
    _project(2024, "城市道路养护（二期）", "市政中心"),  # another project
    _department(2023, "市绿化局"),
    _department(2024, "市 绿化局"),
    _department(2024, "市水务局"),
]


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    yield from make_url(request.param, tmp_path)


def test_the_store_links_exactly_the_forms_the_model_calls_the_same(db_url: str) -> None:
    with open_store(db_url) as store:
        for i, form in enumerate(FORMS):
            store.save_forms([form], DocumentInfo(f"{i}.txt", f"{i:064d}"))
        ids = store.form_ids()
        for form_id, form in zip(ids, FORMS, strict=True):
            expected = [
                other_id
                for other_id, other in zip(ids, FORMS, strict=True)
                if other_id != form_id and _identity(other) == _identity(form)
            ]
            found = [r["id"] for r in store.same_project(form, exclude=form_id)]
            assert found == expected, form
        # Not vacuous: width and spaces do not split a project, a unit does.
        assert [r["year"] for r in store.same_project(FORMS[0], exclude=ids[0])] == [2023, 2024]
        assert [r["year"] for r in store.same_project(FORMS[6], exclude=ids[6])] == [2024]
        assert store.same_project(FORMS[0], exclude=ids[0], limit=1)[0]["id"] == ids[1]


def test_the_cross_form_trend_compares_the_same_projects() -> None:
    """X004 (the same project in an earlier year) pairs the forms the identity pairs."""
    found = cross_form_findings(FORMS)
    trend = [i for i, fs in enumerate(found) if any(f.code == "X004" for f in fs)]
    assert trend == [1, 2, 7]
