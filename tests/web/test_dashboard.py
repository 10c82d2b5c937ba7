"""总览 /: KPI cards, chart data aggregated in SQL, filters, HTMX partial, empty state."""

from __future__ import annotations

import json
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from jixiao.audit import review
from jixiao.model import SelfEvaluation
from jixiao.parse import parse_file
from jixiao.store import DocumentInfo, Filters, Store
from jixiao.store.dashboard import BIN_WIDTH, kpis, scatter_points, score_bins
from jixiao.web import create_app
from support import LOCAL
from web_client import WebClient

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _data(html: str) -> dict[str, Any]:
    found = re.search(
        r'<script type="application/json" id="dashboard-data">(.*?)</script>', html, re.S
    )
    assert found, "no chart data in the page"
    data: dict[str, Any] = json.loads(found.group(1), parse_float=Decimal)
    return data


def _kpi(html: str, name: str) -> str:
    found = re.search(rf'data-kpi="{name}">.*?<span class="kpi-value">(.*?)</span>', html, re.S)
    assert found, name
    return found.group(1).strip()


def test_dashboard_counts_every_form_and_finding(client: TestClient, store: Store) -> None:
    response = client.get("/")
    assert response.status_code == 200
    html = response.text
    forms = store.forms()
    assert _kpi(html, "forms") == f"{len(forms):,}"
    data = _data(html)
    assert sum(e["count"] for e in data["by_year"]) == len(forms)
    years = [e["key"] for e in data["by_year"]]
    assert years == sorted(years, key=lambda y: (y is None, y or 0))
    findings = store.findings()
    assert sum(g["count"] for g in data["findings_by_code"]) == len(findings)
    errors = sum(1 for f in findings if f["severity"] == "error")
    assert _kpi(html, "errors") == f"{errors:,}"
    for chart in ("year", "grade", "department", "unit", "scatter", "bins", "severity", "codes"):
        assert f'id="chart-{chart}"' in html
    assert "/static/vendor/echarts.min.js" in html


def test_the_average_self_score_is_computed_by_the_database(
    client: TestClient, store: Store
) -> None:
    totals = [f["total_score"] for f in store.forms() if f["total_score"] is not None]
    expected = (sum(totals) / len(totals)).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert _kpi(client.get("/").text, "avg_reported") == f"{expected:f}"


def test_a_filter_applies_to_every_figure(client: TestClient, store: Store) -> None:
    year = store.forms()[0]["year"]
    matching = store.forms(year=year)
    html = client.get(f"/?year={year}").text
    assert _kpi(html, "forms") == f"{len(matching):,}"
    data = _data(html)
    assert data["params"] == {"year": str(year)}
    assert [e["key"] for e in data["by_year"]] == [year]
    assert sum(e["count"] for e in data["by_grade"]) == len(matching)
    assert sum(g["count"] for g in data["findings_by_code"]) == len(store.findings(year=year))
    assert f'<option value="{year}" selected>' in html
    # Links behind the KPI cards keep the filter.
    assert f'href="/forms?year={year}"' in html
    assert f'href="/forms?year={year}&amp;lenient=true"' in html


def test_htmx_gets_only_the_charts_and_kpis(client: TestClient) -> None:
    html = client.get("/?kind=self_evaluation", headers={"HX-Request": "true"}).text
    assert html.lstrip().startswith('<div id="dashboard">')
    assert "<html" not in html and 'id="dashboard-filters"' not in html
    assert _data(html)["params"] == {"kind": "self_evaluation"}


def test_bad_filters_are_explained_in_chinese(client: TestClient) -> None:
    response = client.get("/?year=二〇二四")
    assert response.status_code == 422
    assert "年度应为整数" in response.text
    assert client.get("/?kind=nonsense").status_code == 422


def test_no_matching_forms_is_an_empty_state(client: TestClient) -> None:
    html = client.get("/?year=1900").text
    assert "没有符合筛选条件的表单" in html
    assert 'id="dashboard-data"' not in html


def test_an_empty_database_invites_an_import(empty_client: TestClient) -> None:
    html = empty_client.get("/").text
    assert "数据库中还没有表单" in html and 'href="/import"' in html


def test_chart_data_cannot_break_out_of_its_script(empty_store: Store) -> None:
    form = parse_file(EXAMPLES / "000_52d2d39b8e94208b.txt").forms[0]
    evil = form.model_copy(update={"unit": "</script><script>alert(1)</script>"})
    empty_store.save_forms([evil], DocumentInfo("e.txt", "e" * 64))
    with WebClient(create_app(empty_store), base_url=LOCAL) as web:
        html = web.get("/").text
    assert "<script>alert(1)" not in html
    assert _data(html)["by_unit"][0]["key"] == evil.unit


@pytest.fixture
def scored_store(empty_store: Store) -> Store:
    """The 12 forms of seed 000 stored with their computed scores, two made lenient."""
    forms = list(parse_file(EXAMPLES / "000_52d2d39b8e94208b.txt").forms)
    for i in (0, 1):
        form = forms[i]
        assert isinstance(form, SelfEvaluation) and form.total_score is not None
        forms[i] = form.model_copy(update={"total_score": form.total_score + 3})
    reviewed = review(forms)
    empty_store.save_forms(
        [r.published() for r in reviewed],
        DocumentInfo("s.txt", "s" * 64),
        scores=[r.score for r in reviewed],
    )
    return empty_store


def test_kpis_compare_reported_and_computed_totals(scored_store: Store) -> None:
    rows = scored_store.forms()
    both = [r for r in rows if r["total_score"] is not None and r["computed_total"] is not None]
    lenient = [r for r in both if r["total_score"] > r["computed_total"]]
    figures = kpis(scored_store, Filters())
    assert (figures.forms, figures.scored, figures.lenient) == (len(rows), len(both), len(lenient))
    assert len(lenient) >= 2
    avg = sum(r["computed_total"] for r in both) / len(both)
    assert figures.avg_computed == avg.quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert figures.lenient_share == (Decimal(100) * len(lenient) / len(both)).quantize(
        Decimal("0.1")
    )
    with WebClient(create_app(scored_store), base_url=LOCAL) as web:
        html = web.get("/").text
    assert _kpi(html, "lenient") == f"{figures.lenient_share}%"
    assert _kpi(html, "avg_computed") == f"{figures.avg_computed}"


def test_score_bins_count_every_total_once(scored_store: Store) -> None:
    rows = scored_store.forms()
    bins = score_bins(scored_store, Filters())
    assert sum(bins["reported"]) == sum(1 for r in rows if r["total_score"] is not None)
    assert sum(bins["computed"]) == sum(1 for r in rows if r["computed_total"] is not None)
    assert bins["labels"][-1] == f"{100 - BIN_WIDTH}–100"
    for r in rows:
        if r["total_score"] is not None:
            k = min(int(r["total_score"] // BIN_WIDTH), 100 // BIN_WIDTH - 1)
            assert bins["labels"][k - (100 // BIN_WIDTH - len(bins["labels"]))].startswith(
                f"{k * BIN_WIDTH}–"
            )


def test_scatter_points_mark_the_lenient_forms(scored_store: Store) -> None:
    points = scatter_points(scored_store, Filters())
    rows = {r["id"]: r for r in scored_store.forms()}
    assert len(points) == sum(
        1 for r in rows.values() if r["total_score"] is not None and r["budget_rate"] is not None
    )
    for form_id, rate, reported, computed in points:
        row = rows[form_id]
        assert Decimal(reported) == row["total_score"]
        assert Decimal(computed) == row["computed_total"]
        assert Decimal(rate) == (row["computed_budget_rate"] or row["budget_rate"])
    assert sum(1 for p in points if p[3] is not None and Decimal(p[2]) > Decimal(p[3])) >= 2
