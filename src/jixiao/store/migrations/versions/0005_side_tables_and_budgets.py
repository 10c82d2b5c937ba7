"""Small ``forms`` rows, a budget for every kind, stored document text, fast search.

- ``forms.score_data`` moves to ``form_scores`` (read only when a whole form is loaded);
- ``forms.budget_total``/``budget_executed``/``budget_rate``: 全年预算数 / 执行数 / 执行率
  of every kind (from the funding block, ``legacy`` or ``target_meta``: the year's
  ``current_budget``, else ``total_budget``), backfilled;
- ``forms.project_key``: the project name as the cross-form checks compare it, backfilled;
- ``form_search``: one lower-cased search text per form, backfilled;
- ``document_texts``: the lines the parser saw (documents imported earlier have none:
  the 原文 panel falls back to re-reading their file).

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from alembic import op

from jixiao.store.migrations.frozen import ExactDecimal, search_text, text_key

revision = "0005"
down_revision: str | None = "0004"
branch_labels = None
depends_on = None

_BUDGET = ("budget_total", "budget_executed", "budget_rate")
_FROM_EXTRAS = {
    "legacy_self_evaluation": ("legacy", (("budget",), ("executed",), ("rate",))),
    "target_declaration": ("target_meta", (("current_budget", "total_budget"), (), ())),
}
"""Where the budget columns come from in ``extras``: the first of the names given."""
_BATCH = 1000


def _forms() -> sa.TableClause:
    return sa.table(
        "forms",
        sa.column("id", sa.Integer()),
        sa.column("kind", sa.String()),
        sa.column("project", sa.Text()),
        sa.column("unit", sa.Text()),
        sa.column("department", sa.Text()),
        sa.column("goal_expected", sa.Text()),
        sa.column("goal_actual", sa.Text()),
        sa.column("extras", sa.JSON()),
        sa.column("score_data", sa.JSON()),
        sa.column("project_key", sa.Text()),
        *(sa.column(name, ExactDecimal()) for name in _BUDGET),
    )


def _per_form(table: str, column: str, type_: sa.types.TypeEngine[Any]) -> None:
    """A side table of ``forms``: one row per form, deleted with it."""
    op.create_table(
        table,
        sa.Column("form_id", sa.Integer(), nullable=False),
        sa.Column(column, type_, nullable=False),
        sa.ForeignKeyConstraint(
            ["form_id"], ["forms.id"], name=f"fk_{table}_form_id_forms", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("form_id", name=f"pk_{table}"),
    )


def upgrade() -> None:
    _per_form("form_scores", "data", sa.JSON())
    _per_form("form_search", "text", sa.Text())
    op.create_table(
        "document_texts",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("line_count", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name="fk_document_texts_document_id_documents",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("document_id", name="pk_document_texts"),
    )
    with op.batch_alter_table("forms") as batch:
        batch.add_column(sa.Column("project_key", sa.Text(), nullable=True))
        for name in _BUDGET:
            batch.add_column(sa.Column(name, ExactDecimal(), nullable=True))
    op.create_index("ix_forms_project_key", "forms", ["project_key"])
    op.execute(
        "INSERT INTO form_scores (form_id, data)"
        " SELECT id, score_data FROM forms WHERE score_data IS NOT NULL"
    )
    # A plain DROP COLUMN (SQLite ≥ 3.35): a batch copy would drop and re-create
    # ``forms``, and with foreign keys on the drop deletes every indicator row.
    op.drop_column("forms", "score_data")
    op.execute(
        "UPDATE forms SET budget_total = funds_total_adjusted,"
        " budget_executed = funds_total_executed, budget_rate = funds_total_rate"
        " WHERE kind = 'self_evaluation'"
    )
    _backfill(op.get_bind())


def _backfill(conn: sa.Connection) -> None:
    """``project_key``, the budgets kept in ``extras``, and ``form_search``, in batches."""
    forms = _forms()
    indicators = sa.table(
        "indicators",
        sa.column("form_id", sa.Integer()),
        sa.column("position", sa.Integer()),
        sa.column("name", sa.Text()),
        sa.column("target", sa.Text()),
    )
    search = sa.table("form_search", sa.column("form_id", sa.Integer()), sa.column("text"))
    ids = list(conn.execute(sa.select(forms.c.id).order_by(forms.c.id)).scalars())
    for start in range(0, len(ids), _BATCH):
        chunk = ids[start : start + _BATCH]
        rows: dict[int, list[str | None]] = defaultdict(list)
        query = (
            sa.select(indicators.c.form_id, indicators.c.name, indicators.c.target)
            .where(indicators.c.form_id.in_(chunk))
            .order_by(indicators.c.form_id, indicators.c.position)
        )
        for form_id, name, target in conn.execute(query):
            rows[form_id] += [name, target]
        updates: list[dict[str, Any]] = []
        texts: list[dict[str, Any]] = []
        head = sa.select(
            forms.c.id,
            forms.c.kind,
            forms.c.project,
            forms.c.unit,
            forms.c.department,
            forms.c.goal_expected,
            forms.c.goal_actual,
            forms.c.extras,
        ).where(forms.c.id.in_(chunk))
        for r in conn.execute(head):
            parts = (r.project, r.unit, r.department, r.goal_expected, r.goal_actual)
            texts.append({"form_id": r.id, "text": search_text((*parts, *rows[r.id]))})
            updates.append(
                {
                    "form_id": r.id,
                    "key": text_key(r.project) if r.project else None,
                    **_extras_budget(r.kind, r.extras),
                }
            )
        if texts:
            conn.execute(sa.insert(search), texts)
        _update(conn, forms, [u for u in updates if "b_total" in u], budgets=True)
        _update(conn, forms, [u for u in updates if "b_total" not in u], budgets=False)


def _extras_budget(kind: str, extras: dict[str, Any] | None) -> dict[str, Any]:
    if kind not in _FROM_EXTRAS:
        return {}
    section, sources = _FROM_EXTRAS[kind]
    data = (extras or {}).get(section) or {}
    values = [
        next((Decimal(str(data[n])) for n in names if data.get(n) is not None), None)
        for names in sources
    ]
    return dict(zip(("b_total", "b_executed", "b_rate"), values, strict=True))


def _update(
    conn: sa.Connection, forms: sa.TableClause, rows: list[dict[str, Any]], *, budgets: bool
) -> None:
    if not rows:
        return
    values: dict[str, Any] = {"project_key": sa.bindparam("key")}
    if budgets:
        values |= {
            "budget_total": sa.bindparam("b_total", type_=ExactDecimal()),
            "budget_executed": sa.bindparam("b_executed", type_=ExactDecimal()),
            "budget_rate": sa.bindparam("b_rate", type_=ExactDecimal()),
        }
    conn.execute(sa.update(forms).where(forms.c.id == sa.bindparam("form_id")).values(values), rows)


def downgrade() -> None:
    with op.batch_alter_table("forms") as batch:
        batch.add_column(sa.Column("score_data", sa.JSON(), nullable=True))
    op.execute(
        "UPDATE forms SET score_data ="
        " (SELECT data FROM form_scores WHERE form_scores.form_id = forms.id)"
    )
    op.drop_index("ix_forms_project_key", table_name="forms")
    for name in ("project_key", *_BUDGET):
        op.drop_column("forms", name)
    op.drop_table("document_texts")
    op.drop_table("form_search")
    op.drop_table("form_scores")
