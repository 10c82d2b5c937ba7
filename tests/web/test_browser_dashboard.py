"""总览 in chromium: the charts draw, a filter swaps them (HTMX) and goes into the URL, a
click on a point opens its form and a click on a bar opens the forms behind it."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from browser_wait import wait_until

from jixiao.store import Store

pytestmark = [pytest.mark.browser, pytest.mark.slow]

_CHARTS = 8


def _wait_for_charts(page: Any) -> None:
    wait_until(page, f"document.body.dataset.charts === '{_CHARTS}'")
    wait_until(
        page,
        "document.getElementById('dashboard-data') && "
        "document.getElementById('dashboard-data').dataset.drawn === '1'",
    )


def _click_chart_at(page: Any, chart_id: str, finder: str) -> None:
    """Click the pixel that ``finder`` (JS evaluated with ``chart``) returns in a chart,
    once its drawing animation has finished (a bar still growing is missed by a click)."""
    wait_until(page, f"document.getElementById('{chart_id}').dataset.finished === '1'")
    xy = page.evaluate(
        f"""() => {{
            const el = document.getElementById('{chart_id}');
            el.scrollIntoView({{block: 'center'}});
            const chart = echarts.getInstanceByDom(el);
            const p = ({finder})(chart);
            const box = el.getBoundingClientRect();
            return [box.left + p[0], box.top + p[1]];
        }}"""
    )
    page.mouse.click(xy[0], xy[1])


def test_dashboard_draws_filters_and_opens_a_point(
    live_server: str,
    store: Store,
    browser_page: Any,
    screenshot: Callable[[Any, str], Path],
) -> None:
    page = browser_page
    page.goto(f"{live_server}/")
    _wait_for_charts(page)
    assert page.title().startswith("总览")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    total = len(store.forms())
    assert page.locator('[data-kpi="forms"] .kpi-value').inner_text() == f"{total:,}"
    screenshot(page, "dashboard")

    year = max(f["year"] for f in store.forms() if f["year"] is not None)
    expected = len(store.forms(year=year))
    page.select_option('select[name="year"]', str(year))
    page.wait_for_url(re.compile(rf"year={year}"))
    wait_until(
        page,
        "n => document.querySelector('[data-kpi=\"forms\"] .kpi-value').textContent.trim() === n",
        arg=f"{expected:,}",
    )
    _wait_for_charts(page)
    years = page.evaluate(
        "JSON.parse(document.getElementById('dashboard-data').textContent).by_year.map(e => e.key)"
    )
    assert years == [year]
    screenshot(page, "dashboard-filtered")

    # A point of the scatter chart opens its form.
    _click_chart_at(
        page,
        "chart-scatter",
        """chart => {
            const opt = chart.getOption();
            const s = opt.series.findIndex(x => x.data.length > 0);
            return chart.convertToPixel({seriesIndex: s}, opt.series[s].data[0].value);
        }""",
    )
    page.wait_for_url(re.compile(r"/forms/\d+$"))
    assert page.locator("table.official").is_visible()


def test_a_bar_opens_the_forms_behind_it(live_server: str, browser_page: Any) -> None:
    page = browser_page
    page.goto(f"{live_server}/")
    _wait_for_charts(page)
    _click_chart_at(
        page,
        "chart-year",
        """chart => {
            const s = chart.getOption().series[0];
            const cats = chart.getOption().xAxis[0].data;
            const last = cats.length - 1;
            return chart.convertToPixel({seriesIndex: 0}, [last, s.data[last] / 2]);
        }""",
    )
    page.wait_for_url(re.compile(r"/forms\?year=\d+"))


def test_back_after_a_filter_redraws_the_charts(live_server: str, browser_page: Any) -> None:
    page = browser_page
    page.goto(f"{live_server}/")
    _wait_for_charts(page)
    page.select_option('select[name="kind"]', "self_evaluation")
    page.wait_for_url(re.compile(r"kind=self_evaluation"))
    _wait_for_charts(page)
    page.go_back()
    page.wait_for_url(re.compile(r"/$"))
    _wait_for_charts(page)
    drawn = page.evaluate(
        "echarts.getInstanceByDom(document.getElementById('chart-year')) !== undefined"
    )
    assert drawn


def test_a_score_band_shows_its_forms_in_the_scatter_chart(
    live_server: str, browser_page: Any, screenshot: Callable[[Any, str], Path]
) -> None:
    page = browser_page
    page.goto(f"{live_server}/")
    _wait_for_charts(page)
    band = page.evaluate(
        """() => {
            const b = JSON.parse(document.getElementById('dashboard-data').textContent).bins;
            const i = b.reported.indexOf(Math.max(...b.reported));
            return [i, b.labels[i], b.reported[i]];
        }"""
    )
    index, label, count = band
    _click_chart_at(
        page,
        "chart-bins",
        f"""chart => {{
            const bar = chart.getModel().getSeriesByIndex(0).getData().getItemLayout({index});
            return [bar.x + bar.width / 2, bar.y + bar.height / 2];
        }}""",
    )
    note = page.locator("#scatter-zoom")
    note.wait_for(state="visible")
    low = int(label.split("–")[0])
    assert f"{low}–{low + 5}" in note.inner_text() and f"共 {count} 张" in note.inner_text()
    zoom = page.evaluate(
        "(() => { const z = echarts.getInstanceByDom(document.getElementById('chart-scatter'))"
        ".getOption().dataZoom[1]; return [z.startValue, z.endValue]; })()"
    )
    assert zoom == [low, low + 5]
    screenshot(page, "dashboard-score-band")
    note.locator("button").click()
    assert not note.is_visible()
