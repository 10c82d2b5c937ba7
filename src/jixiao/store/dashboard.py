"""What the 总览 page shows besides the counts of :func:`jixiao.store.stats.statistics`:
the KPI cards, the distribution of reported and computed totals, one compact point per
scored form, and the choices of the filter form. The figures over forms are sums over
the groups of :func:`jixiao.store.summary.form_groups` (one scan of the forms);
:func:`overview` gives the whole page's figures from that scan and one over the
findings, so the page stays fast with a hundred thousand forms.

Averages are exact: the database sums each score as a whole number of 1/10000 points
(scores are printed with at most two decimals), and the mean is a ``Decimal`` rounded
half-up to two decimals.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import String, func, select, type_coerce
from sqlalchemy.engine import Connection

from jixiao.store.filters import Filters, form_conditions
from jixiao.store.schema import FindingRow, FormRow
from jixiao.store.stats import statistics_of
from jixiao.store.store import Store
from jixiao.store.summary import BIN_WIDTH, SCALE, FormGroup, bin_counts, counts_by, form_groups

__all__ = [
    "BIN_WIDTH",
    "MAX_POINTS",
    "FilterChoices",
    "Kpis",
    "Overview",
    "choices_of",
    "filter_choices",
    "kpis",
    "kpis_of",
    "overview",
    "scatter_points",
    "score_bins",
]

MAX_POINTS = 20_000
"""At most this many forms are drawn in the scatter chart (the newest are kept)."""
_CHOICES = 300
_CENT = Decimal("0.01")


@dataclass(frozen=True)
class Kpis:
    """The KPI cards of the dashboard."""

    forms: int
    scored: int
    """Forms with both a reported and a computed total."""
    avg_reported: Decimal | None
    avg_computed: Decimal | None
    lenient: int
    """Forms whose reported total is above the computed total."""
    errors: int
    """Error-level findings of the matching forms."""

    @property
    def lenient_share(self) -> Decimal | None:
        """Percent of the scored forms that are lenient."""
        if not self.scored:
            return None
        return (Decimal(100) * self.lenient / self.scored).quantize(Decimal("0.1"))


@dataclass(frozen=True)
class FilterChoices:
    """The values offered by the filter form (over the whole store, most frequent first)."""

    years: list[int]
    departments: list[str]
    units: list[str]
    grades: list[str]


def _average(total: int, count: int) -> Decimal | None:
    if not count:
        return None
    return (Decimal(int(total)) / SCALE / count).quantize(_CENT, ROUND_HALF_UP)


def _errors(conn: Connection, filters: Filters) -> int:
    """Error-level findings of the forms matching ``filters``."""
    conditions = form_conditions(filters)
    errors = select(func.count(FindingRow.id)).where(FindingRow.severity == "error")
    if conditions:
        errors = errors.join(FormRow, FormRow.id == FindingRow.form_id).where(*conditions)
    return int(conn.execute(errors).scalar_one())


def kpis_of(groups: Sequence[FormGroup], errors: int) -> Kpis:
    """The KPI cards of the forms in ``groups`` (with ``errors`` error findings)."""
    scored = sum(g.scored for g in groups)
    return Kpis(
        forms=sum(g.forms for g in groups),
        scored=scored,
        avg_reported=_average(sum(g.reported_sum for g in groups), sum(g.reported for g in groups)),
        avg_computed=_average(sum(g.computed_sum for g in groups), scored),
        lenient=sum(g.lenient for g in groups),
        errors=errors,
    )


def kpis(store: Store, filters: Filters) -> Kpis:
    """The KPI cards for the forms matching ``filters``."""
    filters = store.scoped(filters)
    with store.engine.connect() as conn:
        return kpis_of(form_groups(conn, filters), _errors(conn, filters))


def _bins(conn: Connection, filters: Filters) -> dict[str, list[Any]]:
    last = 100 // BIN_WIDTH - 1  # 100 points belongs to the last bar (95–100)
    reported: dict[int, int] = {}
    computed: dict[int, int] = {}
    for r, c, n in bin_counts(conn, filters):
        for value, counts in ((r, reported), (c, computed)):
            if value is not None:
                key = min(int(value), last)
                counts[key] = counts.get(key, 0) + n
    used = [*reported, *computed]
    first = min(used) if used else last
    keys = range(first, last + 1)
    return {
        "labels": [f"{k * BIN_WIDTH}–{(k + 1) * BIN_WIDTH}" for k in keys],
        "reported": [reported.get(k, 0) for k in keys],
        "computed": [computed.get(k, 0) for k in keys],
    }


def score_bins(store: Store, filters: Filters) -> dict[str, list[Any]]:
    """The distribution of reported and computed totals of the forms matching
    ``filters``: ``labels`` (``0–5`` …), ``reported`` and ``computed`` counts per bar,
    from the lowest bar used."""
    with store.engine.connect() as conn:
        return _bins(conn, store.scoped(filters))


@dataclass(frozen=True)
class Overview:
    """The 总览 figures over forms: KPI cards, :func:`~jixiao.store.stats.statistics`
    without points, and the score histogram; and, when the filters keep every form the
    store sees, the filter form's choices (from the same scan)."""

    kpis: Kpis
    statistics: dict[str, Any]
    bins: dict[str, list[Any]]
    choices: FilterChoices | None = None


def overview(store: Store, filters: Filters) -> Overview:
    """The 总览 figures of the forms matching ``filters``: two scans of the forms' covering
    index, one of their findings (and, when the filters name findings, one more for the
    errors)."""
    filters = store.scoped(filters)
    with store.engine.connect() as conn:
        groups = form_groups(conn, filters)
        stats = statistics_of(conn, filters, groups, points=False)
        if filters.code or filters.severity:  # the findings counted are only those named
            errors = _errors(conn, filters)
        else:
            errors = sum(e["count"] for e in stats["findings_by_severity"] if e["key"] == "error")
        bins = _bins(conn, filters)
    # the filter choices are over the forms the store sees: these very groups when the
    # filters narrow nothing, so the first unfiltered page scans the forms once, not twice
    choices = choices_of(groups) if filters == store.scoped() else None
    return Overview(kpis_of(groups, errors), stats, bins, choices)


def scatter_points(store: Store, filters: Filters) -> list[list[Any]]:
    """One point per scored form: ``[id, 执行率 %, 自评总分, 复核总分]`` (执行率
    recomputed when available, else as printed), newest forms first. The numbers are
    as the database returns them (text on SQLite, ``Decimal`` elsewhere)."""
    rate = func.coalesce(FormRow.computed_budget_rate, FormRow.budget_rate)
    query = (
        # As stored (text on SQLite): the numbers only travel to the chart as JSON.
        select(
            FormRow.id,
            type_coerce(rate, String),
            type_coerce(FormRow.total_score, String),
            type_coerce(FormRow.computed_total, String),
        )
        .where(
            rate.is_not(None),
            FormRow.total_score.is_not(None),
            *form_conditions(store.scoped(filters)),
        )
        .order_by(FormRow.id.desc())
        .limit(MAX_POINTS)
    )
    with store.engine.connect() as conn:
        return [list(row) for row in conn.execute(query)]


def _most_frequent(groups: Sequence[FormGroup], dimension: str) -> list[Any]:
    """The values of ``dimension`` (not empty), most frequent first, then in order."""
    counts = counts_by(groups, dimension)
    found = sorted((-n, key) for key, n in counts.items() if key is not None and key != "")
    return [key for _, key in found[:_CHOICES]]


def filter_choices(store: Store) -> FilterChoices:
    """The years, departments, units and grades found in the forms the store sees."""
    with store.engine.connect() as conn:
        return choices_of(form_groups(conn, store.scoped()))


def choices_of(groups: Sequence[FormGroup]) -> FilterChoices:
    """The years, departments, units and grades found in the forms of ``groups``."""
    grades = _most_frequent(groups, "grade")
    grades += [g for g in _most_frequent(groups, "computed_grade") if g not in grades]
    return FilterChoices(
        years=sorted((y for y in counts_by(groups, "year") if y is not None), reverse=True),
        departments=_most_frequent(groups, "department"),
        units=_most_frequent(groups, "unit"),
        grades=grades,
    )
