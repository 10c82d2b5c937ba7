"""The signature block published forms carry under the table: 填报人, 联系电话, 填报日期
and 单位（盖章）.

It is one footer row (``meta["footer_rows"]``: drawn under the grid without grid lines,
in every renderer). What the form knows is filled in — the unit (a department's own form:
the department) beside its stamp, the
自评时间 of a 项目绩效自我评价 as the date — and the rest is a blank line to write on.
"""

from __future__ import annotations

from dataclasses import replace

from jixiao.model import (
    Cell,
    DepartmentSelfEvaluation,
    DepartmentTargetDeclaration,
    Form,
    LegacySelfEvaluation,
    Table,
)

__all__ = ["BLANK", "SIGNATURE_LABELS", "signature_text", "with_signature"]

BLANK = "＿＿＿＿＿＿"
"""The line left to write on when the form does not know the value."""

SIGNATURE_LABELS = ("填报人", "联系电话", "填报日期", "单位（盖章）")
_GAP = "　　"


def signature_text(form: Form) -> str:
    """``填报人：＿＿＿＿＿＿　　联系电话：＿＿＿＿＿＿　　填报日期：…　　单位（盖章）：…``."""
    date = form.legacy.eval_date if isinstance(form, LegacySelfEvaluation) else None
    filer = form.unit
    if isinstance(form, DepartmentSelfEvaluation | DepartmentTargetDeclaration):
        filer = filer or form.department  # 部门（单位）名称: the department files its own
    values = (None, None, date, filer)
    return _GAP.join(
        f"{label}：{(value or '').strip() or BLANK}"
        for label, value in zip(SIGNATURE_LABELS, values, strict=True)
    )


def with_signature(table: Table, form: Form) -> Table:
    """``table`` with the signature block of ``form`` as its last footer row."""
    row = table.n_rows
    cell = Cell(row, 0, signature_text(form), colspan=table.n_cols, role="note")
    footer = int(table.meta.get("footer_rows", "0") or "0") + 1
    return replace(
        table,
        n_rows=row + 1,
        cells=(*table.cells, cell),
        meta={**table.meta, "footer_rows": str(footer)},
    )
