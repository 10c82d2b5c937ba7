"""The official table of a form, as published, built as a :class:`~jixiao.model.Table`.

``official_table(form, options)`` lays out 财政项目支出绩效自评表 (10 columns),
项目绩效自我评价 (6 columns), 财政项目支出绩效目标表 (4 columns, its 中长期 block after the
annual one), 部门整体支出绩效自评表 (9 columns) and 部门整体支出绩效目标表 (8 columns) with
the merges of the published forms. Conventions every renderer (xlsx, pdf, docx) relies on:

- The top rows whose cells have role ``title`` (the title and the year line) are
  drawn without grid lines, bold and centred; ``meta["title_rows"]`` says how many.
  ``Table.title`` repeats the title for document metadata (sheet or file title) — do
  not draw it a second time.
- Every grid position is covered by exactly one cell (empty cells have text ``""``),
  so drawing every cell's border gives the ruled grid.
- ``meta["repeat_rows"]`` = ``"first-last"`` (0-based, inclusive) is the indicator
  table's header, to repeat when the table continues on a new page; ``header_rows``
  counts every row up to and including it. :func:`split_head` cuts the table there.
- ``meta["footer_rows"]``, when present, counts bottom rows printed under the grid
  without grid lines (the 说明 of a 项目绩效自我评价, and the signature block
  of :mod:`jixiao.render.signature` — 填报人, 联系电话, 填报日期, 单位（盖章） — that
  every official table ends with unless ``RenderOptions.signature`` is off).
- ``meta["kind"]`` is the form kind.
- Cells of role ``number`` hold a number as printed (``21.96``, ``1,245,505.00``) or
  a placeholder (``-``, empty); ``col_widths`` are in Latin characters (a Chinese
  character counts two), as Excel measures columns.
"""

from __future__ import annotations

from dataclasses import replace

from jixiao.model import (
    DepartmentSelfEvaluation,
    DepartmentTargetDeclaration,
    Form,
    LegacySelfEvaluation,
    SelfEvaluation,
    Table,
    TargetDeclaration,
)
from jixiao.render._official_department import department_self_table, department_target_table
from jixiao.render._official_legacy import legacy_table
from jixiao.render._official_self import self_evaluation_table
from jixiao.render._official_target import target_table
from jixiao.render.options import RenderOptions
from jixiao.render.signature import with_signature

__all__ = ["official_table", "repeat_rows", "split_head"]


def official_table(form: Form, options: RenderOptions | None = None) -> Table:
    """The form's official table in the published layout."""
    opts = options or RenderOptions()
    table = _grid(form, opts)
    return with_signature(table, form) if opts.signature else table


def _grid(form: Form, opts: RenderOptions) -> Table:
    if isinstance(form, SelfEvaluation):
        return self_evaluation_table(form, opts)
    if isinstance(form, LegacySelfEvaluation):
        return legacy_table(form, opts)
    if isinstance(form, TargetDeclaration):
        return target_table(form, opts)
    if isinstance(form, DepartmentSelfEvaluation):
        return department_self_table(form, opts)
    if isinstance(form, DepartmentTargetDeclaration):
        return department_target_table(form, opts)
    raise TypeError(f"not a form: {type(form).__name__}")


def repeat_rows(table: Table) -> tuple[int, int] | None:
    """The rows (first, last; 0-based, inclusive) to repeat on a new page, if any."""
    spec = table.meta.get("repeat_rows")
    if not spec:
        return None
    first, _, last = spec.partition("-")
    return int(first), int(last or first)


def split_head(table: Table) -> tuple[Table, Table]:
    """Cut the table just above its repeated header.

    Returns the head (title, key/value blocks, funds, goals) and the body (the
    indicator table and what follows), whose ``header_rows`` are the rows to repeat.
    No merged cell crosses the cut. A table without repeat rows gives an empty body.
    """
    rows = repeat_rows(table)
    cut = rows[0] if rows else table.n_rows
    head_cells = tuple(c for c in table.cells if c.row < cut)
    body_cells = tuple(replace(c, row=c.row - cut) for c in table.cells if c.row >= cut)
    if any(c.last_row >= cut for c in head_cells):
        raise ValueError("a merged cell crosses the repeated header")
    head_meta = {k: v for k, v in table.meta.items() if k not in ("repeat_rows", "footer_rows")}
    body_meta = {k: v for k, v in table.meta.items() if k not in ("repeat_rows", "title_rows")}
    n_repeat = rows[1] - rows[0] + 1 if rows else 0
    head = replace(table, n_rows=cut, cells=head_cells, header_rows=0, meta=head_meta)
    body = replace(
        table,
        n_rows=table.n_rows - cut,
        cells=body_cells,
        first_line=table.first_line + cut,
        header_rows=n_repeat,
        meta={**body_meta, "title_rows": "0"},
    )
    return head, body
