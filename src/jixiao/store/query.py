"""Read queries: pandas-friendly rows of forms, indicator rows and findings, and whole forms.

Rows are plain dicts of scalars (``Decimal`` kept for money and points), in a stable
order: forms by id, rows by form then position.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from sqlalchemy import Select, bindparam, func, select
from sqlalchemy.engine import Connection, Result

from jixiao.errors import UsageError
from jixiao.model import DEPARTMENT_KINDS, Form
from jixiao.model.leniency import score_gap
from jixiao.score.result import FormScore
from jixiao.store.dialects import numeric
from jixiao.store.filters import (
    WITHDRAWAL_COLUMNS,
    Filters,
    finding_conditions,
    form_conditions,
)
from jixiao.store.mapping import form_from_rows, score_from_data
from jixiao.store.schema import (
    DocumentRow,
    FindingRow,
    FormRow,
    FormScoreRow,
    IndicatorRow,
    LongTermIndicatorRow,
    TaskRow,
)
from jixiao.store.types import decode_values

__all__ = [
    "FORM_SORT_KEYS",
    "Page",
    "count_findings",
    "count_forms",
    "count_indicators",
    "finding_rows",
    "form_rows",
    "indicator_rows",
    "load_forms",
    "row_dicts",
]

_GOVERNANCE = {"identity_key", "superseded_by", "supersede"} | set(WITHDRAWAL_COLUMNS)
"""Columns a form's row leaves out: how it is governed (:mod:`jixiao.store.governance`)."""
_FORM_KEYS = [
    c.key for c in FormRow.__table__.columns if c.key not in {"extras", "project_key", *_GOVERNANCE}
]


@dataclass(frozen=True)
class Page:
    """Order and slice of the form rows: ``sort`` is any key of a row (``-`` in front
    sorts descending, e.g. ``-computed_total``); ties and ``None`` keep id order."""

    sort: str | None = None
    limit: int | None = None
    offset: int = 0


def row_dicts(result: Result[Any]) -> list[dict[str, Any]]:
    """Each row of ``result`` as a dict of its columns (without a mapping view per row)."""
    keys = tuple(result.keys())
    return [dict(zip(keys, row, strict=True)) for row in result]


def _count(*conditions: Any) -> Any:
    return select(func.count(FindingRow.id)).where(*conditions).scalar_subquery()


def _extra() -> dict[str, Any]:
    """The columns of a form row besides ``forms``'s own: its document's and counts."""
    severity = {
        name: _count(FindingRow.form_id == FormRow.id, FindingRow.severity == value)
        for name, value in (("errors", "error"), ("warnings", "warning"), ("infos", "info"))
    }
    indicators = (
        select(func.count(IndicatorRow.id))
        .where(IndicatorRow.form_id == FormRow.id)
        .scalar_subquery()
    )
    return {
        "file_name": DocumentRow.file_name,
        "content_hash": DocumentRow.content_hash,
        "imported_at": DocumentRow.imported_at,
        "indicators": indicators,
        **severity,
    }


_DOCUMENT_KEYS = ("file_name", "content_hash", "imported_at")


def _forms_query(filters: Filters, page: Page | None = None) -> Select[Any]:
    extra = _extra()
    query = _form_columns(extra).where(*form_conditions(filters))
    return _sliced(_ordered(query, page, extra), page)


def _form_columns(extra: dict[str, Any]) -> Select[Any]:
    """The columns of a form row, from ``forms`` joined to its document."""
    columns = [getattr(FormRow, k) for k in _FORM_KEYS]
    return select(*columns, *(q.label(name) for name, q in extra.items())).join(
        DocumentRow, DocumentRow.id == FormRow.document_id
    )


@cache
def _rows_of_ids() -> Select[Any]:
    """The form rows of the ids bound as ``ids`` (a page found by :func:`_page_ids`):
    one statement, built once."""
    return _form_columns(_extra()).where(FormRow.id.in_(bindparam("ids", expanding=True)))


@lru_cache(maxsize=256)
def _page_ids(filters: Filters, page: Page) -> Select[Any]:
    """The ids of one page of form rows, in its order: only the sort key is computed
    for every matching form (not every column and count of the row). A statement is a
    function of the filters and the page alone: the recent ones are built once."""
    query = select(FormRow.id).where(*form_conditions(filters))
    if page.sort and page.sort.removeprefix("-") in _DOCUMENT_KEYS:
        query = query.join(DocumentRow, DocumentRow.id == FormRow.document_id)
    return _sliced(_ordered(query, page, _extra()), page)


def _ordered(query: Select[Any], page: Page | None, extra: dict[str, Any]) -> Select[Any]:
    """``query`` in the order ``page`` sorts by, then by id."""
    page = page or Page()
    if page.sort:
        key = page.sort.removeprefix("-")
        if key not in FORM_SORT_KEYS:
            raise UsageError(f"无法按「{key}」排序：可用的列为 {'、'.join(FORM_SORT_KEYS)}")
        if key == "score_gap":  # 自评−复核 (model.leniency.score_gap), NULL without a total
            column = numeric(FormRow.total_score) - numeric(FormRow.computed_total)
        elif key in _FORM_KEYS:
            column = numeric(FormRow.__table__.c[key])
        else:
            column = extra[key]
        descending = page.sort.startswith("-")
        query = query.order_by(column.is_(None), column.desc() if descending else column.asc())
    return query.order_by(FormRow.id)


FORM_SORT_KEYS: tuple[str, ...] = (
    *_FORM_KEYS,
    "file_name",
    "content_hash",
    "imported_at",
    "indicators",
    "errors",
    "warnings",
    "infos",
    "score_gap",
)
"""The keys :class:`Page` can sort the form rows by."""


def form_rows(conn: Connection, filters: Filters, page: Page | None = None) -> list[dict[str, Any]]:
    """One row per form: header, flattened funds, reported and computed totals and
    ``score_gap`` (自评−复核, exact), counts of rows and findings; in id order unless
    ``page`` says otherwise. A page (``limit``) is found first as ids, then only its
    rows are read whole."""
    if page is not None and page.limit is not None:
        ids = list(conn.execute(_page_ids(filters, page)).scalars())
        if not ids:
            return []
        found = {r["id"]: r for r in row_dicts(conn.execute(_rows_of_ids(), {"ids": ids}))}
        rows = [found[i] for i in ids]
    else:
        rows = row_dicts(conn.execute(_forms_query(filters, page)))
    for row in rows:
        row["score_gap"] = score_gap(row["total_score"], row["computed_total"])
    return rows


def count_forms(conn: Connection, filters: Filters) -> int:
    """How many forms match ``filters`` (for paging)."""
    query = select(func.count(FormRow.id)).where(*form_conditions(filters))
    return int(conn.execute(query).scalar_one())


def _of_forms(column: Any, filters: Filters) -> list[Any]:
    """``column IN (matching form ids)``, or nothing when every form matches (the IN
    would keep SQLite from walking the (form_id, position) indexes in order)."""
    conditions = form_conditions(filters)
    if not conditions:
        return []
    return [column.in_(select(FormRow.id).where(*conditions))]


def _sliced(query: Select[Any], page: Page | None) -> Select[Any]:
    if page is not None and page.limit is not None:
        query = query.limit(page.limit)
    if page is not None and page.offset:
        query = query.offset(page.offset)
    return query


def indicator_rows(
    conn: Connection, filters: Filters, page: Page | None = None
) -> list[dict[str, Any]]:
    """One row per indicator row of the matching forms, with the form's header
    (``page`` slices them; its ``sort`` is not used)."""
    columns = [c for c in IndicatorRow.__table__.columns if c.key != "id"]
    query = (
        select(
            *columns,
            FormRow.kind,
            FormRow.year,
            FormRow.project,
            FormRow.department,
            FormRow.unit,
        )
        .join(FormRow, FormRow.id == IndicatorRow.form_id)
        .where(*_of_forms(IndicatorRow.form_id, filters))
        .order_by(IndicatorRow.form_id, IndicatorRow.position)
    )
    rows = row_dicts(conn.execute(_sliced(query, page)))
    for row in rows:
        row["row"] = row.pop("position")
    return rows


def count_indicators(conn: Connection, filters: Filters) -> int:
    """How many indicator rows the matching forms have (for paging)."""
    query = select(func.count(IndicatorRow.id)).where(*_of_forms(IndicatorRow.form_id, filters))
    return int(conn.execute(query).scalar_one())


def finding_rows(
    conn: Connection, filters: Filters, page: Page | None = None
) -> list[dict[str, Any]]:
    """One row per finding of the matching forms (only matching findings when ``code``
    or ``severity`` is given); ``values`` is a dict; ``page`` slices them."""
    columns = [c for c in FindingRow.__table__.columns if c.key != "id"]
    own = finding_conditions(filters)
    query = (
        select(
            *columns, FormRow.kind, FormRow.year, FormRow.project, FormRow.unit, FormRow.department
        )
        .join(FormRow, FormRow.id == FindingRow.form_id)
        .where(*_of_forms(FindingRow.form_id, filters), *own)
        .order_by(FindingRow.form_id, FindingRow.position)
    )
    rows = row_dicts(conn.execute(_sliced(query, page)))
    for row in rows:
        row["values"] = decode_values(row["values"])
    return rows


def count_findings(conn: Connection, filters: Filters) -> int:
    """How many findings :func:`finding_rows` returns unpaged."""
    own = finding_conditions(filters)
    query = select(func.count(FindingRow.id)).where(*_of_forms(FindingRow.form_id, filters), *own)
    return int(conn.execute(query).scalar_one())


def load_forms(
    conn: Connection, form_ids: list[int], *, scores: bool = True
) -> Iterator[tuple[dict[str, Any], Form, FormScore | None]]:
    """``(forms row, model, score)`` for each id (missing ids are skipped), in the order
    given; without ``scores`` the score is not read (``None``)."""
    if not form_ids:
        return
    form_table = FormRow.__table__
    forms = {
        r["id"]: r
        for r in row_dicts(conn.execute(select(form_table).where(form_table.c.id.in_(form_ids))))
    }
    indicators: dict[int, list[dict[str, Any]]] = {i: [] for i in forms}
    found = conn.execute(select(IndicatorRow.__table__).where(IndicatorRow.form_id.in_(form_ids)))
    for r in row_dicts(found):
        indicators[r["form_id"]].append(r)
    findings = _rows_by_form(conn, FindingRow, forms)
    tasks = _rows_by_form(conn, TaskRow, forms)
    long_term = _rows_by_form(conn, LongTermIndicatorRow, forms)
    data: dict[int, dict[str, Any]] = {}
    if scores:
        found = conn.execute(
            select(FormScoreRow.form_id, FormScoreRow.data).where(
                FormScoreRow.form_id.in_(form_ids)
            )
        )
        data = {r.form_id: r.data for r in found}
    for form_id in form_ids:
        if form_id in forms:
            row, rows = forms[form_id], indicators[form_id]
            form = form_from_rows(row, rows, findings[form_id], tasks[form_id], long_term[form_id])
            yield row, form, score_from_data(data.get(form_id), rows) if scores else None


def _rows_by_form(
    conn: Connection,
    table: type[FindingRow | TaskRow | LongTermIndicatorRow],
    forms: dict[int, dict[str, Any]],
) -> dict[int, list[dict[str, Any]]]:
    """The rows of ``table`` belonging to each of ``forms``."""
    out: dict[int, list[dict[str, Any]]] = {i: [] for i in forms}
    if not _may_have_rows(forms, table):
        return out
    for r in row_dicts(conn.execute(select(table.__table__).where(table.form_id.in_(list(forms))))):
        out[r["form_id"]].append(r)
    return out


def _may_have_rows(
    forms: dict[int, dict[str, Any]], table: type[FindingRow | TaskRow | LongTermIndicatorRow]
) -> bool:
    """Whether any of ``forms`` is of a kind that may have rows in ``table`` (saves a
    query per batch for the kinds without tasks or 中长期 indicators)."""
    kinds = {row["kind"] for row in forms.values()}
    if table is TaskRow:
        return bool(kinds & DEPARTMENT_KINDS)
    if table is LongTermIndicatorRow:
        return "target_declaration" in kinds
    return True
