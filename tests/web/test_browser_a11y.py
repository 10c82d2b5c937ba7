"""Accessibility in chromium: keyboard focus is drawn, severity is shown by a shape as
well as a colour, every page fits 1366 pixels without sideways scrolling."""

from __future__ import annotations

from typing import Any

import pytest

from jixiao.store import Store

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_keyboard_focus_is_outlined(live_server: str, browser_page: Any) -> None:
    page = browser_page
    page.goto(f"{live_server}/forms")
    for _ in range(3):
        page.keyboard.press("Tab")
    style = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return [document.activeElement.tagName, s.outlineStyle, s.outlineWidth]; }"
    )
    assert style[0] in ("A", "INPUT", "SELECT", "BUTTON")
    # Our outline (3px solid), not the browser's thin default ring.
    assert (style[1], style[2]) == ("solid", "3px"), style


def test_severity_markers_have_a_shape(live_server: str, store: Store, browser_page: Any) -> None:
    page = browser_page
    stored = next(s for s in store.iter_stored() if s.form.findings)
    page.goto(f"{live_server}/forms/{stored.id}")
    shapes = page.evaluate(
        "() => [...document.querySelectorAll('.fmark, .code-chip')].map(e =>"
        " [e.className, getComputedStyle(e, '::before').content])"
    )
    assert shapes
    for class_name, content in shapes:
        assert any(s in content for s in ("✖", "▲", "ℹ")), (class_name, content)


@pytest.mark.parametrize("path", ["/", "/forms", "/findings", "/import", "/fill/new"])
def test_pages_fit_a_1366_screen(live_server: str, browser_page: Any, path: str) -> None:
    page = browser_page
    page.goto(f"{live_server}{path}")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
