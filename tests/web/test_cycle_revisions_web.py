"""The rest of the cycle over the web: a return with comments on cells (shown beside
them on the form page and in the editor), the form edited and resubmitted, the
difference of versions on the form page, a self-evaluation from the approved target,
due dates in 待办 and the 审核进度 matrix; each refused outside role or scope (both
backends)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from access_support import EXAMPLES, HRSS, TALENT, accounts_store
from access_support import signed_in as _as
from jixiao.model import TargetDeclaration
from jixiao.service import collect_files, read_file, run_import
from jixiao.store import Store
from jixiao.web.fill_form import fields_from_form
from store_support import BACKENDS, make_url
from web_client import WebClient


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    for url in make_url(request.param, tmp_path):
        with accounts_store(tmp_path, documents=False, url=url) as opened:
            yield opened


def _target() -> TargetDeclaration:
    form = read_file(EXAMPLES / "004_30fc85b3e2ff877a.txt").forms[0]
    assert isinstance(form, TargetDeclaration) and form.unit == TALENT
    return form.model_copy(update={"department": HRSS})


def _submit(client: WebClient, fields: dict[str, str]) -> int:
    done = client.post("/fill/submit", data=fields, follow_redirects=False)
    assert done.status_code == 303, done.text
    return int(done.headers["location"].rsplit("/", 1)[1])


def _fields(**changes: str) -> dict[str, str]:
    form = _target()
    return {"kind": form.kind, **fields_from_form(form), **changes}


def _return(client: WebClient, form_id: int) -> None:
    answer = client.post(
        f"/forms/{form_id}/steps",
        data={
            "step": "department_return",
            "cell": ["indicators.0.target", ""],
            "cell_comment": ["目标值偏低，请提高", ""],
        },
    )
    assert answer.is_success, answer.text


def test_return_with_a_cell_comment_revise_resubmit_and_see_the_difference(
    store: Store,
) -> None:
    head, hrss = _as(store, "talent_head"), _as(store, "hrss")
    form_id = _submit(head, _fields())
    panel = hrss.get(f"/forms/{form_id}/cycle").text
    assert 'name="cell"' in panel and 'value="indicators.0.target"' in panel
    assert 'name="cell"' not in head.get(f"/forms/{form_id}/cycle").text
    _return(hrss, form_id)
    page = head.get(f"/forms/{form_id}").text
    cell = re.search(r'id="field-indicators\.0\.target".*?</td>', page, re.S)
    assert cell and "目标值偏低，请提高" in cell.group(0)  # beside its cell
    assert 'id="revise-form"' in head.get(f"/forms/{form_id}/cycle").text
    editor = head.get(f"/forms/{form_id}/revise").text
    field = re.search(r'data-field="indicators\.0\.target".*?</span>\s*</span>', editor, re.S)
    assert field and "目标值偏低，请提高" in field.group(0)
    assert 'name="revises"' in editor and 'id="save-draft"' not in editor
    fixed = _fields(**{"indicators.0.target": "≥999人", "revises": str(form_id)})
    assert _submit(head, fixed) == form_id
    panel = hrss.get(f"/forms/{form_id}/cycle").text
    assert "已提交" in panel and "第 2 版" in panel
    diff = re.search(r'class="data compact diff-table".*?</table>', panel, re.S)
    assert diff and "第 1 项指标·年度指标值" in diff.group(0) and "≥999人" in diff.group(0)
    assert _target().indicators[0].target in diff.group(0)
    assert "≥999人" in hrss.get(f"/forms/{form_id}").text


def test_revising_is_refused_unless_returned_and_in_scope(store: Store) -> None:
    head = _as(store, "talent_head")
    form_id = _submit(head, _fields())
    assert head.get(f"/forms/{form_id}/revise").status_code == 400  # not returned
    again = _fields(revises=str(form_id))
    assert head.post("/fill/submit", data=again).status_code == 400
    _return(_as(store, "hrss"), form_id)
    assert _as(store, "songjiang").get(f"/forms/{form_id}/revise").status_code == 403
    assert _as(store, "talent").get(f"/forms/{form_id}/revise").status_code == 403
    assert head.get(f"/forms/{form_id}/revise").status_code == 200
    assert _as(store, "admin").get(f"/forms/{form_id + 99}/revise").status_code == 404


def test_a_self_evaluation_from_the_target_once_approved(store: Store) -> None:
    head, hrss, finance = (_as(store, n) for n in ("talent_head", "hrss", "finance"))
    form_id = _submit(head, _fields())
    assert 'id="start-self-evaluation"' not in head.get(f"/forms/{form_id}").text
    assert head.get(f"/fill/new?from={form_id}").status_code == 400
    hrss.post(f"/forms/{form_id}/steps", data={"step": "department_approve"})
    finance.post(f"/forms/{form_id}/steps", data={"step": "finance_approve"})
    assert 'id="start-self-evaluation"' in head.get(f"/forms/{form_id}").text
    editor = head.get(f"/fill/new?from={form_id}").text
    target = _target()
    assert f'value="{target.project}"' in editor and f'value="{TALENT}"' in editor
    assert target.indicators[0].target in editor


def test_due_dates_put_overdue_forms_first_in_todo(store: Store) -> None:
    head, hrss, finance = (_as(store, n) for n in ("talent_head", "hrss", "finance"))
    first = _submit(head, _fields())
    second = _submit(head, _fields(year="2021"))
    todo = hrss.get("/todo").text
    assert todo.index(f'href="/forms/{first}"') < todo.index(f'href="/forms/{second}"')
    past = (date.today() - timedelta(days=40)).isoformat()
    due = {"year": "2021", "kind": "target_declaration", "state": "submitted", "due": past}
    assert hrss.post("/progress/due-dates", data=due).status_code == 403
    assert finance.post("/progress/due-dates", data=due).is_success
    assert "2021" in hrss.get("/progress/due-dates").text
    todo = hrss.get("/todo").text
    assert todo.index(f'href="/forms/{second}"') < todo.index(f'href="/forms/{first}"')
    assert re.search(r"逾期 4\d 天", todo)
    assert finance.post("/progress/due-dates/clear", data=due).is_success
    assert "overdue-days" not in hrss.get("/todo").text


def test_a_department_sees_its_units_states_at_a_glance(store: Store) -> None:
    head, hrss = _as(store, "talent_head"), _as(store, "hrss")
    form_id = _submit(head, _fields())
    page = hrss.get("/progress").text
    row = re.search(rf'<tr data-unit="{TALENT}">.*?</tr>', page, re.S)
    assert row and re.search(r'data-state="submitted"><a href="[^"]*">1</a>', row.group(0))
    assert 'href="/progress"' in page  # in the navigation
    listed = hrss.get("/progress", params={"unit": TALENT, "state": "submitted"}).text
    assert f'href="/forms/{form_id}"' in listed
    other = _as(store, "songjiang").get("/progress", params={"unit": TALENT, "state": "submitted"})
    assert other.is_success and f'href="/forms/{form_id}"' not in other.text
    assert f'data-unit="{TALENT}"' not in other.text
    assert head.get("/progress").status_code == 403
    assert 'href="/progress"' not in head.get("/todo").text


def test_imported_forms_count_as_published_and_take_no_step(store: Store) -> None:
    run_import(store, collect_files([EXAMPLES / "000_52d2d39b8e94208b.txt"]), jobs=1)
    imported = store.form_ids(unit=TALENT)
    hrss = _as(store, "hrss")
    panel = hrss.get(f"/forms/{imported[0]}/cycle").text
    assert "已公开（导入）" in panel and "cycle-form" not in panel
    step = hrss.post(f"/forms/{imported[0]}/steps", data={"step": "department_approve"})
    assert step.status_code == 400
    page = hrss.get("/progress").text
    row = re.search(rf'<tr data-unit="{TALENT}">.*?</tr>', page, re.S)
    assert row and re.search(
        rf'data-state="imported"><a href="[^"]*">{len(imported)}<', row.group(0)
    )
