"""The security policy in chromium: no page is refused a script or a style (every one
comes from a static file), the findings filters still submit on change, the official
table keeps its column widths, and a page on another origin cannot frame the app."""

from __future__ import annotations

from typing import Any

import pytest

from jixiao.store import Store

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _violations(page: Any) -> list[str]:
    found: list[str] = []
    page.on(
        "console",
        lambda m: found.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.on("pageerror", lambda e: found.append(str(e)))
    return found


def test_no_page_breaks_the_policy(live_server: str, store: Store, browser_page: Any) -> None:
    page = browser_page
    found = _violations(page)
    form_id = store.form_ids()[0]
    for path in [
        "/",
        "/forms",
        "/findings?open=1",
        f"/forms/{form_id}",
        "/import",
        "/fill",
        "/fill/new",
        "/docs",
    ]:
        page.goto(f"{live_server}{path}")
        page.wait_for_load_state("networkidle")
    page.goto(f"{live_server}/forms/{form_id}")
    page.click("#source summary")
    page.wait_for_load_state("networkidle")
    assert found == []
    page.goto(f"{live_server}/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=10000)


def test_filters_submit_on_change(live_server: str, browser_page: Any) -> None:
    page = browser_page
    found = _violations(page)
    page.goto(f"{live_server}/findings")
    with page.expect_navigation():
        page.select_option("select[name=severity]", "error")
    assert "severity=error" in page.url
    assert found == []


def test_official_table_keeps_its_column_widths(
    live_server: str, store: Store, browser_page: Any
) -> None:
    page = browser_page
    page.goto(f"{live_server}/forms/{store.form_ids()[0]}")
    widths = page.evaluate(
        "() => [...document.querySelectorAll('table.official col')]"
        ".map(c => getComputedStyle(c).width)"
    )
    assert widths and len(set(widths)) > 1, widths


def test_another_origin_cannot_frame_the_app(live_server: str, browser_page: Any) -> None:
    page = browser_page
    page.set_content(f'<iframe id="f" src="{live_server}/import"></iframe>')
    page.wait_for_timeout(1500)
    assert page.frame_locator("#f").locator("header.topbar .brand").count() == 0
    assert not page.frames[1].url.startswith(live_server), page.frames[1].url
