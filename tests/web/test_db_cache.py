"""Aggregates kept per database until it changes (jixiao.web.db_cache): the dashboard,
/api/stats and the filter choices never show stale figures."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from jixiao.audit import review
from jixiao.parse import parse_file
from jixiao.store import DocumentInfo, Filters, Store, changes, open_store
from jixiao.store.stats import statistics
from jixiao.web import create_app, db_cache
from support import LOCAL
from web_client import WebClient

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _save(store: Store, seed: str, digest: str) -> None:
    reviewed = review(list(parse_file(EXAMPLES / seed).forms))
    store.save_forms(
        [r.published() for r in reviewed],
        DocumentInfo(seed, digest * 64),
        scores=[r.score for r in reviewed],
    )


@pytest.fixture(params=["data_version", "aggregate"])
def marker_kind(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both ways of seeing a change: SQLite's data_version, the aggregate query."""
    if request.param == "aggregate":
        monkeypatch.setattr(changes, "_sqlite_file", lambda store: None)
    db_cache.clear()
    kind: str = request.param
    return kind


def test_the_marker_is_the_kind_expected(empty_store: Store, marker_kind: str) -> None:
    marker: Any = changes.change_marker(empty_store)
    assert (marker[0] == "data_version") == (marker_kind == "data_version")


def test_pages_follow_every_change(empty_store: Store, marker_kind: str) -> None:
    with WebClient(create_app(empty_store), base_url=LOCAL) as web:
        assert web.get("/api/stats").json()["forms"] == 0
        assert "数据库中还没有表单" in web.get("/").text
        _save(empty_store, "000_52d2d39b8e94208b.txt", "a")
        assert web.get("/api/stats").json()["forms"] == 12
        assert web.get("/api/forms?per_page=1").json()["total"] == 12
        findings = web.get("/api/findings?per_page=1").json()["total"]
        assert 'id="dashboard-data"' in web.get("/").text
        assert 2024 in web.get("/api/stats").json()["by_year"][0].values()

        # A re-scoring that changes only computed scores (no form, no finding added).
        ids = [r["id"] for r in empty_store.forms()]
        before = web.get("/api/stats?points=false").json()["by_computed_grade"]
        empty_store.update_reviews({}, {ids[0]: None})
        after = web.get("/api/stats?points=false").json()["by_computed_grade"]
        assert after != before and {"key": None, "count": 1} in after

        # Another connection (as `jixiao import` in another process) adds a document.
        with open_store(empty_store.url) as other:
            _save(other, "004_30fc85b3e2ff877a.txt", "b")
        stats = web.get("/api/stats").json()
        assert stats["forms"] == 16 and len(stats["points"]) == 12
        assert "target_declaration" in {e["key"] for e in stats["by_kind"]}
        assert web.get("/api/forms?per_page=1").json()["total"] == 16
        assert web.get("/api/findings?per_page=1").json()["total"] > findings


def test_a_cached_answer_is_the_same_answer(client: TestClient) -> None:
    first = client.get("/api/stats?year=2024")
    second = client.get("/api/stats?year=2024")
    assert first.content == second.content
    assert first.headers["content-type"].startswith("application/json")
    page = client.get("/?year=2024").text
    assert page == client.get("/?year=2024").text


@pytest.mark.parametrize("filters", [Filters(), Filters(year=2024), Filters(unit="松江")])
def test_counts_from_one_scan_equal_counting_each_form(store: Store, filters: Filters) -> None:
    rows = store.forms(filters)
    stats = statistics(store, filters, points=False)
    assert stats["forms"] == len(rows)
    for name, column in [
        ("by_year", "year"),
        ("by_grade", "grade"),
        ("by_computed_grade", "computed_grade"),
        ("by_kind", "kind"),
        ("by_department", "department"),
        ("by_unit", "unit"),
    ]:
        expected = Counter(r[column] for r in rows)
        assert {e["key"]: e["count"] for e in stats[name]} == dict(expected), name
        counts = [e["count"] for e in stats[name]]
        assert counts == sorted(counts, reverse=True), name
