"""The store's aggregates (the web's statistics, dashboard figures and change marker,
moved into ``jixiao.store``) on every backend: the same figures the stored rows give
when counted in Python, on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest

from jixiao.audit import review
from jixiao.parse import parse_file
from jixiao.store import DocumentInfo, Filters, Store, open_store
from jixiao.store.changes import change_marker, close_watchers
from jixiao.store.dashboard import filter_choices, kpis, scatter_points, score_bins
from jixiao.store.stats import POINT_NUMBERS, facets, finding_groups, statistics
from store_support import BACKENDS, make_url, save_seeds

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    for url in make_url(request.param, tmp_path):
        with open_store(url) as opened:
            save_seeds(opened, "000_52d2d39b8e94208b.txt", "004_30fc85b3e2ff877a.txt")
            yield opened
        close_watchers()


def test_statistics_count_what_the_rows_hold(store: Store) -> None:
    rows, findings = store.forms(), store.findings()
    stats = statistics(store, Filters())
    assert stats["forms"] == len(rows)
    by_year = {e["key"]: e["count"] for e in stats["by_year"]}
    assert by_year == Counter(r["year"] for r in rows)
    assert {e["key"]: e["count"] for e in stats["by_kind"]} == Counter(r["kind"] for r in rows)
    assert sum(g["count"] for g in stats["findings_by_code"]) == len(findings)
    assert finding_groups(store, Filters()) == stats["findings_by_code"]
    scored = [r for r in rows if r["total_score"] is not None]
    assert [p["id"] for p in stats["points"]] == [r["id"] for r in scored]
    rates = [p["rate"] for p in stats["points"]]
    assert rates == [
        r["computed_budget_rate"] if r["computed_budget_rate"] is not None else r["budget_rate"]
        for r in scored
    ]
    assert any(isinstance(rate, Decimal) for rate in rates)
    assert facets(store)["years"] == sorted({r["year"] for r in rows if r["year"]}, reverse=True)
    year = stats["by_year"][0]["key"]
    assert statistics(store, Filters(year=year))["forms"] == by_year[year]


def test_dashboard_figures_count_what_the_rows_hold(store: Store) -> None:
    rows = store.forms()
    both = [r for r in rows if r["total_score"] is not None and r["computed_total"] is not None]
    figures = kpis(store, Filters())
    assert (figures.forms, figures.scored) == (len(rows), len(both))
    assert figures.lenient == sum(r["total_score"] > r["computed_total"] for r in both)
    mean = sum(r["computed_total"] for r in both) / len(both)
    assert figures.avg_computed == Decimal(mean).quantize(Decimal("0.01"), ROUND_HALF_UP)
    errors = [f for f in store.findings() if f["severity"] == "error"]
    assert figures.errors == len(errors)
    bins = score_bins(store, Filters())
    assert sum(bins["reported"]) == sum(r["total_score"] is not None for r in rows)
    points = scatter_points(store, Filters())
    assert {p[0] for p in points} <= {r["id"] for r in rows} and points
    assert set(filter_choices(store).years) == {r["year"] for r in rows if r["year"]}


def test_the_change_marker_sees_a_rescoring(store: Store) -> None:
    before = change_marker(store)
    assert change_marker(store) == before
    store.update_reviews({}, {store.form_ids()[0]: None})
    assert change_marker(store) != before


def test_a_document_record_and_the_same_project(store: Store) -> None:
    (doc, *_) = store.documents()
    assert store.document(doc["id"]) == doc
    assert store.document(doc["id"] + 1000) is None
    first = store.get(store.form_ids()[0])
    assert first is not None
    assert all(r["id"] != first.id for r in store.same_project(first.form, exclude=first.id))


def test_the_overview_is_the_figures_one_by_one_within_a_scope(store: Store) -> None:
    from jixiao.store import Visibility
    from jixiao.store.dashboard import overview

    other = review(list(parse_file(EXAMPLES / "002_3d7362f935c9f97e.txt").forms))
    store.save_forms(
        [r.form.model_copy(update={"unit": "另一单位"}) for r in other],
        DocumentInfo("other.txt", "c" * 64),
        scores=[r.score for r in other],
    )
    unit = "另一单位"
    seen = store.within(Visibility(units=(unit,)))
    rows = seen.forms()
    assert rows and len(rows) < len(store.forms())
    figures = overview(seen, Filters())
    assert figures.kpis == kpis(seen, Filters())
    assert figures.kpis.forms == len(rows)
    assert figures.bins == score_bins(seen, Filters())
    assert figures.statistics == statistics(seen, Filters(), points=False)
    by_unit = {e["key"]: e["count"] for e in figures.statistics["by_unit"]}
    assert by_unit == {unit: len(rows)}
    errors = [f for f in seen.findings() if f["severity"] == "error"]
    assert figures.kpis.errors == len(errors)
    assert overview(seen, Filters(code="A")).kpis.errors == kpis(seen, Filters(code="A")).errors
    assert filter_choices(seen).units == [unit]
    # an unfiltered overview brings the filter choices from its own scan, a filtered one none
    assert figures.choices == filter_choices(seen)
    assert overview(store, Filters()).choices == filter_choices(store)
    assert overview(seen, Filters(year=rows[0]["year"])).choices is None
    assert overview(seen, Filters(code="A")).choices is None


def test_findings_by_code_leave_out_withdrawn_forms(store: Store) -> None:
    """With no filter the findings are counted over all forms less those of the forms
    left out (here a withdrawn one): the same as counting the current forms' findings."""
    from jixiao.model.access import Role, Scope
    from jixiao.service.access import Principal
    from jixiao.service.governance import withdraw_form

    def by_hand() -> list[tuple[str, str, int, int]]:
        found: dict[tuple[str, str], list[Any]] = {}
        for f in store.findings():
            entry = found.setdefault((f["code"], f["severity"]), [0, set()])
            entry[0] += 1
            entry[1].add(f["form_id"])
        return sorted((c, s, n, len(ids)) for (c, s), (n, ids) in found.items())

    def counted() -> list[tuple[str, str, int, int]]:
        groups = finding_groups(store, Filters())
        return sorted((g["code"], g["severity"], g["count"], g["forms"]) for g in groups)

    before = counted()
    assert before == by_hand()
    worst = max(store.forms(), key=lambda r: store.count_findings(Filters(form_ids=(r["id"],))))
    finance = Principal(8, "finance", "财政", Role.FINANCE_REVIEWER, Scope.everything())
    withdraw_form(store, finance, worst["id"], "测试")
    after = counted()
    assert after == by_hand() != before
    assert sum(n for *_, n, _ in after) < sum(n for *_, n, _ in before)


def test_points_as_stored_are_the_same_numbers(store: Store) -> None:
    """``stored_numbers``: the points' numbers as the database returns them (text on
    SQLite), the same values as the ``Decimal`` ones."""
    exact = statistics(store, Filters())
    stored = statistics(store, Filters(), stored_numbers=True)
    assert exact["points"] and len(stored["points"]) == len(exact["points"])
    assert {k: v for k, v in stored.items() if k != "points"} == {
        k: v for k, v in exact.items() if k != "points"
    }
    for as_stored, point in zip(stored["points"], exact["points"], strict=True):
        for key, value in point.items():
            got = as_stored[key]
            if key in POINT_NUMBERS and got is not None:
                assert str(got) == str(value) and isinstance(value, Decimal)
            else:
                assert got == value
