"""填报 in chromium: open a draft, change an indicator's actual value and watch the
computed score and the findings change, type a bad number, reorder rows, save, export.
Screenshots are test artifacts."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import pytest
from browser_wait import wait_until

from jixiao.model import SelfEvaluation
from jixiao.parse import parse_file
from jixiao.store import Store, open_store
from jixiao.web.fill_form import editable_copy

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

pytestmark = [pytest.mark.browser, pytest.mark.slow]

_WAIT = 15_000
"""Milliseconds to wait for a live preview (generous: CI machines may be busy)."""


@pytest.fixture
def draft(
    tmp_path: Path, serve_store: Callable[[Store], AbstractContextManager[str]]
) -> Iterator[tuple[Store, str, int]]:
    """A store holding one draft (the first form of seed 000), a server on it."""
    form = parse_file(EXAMPLES / "000_52d2d39b8e94208b.txt").forms[0]
    assert isinstance(form, SelfEvaluation)
    with open_store(str(tmp_path / "fill.db")) as store, serve_store(store) as url:
        yield store, url, store.save_draft(editable_copy(form))


def test_edit_a_draft_and_watch_the_score(
    draft: tuple[Store, str, int],
    browser_page: Any,
    screenshot: Callable[[Any, str], Path],
    tmp_path: Path,
) -> None:
    store, url, draft_id = draft
    page = browser_page
    page.goto(f"{url}/fill")
    page.click(f'a[href="/fill/{draft_id}"] >> nth=0')
    page.wait_for_url(f"**/fill/{draft_id}")
    url_before = page.url
    assert page.inner_text("#calc-total") == "97.37"
    assert page.inner_text('[data-calc="indicators.0.score"]') == "✓"

    page.fill('[name="indicators.0.actual"]', "300(天)")  # target =365(天), weight 6
    page.press('[name="indicators.0.actual"]', "Enter")  # next field, not 保存草稿
    assert page.evaluate("document.activeElement.name") == "indicators.0.weight"
    wait_until(page, "document.querySelector('#calc-total').textContent === '96.30'", timeout=_WAIT)
    assert page.inner_text('[data-calc="indicators.0.score"]') == "复核 4.93"
    assert "has-error" in (page.get_attribute('[data-field="indicators.0.score"]', "class") or "")
    assert "R001" in page.inner_text("#fill-findings")
    assert page.url == url_before
    page.locator('[data-field="indicators.0.score"]').scroll_into_view_if_needed()
    screenshot(page, "fill-score-changed")

    page.fill('[name="indicators.1.weight"]', "六分")
    box = page.locator('[data-field="indicators.1.weight"]')
    wait_until(
        page,
        "document.querySelector('[data-field=\"indicators.1.weight\"]').classList.contains('invalid')",
        timeout=_WAIT,
    )
    assert box.locator(".fe").inner_text() == "「六分」不是数字"
    page.fill('[name="indicators.1.weight"]', "6.00")
    wait_until(
        page,
        "!document.querySelector('[data-field=\"indicators.1.weight\"]').classList.contains('invalid')",
        timeout=_WAIT,
    )

    first = page.input_value('[name="indicators.0.name"]')
    page.click("#fill-rows tr:nth-child(1) .row-down")
    assert page.input_value('[name="indicators.1.name"]') == first
    dragged = page.input_value('[name="indicators.2.name"]')
    page.locator("#fill-rows tr:nth-child(3) .handle").drag_to(
        page.locator("#fill-rows tr:nth-child(5) td:nth-child(4)")
    )
    names = page.eval_on_selector_all(
        "#fill-rows textarea[name$='.name']", "els => els.map(e => [e.name, e.value])"
    )
    assert [n for n, _ in names] == [f"indicators.{i}.name" for i in range(len(names))]
    assert [v for _, v in names].index(dragged) > 2  # moved down by dragging its handle
    rows = page.locator("#fill-rows tr").count()
    page.click("#add-row")
    assert page.locator("#fill-rows tr").count() == rows + 1
    page.click(f"#fill-rows tr:nth-child({rows + 1}) .row-del")

    page.click("#save-draft")
    page.wait_for_url(re.compile(rf"/fill/{draft_id}\?saved=1"), timeout=_WAIT)
    saved = store.load_draft(draft_id)
    assert [r.name for r in saved.indicators][:2][1] == first
    assert saved.indicators[1].actual == "300(天)"
    screenshot(page, "fill-saved")

    with page.expect_download() as info:
        page.click("#export-xlsx")
    download = info.value
    assert download.suggested_filename.endswith("自评表.xlsx")
    target = tmp_path / "export.xlsx"
    download.save_as(target)
    (back,) = parse_file(target).forms
    assert back.project == saved.project
    assert back.indicators[1].actual == "300(天)"


def test_the_page_computes_the_rate_the_budget_score_and_the_total(
    draft: tuple[Store, str, int], browser_page: Any
) -> None:
    _, url, _ = draft
    page = browser_page
    page.goto(f"{url}/fill/new?kind=self_evaluation")
    page.fill('[name="funds.total.adjusted"]', "175.65")
    page.fill('[name="funds.total.executed"]', "151.89")
    assert page.input_value('[name="funds.total.rate"]') == "86.47"
    assert page.input_value('[name="funds.total.score"]') == "8.65"  # 10 points × 86.47 %
    page.fill('[name="indicators.0.score"]', "45")
    page.fill('[name="indicators.1.score"]', "40.1")
    assert page.input_value('[name="total_score"]') == "93.75"
    page.fill('[name="funds.total.executed"]', "200")  # above the budget: capped at 100 %
    assert page.input_value('[name="funds.total.rate"]') == "113.86"
    assert page.input_value('[name="total_score"]') == "95.10"
    page.fill('[name="funds.total.score"]', "7")  # the unit's own figure stays, the check flags it
    assert page.input_value('[name="total_score"]') == "92.10"
    wait_until(
        page, "document.querySelector('#fill-findings').textContent.includes('A004')", timeout=_WAIT
    )
    page.fill('[name="total_score"]', "99")
    page.fill('[name="indicators.1.score"]', "40")
    assert page.input_value('[name="total_score"]') == "99"
    page.fill('[name="total_score"]', "")  # emptied: computed again
    page.fill('[name="indicators.1.score"]', "40.5")
    assert page.input_value('[name="total_score"]') == "92.50"
