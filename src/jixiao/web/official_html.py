"""The official table of a form as an HTML view: cells with spans, findings on their cells.

:func:`official_view` turns the :class:`~jixiao.model.Table` built by
:func:`jixiao.render.official.official_table` into rows of :class:`HtmlCell` for the
template ``_official_table.html`` (``{% include %}`` it with ``view`` in the context).
Each finding is drawn on the cell of its ``Location.field`` (or, failing that, of the
nearest enclosing field, or the row's 三级指标 cell for ``Location.row``); findings with
no cell are listed in ``view.unplaced``. :func:`score_notes` turns a
:class:`~jixiao.score.result.FormScore` into the 复核 notes shown beside reported
scores. The 表单详情 page and the 填报 preview use the same view.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from jixiao.model import CODES, Cell, Finding, Table
from jixiao.model.labels import SEVERITY_LABELS, indicator_label
from jixiao.score.result import FormScore

__all__ = [
    "HtmlCell",
    "HtmlRow",
    "Mark",
    "OfficialView",
    "ScoreNote",
    "field_anchor",
    "official_view",
    "score_notes",
]

_INDEXED = re.compile(r"^(indicators)\.(\d+)\.(\w+)$")


@dataclass(frozen=True)
class Mark:
    """A finding as shown: on its cell (a coloured marker) or in the list above."""

    code: str
    severity: str
    severity_label: str
    title: str
    """The catalogue's name of the code, e.g. 得分合计与总分不符."""
    rule: str
    """The catalogue's one sentence on what is checked (may be empty)."""
    message: str
    where: str
    line: int | None
    """The first source line it points at, if any (the 原文 panel's ``#line-…``)."""
    """Where it points, in words (第 12–14 行 · 第 3 项指标)."""
    anchor: str | None
    """The id of the cell or row it is drawn on (``field-…`` / ``row-…``), if any."""


@dataclass(frozen=True)
class ScoreNote:
    """The computed (复核) value shown beside a reported one."""

    text: str
    """e.g. ``复核 9.33``, ``区间 4.80–6.00``, or ``✓`` when the reported score is right."""
    explanation: str
    lenient: bool
    """The reported value is above what the rules allow."""


@dataclass(frozen=True)
class HtmlCell:
    text: str
    rowspan: int
    colspan: int
    classes: str
    anchor: str | None
    marks: tuple[Mark, ...] = ()
    note: ScoreNote | None = None
    aliases: tuple[str, ...] = ()
    """More anchors for the fields the cell also shows (every row a merged 一级/二级指标
    cell spans; ``indicators.N`` on the row's 三级指标), so a link to any of them lands."""


@dataclass(frozen=True)
class HtmlRow:
    cells: tuple[HtmlCell, ...]
    part: str
    """``title`` (no grid lines), ``grid`` or ``footer`` (no grid lines)."""
    anchor: str | None = None
    """``row-{position}`` on the first table row of an indicator."""


@dataclass(frozen=True)
class OfficialView:
    title: str
    n_cols: int
    col_widths: tuple[int, ...]
    """Whole percentages (1–100), drawn as ``<col class="w12">`` by ``official.css``
    (a class, not a style attribute: the security policy allows no inline style)."""
    rows: tuple[HtmlRow, ...]
    unplaced: tuple[Mark, ...]
    placed: int
    """How many findings were drawn on a cell."""


def field_anchor(field: str) -> str:
    """The HTML id of the cell showing ``field`` (the findings page links to it)."""
    return "field-" + field


def official_view(
    table: Table,
    findings: Iterable[Finding] = (),
    notes: Mapping[str, ScoreNote] | None = None,
) -> OfficialView:
    """The HTML view of ``table`` with ``findings`` on their cells and ``notes`` beside
    the cells of the fields they name."""
    notes = notes or {}
    index = _field_index(table)
    row_of = {
        int(m.group(2)): cell.row
        for cell in table.cells
        if cell.field and (m := _INDEXED.match(cell.field)) and m.group(3) == "name"
    }
    on_cell: dict[str, list[Mark]] = {}
    unplaced: list[Mark] = []
    for item in sorted(findings, key=lambda f: (f.severity.rank, f.code)):
        field = _resolve(item, index)
        if field is None:
            anchor = None
            if item.location.row is not None and item.location.row in row_of:
                anchor = f"row-{item.location.row}"
            unplaced.append(_mark(item, anchor))
        else:
            on_cell.setdefault(field, []).append(_mark(item, field_anchor(field)))
    aliases: dict[str, list[str]] = {}
    for alias, target in index.items():
        if alias != target:
            aliases.setdefault(target, []).append(field_anchor(alias))
    title_rows = int(table.meta.get("title_rows", "0"))
    footer_from = table.n_rows - int(table.meta.get("footer_rows", "0"))
    anchors_by_row = {row: f"row-{pos}" for pos, row in row_of.items()}
    rows = []
    for r, cells in enumerate(table.rows()):
        part = "title" if r < title_rows else "footer" if r >= footer_from else "grid"
        rows.append(
            HtmlRow(
                tuple(_cell(c, on_cell, notes, aliases) for c in cells),
                part,
                anchors_by_row.get(r),
            )
        )
    return OfficialView(
        title=table.title or "",
        n_cols=table.n_cols,
        col_widths=_percentages(table.col_widths, table.n_cols),
        rows=tuple(rows),
        unplaced=tuple(unplaced),
        placed=sum(len(v) for v in on_cell.values()),
    )


def score_notes(score: FormScore | None) -> dict[str, ScoreNote]:
    """The 复核 notes of a scored form, keyed by the field they sit beside."""
    if score is None:
        return {}
    notes: dict[str, ScoreNote] = {}
    for row in score.rows:
        text = _row_text(row.computed, row.band_low, row.band_high)
        if text is None:
            continue
        if row.band_low is None and row.computed == row.reported:
            text = "✓"
        notes[f"indicators.{row.position}.score"] = ScoreNote(
            text, row.explanation, row.reported_above
        )
    budget = score.budget
    if budget is not None and budget.computed is not None:
        notes["funds.total.score"] = ScoreNote(
            f"复核 {budget.computed:f}", budget.explanation, budget.reported_above
        )
        if budget.rate is not None:
            notes["funds.total.rate"] = ScoreNote(
                f"复核 {budget.rate:f}", budget.explanation, False
            )
    if score.total is not None:
        lenient = bool(score.reported_above)
        notes["total_score"] = ScoreNote(f"复核 {score.total:f}", score.explanation, lenient)
    elif score.incomplete:
        notes["total_score"] = ScoreNote("复核不完整", score.explanation, False)
    if score.grade:
        notes["grade"] = ScoreNote(f"复核 {score.grade}", score.explanation, False)
    return notes


def _row_text(computed: Decimal | None, low: Decimal | None, high: Decimal | None) -> str | None:
    if low is not None and high is not None:
        return f"区间 {low:f}–{high:f}"
    if computed is not None:
        return f"复核 {computed:f}"
    return None


def _field_index(table: Table) -> dict[str, str]:
    """Every field a finding may name → the field of the cell that shows it.

    A merged 一级/二级指标 cell names its first indicator; it also shows the same label
    of every indicator it spans.
    """
    index: dict[str, str] = {}
    for cell in table.cells:
        if not cell.field:
            continue
        index[cell.field] = cell.field
        m = _INDEXED.match(cell.field)
        if m and m.group(3) == "name":
            index.setdefault(f"{m.group(1)}.{m.group(2)}", cell.field)
        if m and cell.rowspan > 1:
            first = int(m.group(2))
            for k in range(1, cell.rowspan):
                index.setdefault(f"{m.group(1)}.{first + k}.{m.group(3)}", cell.field)
    return index


def _resolve(item: Finding, index: Mapping[str, str]) -> str | None:
    """The field of the cell a finding is drawn on, or ``None``."""
    loc = item.location
    candidates: list[str] = []
    if loc.field:
        parts = loc.field.split(".")
        candidates += [".".join(parts[:n]) for n in range(len(parts), 0, -1)]
    if loc.row is not None:
        candidates.append(f"indicators.{loc.row}.name")
    return next((index[c] for c in candidates if c in index), None)


def _mark(item: Finding, anchor: str | None) -> Mark:
    info = CODES.get(item.code)
    loc = item.location
    where: list[str] = []
    if loc.lines:
        first, last = loc.lines
        where.append(f"第 {first} 行" if first == last else f"第 {first}–{last} 行")
    if loc.row is not None:
        where.append(indicator_label(loc.row))
    return Mark(
        code=item.code,
        severity=str(item.severity),
        severity_label=SEVERITY_LABELS.get(item.severity, str(item.severity)),
        title=info.title if info else "",
        rule=info.rule if info else "",
        message=item.message,
        where=" · ".join(where),
        line=loc.lines[0] if loc.lines else None,
        anchor=anchor,
    )


def _cell(
    cell: Cell,
    on_cell: Mapping[str, Sequence[Mark]],
    notes: Mapping[str, ScoreNote],
    aliases: Mapping[str, Sequence[str]],
) -> HtmlCell:
    field = cell.field
    marks = tuple(on_cell.get(field, ())) if field else ()
    note = notes.get(field) if field else None
    classes = [f"role-{cell.role}", f"align-{cell.align}"]
    if marks:
        classes.append(f"has-finding sev-{marks[0].severity}")
    if note is not None and note.lenient:
        classes.append("lenient")
    return HtmlCell(
        text=cell.text,
        rowspan=cell.rowspan,
        colspan=cell.colspan,
        classes=" ".join(classes),
        anchor=field_anchor(field) if field else None,
        marks=marks,
        note=note,
        aliases=tuple(aliases.get(field, ())) if field else (),
    )


def _percentages(widths: Sequence[float], n_cols: int) -> tuple[int, ...]:
    if len(widths) != n_cols or not sum(widths):
        widths = [1.0] * n_cols
    total = sum(widths)
    return tuple(min(100, max(1, round(100 * w / total))) for w in widths)
