"""In chromium: three users sign in and take a form filled on the web through the
review cycle (submit, return with a comment, resubmit, approve twice, publish)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import pytest

from access_support import HRSS, PASSWORD, TALENT, accounts_store
from jixiao.store import Store

pytestmark = pytest.mark.browser


@pytest.fixture
def served(
    tmp_path: Path, serve_store: Callable[[Store], AbstractContextManager[str]]
) -> Iterator[str]:
    with accounts_store(tmp_path, documents=False) as store, serve_store(store) as url:
        yield url


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
    if comment:
        page.fill('.cycle-form [name="comment"]', comment)
    page.click(f'.cycle-form button:text-is("{label}")')


def test_login_and_the_cycle_with_three_users(
    served: str, browser_page: Any, screenshot: Callable[[Any, str], Path]
) -> None:
    url, page = served, browser_page
    _login(page, url, "talent_head")
    page.goto(f"{url}/fill/new?kind=self_evaluation")
    page.fill('[name="unit"]', TALENT)
    page.fill('[name="department"]', HRSS)
    page.fill('[name="project"]', "浏览器测试项目")
    page.click("#submit-form")
    page.wait_for_url("**/forms/*")
    form_url = page.url
    _state(page, "已提交")
    _logout(page)

    _login(page, url, "hrss")
    page.click('.todo-list a:text-is("浏览器测试项目")')
    page.wait_for_url(form_url)
    _step(page, "主管部门退回", "请补充产出指标")
    _state(page, "主管部门退回")
    assert "请补充产出指标" in page.inner_text(".cycle-history")
    screenshot(page, "cycle-returned")
    _logout(page)

    _login(page, url, "talent_head")
    assert "浏览器测试项目" in page.inner_text(".todo-list")
    page.goto(form_url)
    _step(page, "提交审核", "已补充")
    _state(page, "已提交")
    _logout(page)

    _login(page, url, "hrss")
    page.goto(form_url)
    _step(page, "主管部门审核通过")
    _state(page, "主管部门审核通过")
    _logout(page)

    _login(page, url, "finance")
    page.goto(form_url)
    _step(page, "财政复核通过")
    _state(page, "财政复核通过")
    _step(page, "公开")
    _state(page, "已公开")
    assert page.locator(".cycle-history li").count() == 7
    screenshot(page, "cycle-published")
    _logout(page)
    page.goto(form_url)
    page.wait_for_url("**/login?next=*")  # after logout the form is not shown
