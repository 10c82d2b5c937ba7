"""Where a finding points, and the context that makes it readable without the form.

Every audit finding carries a :class:`~jixiao.model.Location` (file, source lines, row,
field); :func:`with_context` adds the form's project and year — and, for a finding on
an indicator row, that row's name — to the finding's values, so a JSON finding is
self-contained. Values the check already set are kept.
"""

from __future__ import annotations

from jixiao.model import Finding, Form, Location

__all__ = ["CONTEXT_KEYS", "form_location", "row_location", "total_location", "with_context"]

CONTEXT_KEYS: tuple[str, ...] = ("project", "year", "indicator")
"""The values :func:`with_context` adds."""


def form_location(form: Form, field: str | None = None) -> Location:
    """The whole form (its source lines), optionally one field such as ``funds.total.rate``."""
    return Location(file=form.source.file, lines=form.source.lines, field=field)


def total_location(form: Form, field: str) -> Location:
    """The printed 总分 row, for a finding on ``total_score`` or ``total_weight``.

    The model keeps no line for the 总分 row, but every layout prints it after the last
    indicator row: the location is the lines from there to the form's end (总分, 评价等级,
    a page footer — a few lines). Without indicator lines, the whole form.
    """
    start, end = form.source.lines
    last = max((r.lines[1] for r in form.indicators if r.lines), default=None)
    lines = (last + 1, end) if last is not None and start <= last < end else (start, end)
    return Location(file=form.source.file, lines=lines, field=field)


def row_location(form: Form, position: int, field: str | None = None) -> Location:
    """Indicator row ``position`` (0-based) and, optionally, one of its fields."""
    row = form.indicators[position]
    return Location(
        file=form.source.file,
        lines=row.lines or form.source.lines,
        row=position,
        field=f"indicators.{position}.{field}" if field else f"indicators.{position}",
    )


def with_context(item: Finding, form: Form) -> Finding:
    """``item`` with the form's project and year (and the row's indicator name) in its values."""
    extra: dict[str, str | int | None] = {"project": form.project, "year": form.year}
    row = item.location.row
    if row is not None and 0 <= row < len(form.indicators):
        extra["indicator"] = form.indicators[row].name
    missing = {k: v for k, v in extra.items() if k not in item.values}
    if not missing:
        return item
    return item.model_copy(update={"values": {**item.values, **missing}})
