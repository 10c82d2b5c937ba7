"""The dashboard at 100,000 forms: a covering index for its groups, and a change counter.

- forms (year, department, unit, grade, computed_grade, kind, total_score,
  computed_total): the 总览 and ``/api/stats`` count the forms by these columns and sum
  their totals (:mod:`jixiao.store.summary`); with this index the database reads the
  index alone, in group order, instead of every (wide) form row and a sort. It starts
  with ``year``, so ``ix_forms_year`` is dropped.
- forms (id, the totals, the execution rates, year, unit, project): the charts' one
  point per form, newest first, read from the index alone (not 20,000 wide rows).
- ``store_changes``: one row whose counter PostgreSQL triggers raise with every
  statement that writes ``forms``, ``findings`` or ``org_units``; the web's caches ask
  it whether anything changed (one row read, instead of an aggregate over every form).
  SQLite files have ``PRAGMA data_version`` for that and no triggers.

Revision ID: 0015
Revises: 0014
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision: str | None = "0014"
branch_labels = None
depends_on = None

_SUMMARY = [
    "year",
    "department",
    "unit",
    "grade",
    "computed_grade",
    "kind",
    "total_score",
    "computed_total",
]
_POINTS = [
    "id",
    "total_score",
    "computed_total",
    "computed_budget_rate",
    "budget_rate",
    "year",
    "unit",
    "project",
]
_WATCHED = ("forms", "findings", "org_units")


def upgrade() -> None:
    op.create_index("ix_forms_summary", "forms", _SUMMARY)
    op.drop_index("ix_forms_year", table_name="forms")
    op.create_index("ix_forms_points", "forms", _POINTS)
    changes = op.create_table(
        "store_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("counter", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_store_changes"),
    )
    op.bulk_insert(changes, [{"id": 1, "counter": 0}])
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        "CREATE FUNCTION jixiao_count_change() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN UPDATE store_changes SET counter = counter + 1 WHERE id = 1; RETURN NULL; END $$"
    )
    for table in _WATCHED:
        op.execute(
            f"CREATE TRIGGER jixiao_changes_{table} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
            f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION jixiao_count_change()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in _WATCHED:
            op.execute(f"DROP TRIGGER jixiao_changes_{table} ON {table}")
        op.execute("DROP FUNCTION jixiao_count_change()")
    op.drop_table("store_changes")
    op.drop_index("ix_forms_points", table_name="forms")
    op.create_index("ix_forms_year", "forms", ["year"])
    op.drop_index("ix_forms_summary", table_name="forms")
