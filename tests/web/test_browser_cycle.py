"""In chromium, the whole cycle with three users (the judged scenario): the unit fills
and submits a 目标表; the department returns it with a comment on a cell; the unit sees
the comment beside the cell, fixes it and resubmits; the department sees the
difference and approves, 财政 approves and publishes; the unit files the
self-evaluation from the approved target, which goes through the cycle and is
published. On the way each user sees only their scope, and a forged request for
another unit's form, a POST without the CSRF token and a request after logout are
refused."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from access_support import EXAMPLES, HRSS, PASSWORD, TALENT, accounts_store
from jixiao.service import collect_files, run_import
from jixiao.store import Page, Store

pytestmark = pytest.mark.browser

_PROJECT = "浏览器测试项目"
_OTHER_UNIT_DOCUMENT = EXAMPLES / "002_3d7362f935c9f97e.txt"
"""Forms of 松江's 本部: another department's unit."""


@dataclass(frozen=True)
class Served:
    url: str
    other_form: int
    """A form of another department's unit."""
    other_project: str


@pytest.fixture
def served(
    tmp_path: Path, serve_store: Callable[[Store], AbstractContextManager[str]]
) -> Iterator[Served]:
    with accounts_store(tmp_path, documents=False) as store:
        run_import(store, collect_files([_OTHER_UNIT_DOCUMENT]), jobs=1)
        other = store.forms(page=Page(limit=1))[0]
        with serve_store(store) as url:
            yield Served(url, other["id"], other["project"])


def _login(page: Any, url: str, name: str) -> None:
    page.goto(f"{url}/todo")
    page.wait_for_url("**/login?next=*")
    page.fill('[name="username"]', name)
    page.fill('[name="password"]', PASSWORD)
    page.click('.login-form button[type="submit"]')
    page.wait_for_url("**/todo")


def _logout(page: Any) -> None:
    page.click(".logout-form button")
    page.wait_for_url("**/login")


def _state(page: Any, label: str) -> None:
    page.wait_for_selector(f'#cycle-state:text-is("{label}")')


def _step(page: Any, label: str, comment: str = "") -> None:
    page.wait_for_selector(".cycle-form")
    if comment:
        page.fill('.cycle-form [name="comment"]', comment)
    page.click(f'.cycle-form button:text-is("{label}")')


def _approve_and_publish(page: Any, served: Served, form_url: str) -> None:
    _login(page, served.url, "hrss")
    page.goto(form_url)
    _step(page, "主管部门审核通过")
    _state(page, "主管部门审核通过")
    _logout(page)
    _login(page, served.url, "finance")
    page.goto(form_url)
    _step(page, "财政复核通过")
    _state(page, "财政复核通过")
    _step(page, "公开")
    _state(page, "已公开")
    _logout(page)


def test_the_whole_cycle_with_three_users(
    served: Served, browser_page: Any, screenshot: Callable[[Any, str], Path]
) -> None:
    url, page = served.url, browser_page
    other_url = f"{url}/forms/{served.other_form}"

    # the unit fills in and submits a 目标表; it sees its own unit only
    _login(page, url, "talent_head")
    assert page.locator('.mainnav a[href="/progress"]').count() == 0
    page.goto(f"{url}/fill/new?kind=target_declaration")
    page.fill('[name="year"]', "2025")
    page.fill('[name="project"]', _PROJECT)
    page.fill('[name="department"]', HRSS)
    page.fill('[name="unit"]', TALENT)
    page.fill('[name="target_meta.current_budget"]', "100")
    page.fill('[name="indicators.0.name"]', "培训人数")
    page.fill('[name="indicators.0.target"]', "≥100人")
    page.click("#submit-form")
    page.wait_for_url("**/forms/*")
    form_url = page.url
    _state(page, "已提交")
    page.goto(f"{url}/forms")
    assert _PROJECT in page.inner_text("main")
    assert served.other_project not in page.inner_text("main")
    assert page.goto(other_url).status == 404  # another unit's form, in the browser
    forged = page.request.get(f"{other_url}.json")  # a forged request for it
    assert forged.status == 404
    _logout(page)

    # another department's reviewer does not see it
    _login(page, url, "songjiang")
    assert _PROJECT not in page.inner_text(".page-head ~ section")
    assert page.goto(form_url).status == 404
    page.goto(f"{url}/progress")
    assert TALENT not in page.inner_text(".progress-matrix")
    _logout(page)

    # the department returns it with a comment pinned to a cell
    _login(page, url, "hrss")
    page.click(f'.todo-list a:text-is("{_PROJECT}")')
    page.wait_for_url(form_url)
    page.goto(f"{url}/progress")
    row = page.locator(f'.progress-matrix tr[data-unit="{TALENT}"] td[data-state="submitted"]')
    assert row.inner_text().strip() == "1"
    assert served.other_project not in page.goto(f"{url}/forms").text()
    page.goto(form_url)
    page.wait_for_selector(".cell-comment-inputs")
    page.select_option(".cell-comment-inputs select >> nth=0", "indicators.0.target")
    page.fill('.cell-comment-inputs [name="cell_comment"] >> nth=0', "请提高到200人")
    no_token = page.request.post(f"{form_url}/steps", form={"step": "department_approve"})
    assert no_token.status == 403  # a POST without the CSRF token
    _step(page, "主管部门退回", "请按单元格意见修改")
    _state(page, "主管部门退回")
    assert "请提高到200人" in page.inner_text("#field-indicators\\.0\\.target")
    screenshot(page, "cycle-returned")
    _logout(page)

    # the unit sees the comment beside the cell, fixes the form and resubmits
    _login(page, url, "talent_head")
    assert _PROJECT in page.inner_text(".todo-list")
    page.goto(form_url)
    assert "请提高到200人" in page.inner_text("#field-indicators\\.0\\.target")
    page.click("#revise-form")
    page.wait_for_url("**/revise")
    cell = page.locator('.fld[data-field="indicators.0.target"]')
    assert "请提高到200人" in cell.inner_text()
    page.fill('[name="indicators.0.target"]', "≥200人")
    page.click("#submit-form")
    page.wait_for_url(form_url)
    _state(page, "已提交")
    _logout(page)

    # the department sees what changed and approves; 财政 approves and publishes
    _login(page, url, "hrss")
    page.goto(form_url)
    diff = page.locator('.diff-table tr[data-field="indicators.0.target"]')
    assert diff.locator(".diff-old").inner_text() == "≥100人"
    assert diff.locator(".diff-new").inner_text() == "≥200人"
    screenshot(page, "cycle-resubmitted")
    _logout(page)
    _approve_and_publish(page, served, form_url)

    # the unit files the self-evaluation from the approved target; it is published
    _login(page, url, "talent_head")
    page.goto(form_url)
    page.click("#start-self-evaluation")
    page.wait_for_url("**/fill/new?from=*")
    assert page.input_value('[name="project"]') == _PROJECT
    assert page.input_value('[name="unit"]') == TALENT
    assert page.input_value('[name="funds.total.adjusted"]') == "100"
    assert page.input_value('[name="indicators.0.target"]') == "≥200人"
    page.fill('[name="funds.total.executed"]', "95")
    page.fill('[name="indicators.0.actual"]', "210人")
    page.click("#submit-form")
    page.wait_for_url("**/forms/*")
    evaluation_url = page.url
    assert evaluation_url != form_url
    _state(page, "已提交")
    _logout(page)
    _approve_and_publish(page, served, evaluation_url)

    # after logout nothing is shown, by page or by request, not even to the old cookie
    _login(page, url, "talent_head")
    session = page.context.cookies()
    _logout(page)
    page.goto(evaluation_url)
    page.wait_for_url("**/login?next=*")
    after = page.request.get(f"{evaluation_url}.json", max_redirects=0)
    assert after.status in (303, 401)
    page.context.add_cookies(session)  # the signed-in cookie replayed
    page.goto(evaluation_url)
    page.wait_for_url("**/login?next=*")
    _login(page, url, "talent_head")
    page.goto(evaluation_url)
    _state(page, "已公开")
    assert page.locator(".cycle-history li").count() == 5  # created, submitted, 3 steps
    screenshot(page, "cycle-published")
