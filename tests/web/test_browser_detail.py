"""表单详情 in chromium: the official table fits the screen, a finding explains itself on
hover and on tap, the 原文 panel loads the source lines. Screenshots are test artifacts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from jixiao.audit import review
from jixiao.render.official import official_table
from jixiao.store import Store, StoredForm
from jixiao.web.official_html import official_view

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _form_with_error_on_a_cell(store: Store) -> StoredForm:
    for stored in store.iter_stored(kind="self_evaluation"):
        form = stored.form if stored.score is not None else review([stored.form])[0].published()
        view = official_view(official_table(form), form.findings)
        if any(m.severity == "error" for r in view.rows for c in r.cells for m in c.marks):
            return stored
    raise AssertionError("no seed form has an error finding on a cell")


def test_a_finding_on_its_cell_explains_itself(
    live_server: str,
    store: Store,
    browser_page: Any,
    screenshot: Callable[[Any, str], Path],
) -> None:
    page = browser_page
    stored = _form_with_error_on_a_cell(store)
    page.goto(f"{live_server}/forms/{stored.id}")
    assert page.title().startswith(stored.form.project or "")
    table = page.locator("table.official")
    assert table.is_visible()
    # The table fits a 1366-pixel screen: nothing scrolls sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    screenshot(page, "form-detail")

    mark = page.locator("table.official .fmark.sev-error").first
    popover = mark.locator(".fpop")
    assert not popover.is_visible()
    mark.scroll_into_view_if_needed()
    mark.hover()
    popover.wait_for(state="visible")
    code = mark.get_attribute("data-code")
    assert code and code in popover.inner_text()
    assert "规则" in popover.inner_text()
    screenshot(page, "form-detail-finding")

    # A tap (click) keeps it open after the pointer leaves; Escape closes it.
    page.mouse.move(0, 0)
    assert not popover.is_visible()
    mark.click()
    page.mouse.move(0, 0)
    assert popover.is_visible()
    page.keyboard.press("Escape")
    assert not popover.is_visible()

    # The reviewed score beside a reported one explains how it was computed.
    note = page.locator("table.official .score-note").first
    note.scroll_into_view_if_needed()
    note.hover()
    assert note.locator(".fpop").is_visible()


def test_the_source_panel_loads_the_original_lines(
    live_server: str, store: Store, browser_page: Any, screenshot: Callable[[Any, str], Path]
) -> None:
    page = browser_page
    stored = next(store.iter_stored(kind="self_evaluation"))
    first, _last = stored.form.source.lines
    page.goto(f"{live_server}/forms/{stored.id}")
    page.locator("#source > summary").click()
    line = page.locator(f"#line-{first}")
    line.wait_for(state="visible")
    assert str(first) in line.inner_text()
    screenshot(page, "form-detail-source")


def test_an_unplaced_finding_opens_its_source_line(
    live_server: str, store: Store, browser_page: Any, screenshot: Callable[[Any, str], Path]
) -> None:
    page = browser_page
    for stored in store.iter_stored():
        view = official_view(official_table(stored.form), stored.form.findings)
        lines = [m.line for m in view.unplaced if m.line is not None]
        if lines:
            break
    else:
        pytest.fail("no seed form has a finding outside the table with a source line")
    page.goto(f"{live_server}/forms/{stored.id}")
    page.locator(f'a.to-source[href="#line-{lines[0]}"]').first.click()
    line = page.locator(f"#line-{lines[0]}")
    line.wait_for(state="visible")
    # the line is marked once HTMX has settled the swapped-in lines: wait for it, do not race
    page.wait_for_selector(f"#line-{lines[0]}.target", timeout=5000)
    assert page.locator("#source").evaluate("el => el.open")
    screenshot(page, "form-detail-source-line")


_OVERFLOWS = """() => {
  const out = [];
  const notes = 'table.official .score-note, table.official .fmark';
  for (const note of document.querySelectorAll(notes)) {
    const cell = note.closest('td').getBoundingClientRect();
    const box = note.getBoundingClientRect();
    if (box.right > cell.right + 0.5 || box.left < cell.left - 0.5) out.push(note.textContent);
  }
  for (const td of document.querySelectorAll('table.official td')) {
    if (td.scrollWidth > td.clientWidth + 1) out.push('cell: ' + td.textContent.slice(0, 20));
  }
  return out;
}"""


def _forms_with_bands(store: Store) -> list[StoredForm]:
    """Forms whose page shows a 区间 note (a qualitative row's allowed band)."""
    found = []
    for stored in store.iter_stored(kind="self_evaluation"):
        rows = stored.score.rows if stored.score else ()
        if any(r.band_low is not None and r.band_high is not None for r in rows):
            found.append(stored)
    return found


def test_band_notes_stay_in_their_cells_on_screen_and_on_a4(
    live_server: str,
    store: Store,
    browser_page: Any,
    screenshot: Callable[[Any, str], Path],
    tmp_path: Path,
) -> None:
    """A 区间 12.00–15.00 note breaks inside the 得分 column instead of running into
    偏差原因; printed on A4 portrait the whole table fits the page, no column cut."""
    import pypdfium2 as pdfium

    page = browser_page
    forms = _forms_with_bands(store)
    assert forms
    for stored in forms[:4]:
        page.goto(f"{live_server}/forms/{stored.id}")
        assert "区间" in page.locator("table.official").inner_text()
        assert page.evaluate(_OVERFLOWS) == [], stored.id
        assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    screenshot(page, "form-detail-bands")

    page.emulate_media(media="print")
    page.set_viewport_size({"width": 718, "height": 1000})  # A4 less 10 mm margins, 96 dpi
    assert page.evaluate(_OVERFLOWS) == []
    assert (
        page.evaluate("document.querySelector('table.official').getBoundingClientRect().right")
        <= 718
    )
    screenshot(page, "form-detail-print")
    pdf = tmp_path / "form.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    doc = pdfium.PdfDocument(str(pdf))
    width = doc[0].get_width()
    text = ""
    for i in range(len(doc)):
        tp = doc[i].get_textpage()
        boxes = [tp.get_charbox(k) for k in range(tp.count_chars())]
        assert all(b[2] <= width + 0.5 for b in boxes)  # nothing beyond the paper's edge
        text += tp.get_text_range()
    flat = "".join(text.split())
    assert "偏差原因" in flat and "区间" in flat
