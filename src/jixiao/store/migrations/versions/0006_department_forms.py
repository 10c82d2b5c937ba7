"""The department forms (部门整体支出绩效自评表 / 目标表) and the 中长期 indicator block.

- ``forms.spending_<basic|project>_<column>``: 基本支出 / 项目支出, flattened as ``funds``;
- ``forms.amounts_<total|appropriation|other>``: a department target's 金额合计;
- ``department_tasks``: the 年度主要任务 rows of a department form;
- ``long_term_indicators``: the 中长期 indicator block of a target declaration.

Existing forms get empty columns and no rows: no form stored before had these parts.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

from jixiao.store.migrations.frozen import ExactDecimal

revision = "0006"
down_revision: str | None = "0005"
branch_labels = None
depends_on = None

_FUND_COLUMNS = ("initial", "adjusted", "executed", "weight", "rate", "score")
_FORM_COLUMNS = (
    *(f"spending_{row}_{c}" for row in ("basic", "project") for c in _FUND_COLUMNS),
    "amounts_total",
    "amounts_appropriation",
    "amounts_other",
)


def _rows_of_forms(table: str, *columns: sa.Column[Any]) -> None:
    """A table of rows belonging to a form (``position`` in it), deleted with it."""
    op.create_table(
        table,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("form_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        *columns,
        sa.Column("line_start", sa.Integer(), nullable=True),
        sa.Column("line_end", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["form_id"], ["forms.id"], name=f"fk_{table}_form_id_forms", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=f"pk_{table}"),
    )
    op.create_index(f"ix_{table}_form_id", table, ["form_id"])


def upgrade() -> None:
    # Plain ADD COLUMN (no batch copy: re-creating ``forms`` would cascade deletes).
    for name in _FORM_COLUMNS:
        op.add_column("forms", sa.Column(name, ExactDecimal(), nullable=True))
    _rows_of_forms(
        "department_tasks",
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("content", sa.Text(), nullable=True),
        sa.Column("project", sa.Text(), nullable=True),
        sa.Column("status", sa.Text(), nullable=True),
        sa.Column("total", ExactDecimal(), nullable=True),
        sa.Column("appropriation", ExactDecimal(), nullable=True),
        sa.Column("other", ExactDecimal(), nullable=True),
    )
    _rows_of_forms(
        "long_term_indicators",
        sa.Column("level1", sa.Text(), nullable=True),
        sa.Column("level2", sa.Text(), nullable=True),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("target", sa.Text(), nullable=True),
        sa.Column("actual", sa.Text(), nullable=True),
        sa.Column("weight", ExactDecimal(), nullable=True),
        sa.Column("score", ExactDecimal(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
    )


def downgrade() -> None:
    for table in ("long_term_indicators", "department_tasks"):
        op.drop_index(f"ix_{table}_form_id", table_name=table)
        op.drop_table(table)
    for name in reversed(_FORM_COLUMNS):
        op.drop_column("forms", name)
