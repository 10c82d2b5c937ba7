"""Browser tests (Playwright + Debian's chromium) of the 表单 and 审核发现 pages.

Each saves screenshots as test artifacts (``$JIXIAO_ARTIFACTS`` or ``test-artifacts/``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from browser_wait import wait_until

from jixiao.store import Store

pytestmark = [pytest.mark.browser, pytest.mark.slow]

Shot = Callable[[Any, str], Path]


def _row_ids(page: Any) -> list[int]:
    ids = page.locator("table.forms tbody tr").evaluate_all("rows => rows.map(r => r.id)")
    return [int(i.removeprefix("form-")) for i in ids]


def test_forms_filter_sort_paginate(
    browser_page: Any, live_server: str, store: Store, screenshot: Shot
) -> None:
    page = browser_page
    page.goto(f"{live_server}/forms")
    assert page.title() == "表单 · jixiao 绩效"
    assert _row_ids(page) == store.form_ids()[:50]
    # every column, 自评−复核 and the finding badges included, fits a 1366-pixel screen
    wrap = "document.querySelector('.table-wrap')"
    assert page.evaluate(f"{wrap}.scrollWidth <= {wrap}.clientWidth")
    screenshot(page, "forms-list")

    # a filter applies at once (HTMX), the URL is shareable
    page.select_option("select[name=year]", "2023")
    page.wait_for_url(re.compile(r"year=2023"))
    wait_until(page, "document.querySelectorAll('table.forms tbody tr').length === 29")
    assert sorted(_row_ids(page)) == store.form_ids(year=2023)
    assert "unit=" not in page.url  # empty fields are not sent

    # free text, submitted with Enter
    page.fill("input[name=search]", "培训")
    page.press("input[name=search]", "Enter")
    page.wait_for_url(re.compile(r"search="))
    expected = store.form_ids(year=2023, search="培训")
    wait_until(
        page, f"document.querySelectorAll('table.forms tbody tr').length === {len(expected)}"
    )
    screenshot(page, "forms-filtered")

    # clear, then sort by 自评总分 twice: descending
    page.click("a.button:has-text('清除')")
    page.wait_for_url(re.compile(r"/forms$"))
    page.click("th a:has-text('自评总分')")
    page.wait_for_url(re.compile(r"sort=total_score"))
    page.click("th a:has-text('自评总分')")
    page.wait_for_url(re.compile(r"sort=-total_score"))
    page.wait_for_selector("th a.sort.desc")
    by_id = {r["id"]: r["total_score"] for r in store.forms()}
    shown = [by_id[i] for i in _row_ids(page) if by_id[i] is not None]
    assert shown == sorted(shown, reverse=True)

    # next page keeps the sort
    page.click("nav.pager a[rel=next]")
    page.wait_for_url(re.compile(r"page=2"))
    assert "sort=-total_score" in page.url
    page.wait_for_selector("nav.pager span.current:has-text('2')")
    assert len(_row_ids(page)) == len(store.form_ids()) - 50
    screenshot(page, "forms-sorted-page2")

    # the back button restores the first page
    page.go_back()
    page.wait_for_url(re.compile(r"sort=-total_score$"))
    page.wait_for_selector("nav.pager span.current:has-text('1')")


def test_findings_groups_open_and_export(
    browser_page: Any, live_server: str, store: Store, screenshot: Shot
) -> None:
    page = browser_page
    page.goto(f"{live_server}/findings")
    assert page.title() == "审核发现 · jixiao 绩效"
    groups = page.locator("details.group")
    assert groups.count() == len({f["code"] for f in store.findings()})
    screenshot(page, "findings")

    first = groups.first
    code = first.get_attribute("id").removeprefix("code-")
    first.locator("summary").click()
    first.locator(".group-items table.findings").wait_for()
    rows = first.locator(".group-items tbody tr")
    assert rows.count() == min(50, len(store.findings(code=code)))
    screenshot(page, "findings-open")

    # the severity filter reloads the page with only those groups
    page.select_option("select[name=severity]", "warning")
    page.wait_for_url(re.compile(r"severity=warning"))
    severities = page.locator("details.group").evaluate_all(
        "gs => gs.map(g => g.className.split(' ').find(c => c.startsWith('sev-')))"
    )
    assert set(severities) == {"sev-warning"}

    with page.expect_download() as download_info:
        page.click("a:has-text('导出 csv')")
    download = download_info.value
    assert download.suggested_filename == "审核发现.csv"
    text = Path(download.path()).read_text(encoding="utf-8-sig")
    assert len(text.strip().splitlines()) - 1 == len(store.findings(severity="warning"))

    # a finding links to its form's page, at the cell it concerns
    page.locator("details.group summary").first.click()
    link = page.locator(".group-items td.where a").first
    link.wait_for()
    href = link.get_attribute("href")
    assert re.fullmatch(r"/forms/\d+(#(row-\d+|field-[\w.]+))?", href)
    link.click()
    page.wait_for_url(re.compile(r"/forms/\d+"))
    screenshot(page, "findings-to-form")
