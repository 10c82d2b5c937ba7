"""The figures of the 总览 page and the statistics of the API, over the stored forms that
match a filter.

The counting is SQL in the store (:mod:`jixiao.store.stats`, :mod:`jixiao.store.dashboard`);
what the dashboard shows of it — the KPI cards, and for the charts the counts by year
(in year order), the 15 departments and units with most forms, the grades, the findings
by code and severity, the score histogram and the reported-vs-computed points — is put
together here once (:func:`dashboard_figures`), so a page or a script gets the same figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from jixiao.store import Filters, Store
from jixiao.store.dashboard import (
    BIN_WIDTH,
    MAX_POINTS,
    FilterChoices,
    Kpis,
    Overview,
    filter_choices,
    overview,
    scatter_points,
)
from jixiao.store.stats import POINT_NUMBERS, facets, finding_groups, statistics

__all__ = [
    "BIN_WIDTH",
    "MAX_POINTS",
    "POINT_NUMBERS",
    "Dashboard",
    "FilterChoices",
    "Kpis",
    "dashboard_figures",
    "facets",
    "filter_choices",
    "finding_groups",
    "statistics",
]

_TOP = 15
"""Departments and units charted: the 15 with most forms."""


@dataclass(frozen=True)
class Dashboard:
    """The KPI cards and what the charts draw (``None`` when no form matches)."""

    kpis: Kpis
    charts: dict[str, Any] | None
    choices: FilterChoices | None = None
    """The filter form's choices, when the filters keep every form (else ``None``: see
    :func:`filter_choices`)."""


def dashboard_figures(store: Store, filters: Filters) -> Dashboard:
    """The 总览 figures over the forms matching ``filters``."""
    figures = overview(store, filters)
    charts = _charts(store, filters, figures) if figures.kpis.forms else None
    return Dashboard(figures.kpis, charts, figures.choices)


def _charts(store: Store, filters: Filters, figures: Overview) -> dict[str, Any]:
    """Everything the charts draw, as plain data (numbers keep their digits)."""
    stats = figures.statistics
    return {
        "by_year": sorted(stats["by_year"], key=lambda e: (e["key"] is None, e["key"] or 0)),
        "by_department": stats["by_department"][:_TOP],
        "by_unit": stats["by_unit"][:_TOP],
        "by_grade": stats["by_grade"],
        "by_computed_grade": stats["by_computed_grade"],
        "by_kind": stats["by_kind"],
        "findings_by_code": [
            {k: g[k] for k in ("code", "severity", "title", "count", "forms")}
            for g in stats["findings_by_code"]
        ],
        "findings_by_severity": stats["findings_by_severity"],
        "bins": figures.bins,
        "bin_width": BIN_WIDTH,
        "points": scatter_points(store, filters),
        "max_points": MAX_POINTS,
    }
