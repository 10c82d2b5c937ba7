"""Data governance: which form a form is (its identity, for duplicates), whether it was
superseded by a later duplicate or withdrawn (soft delete, also whole documents), the
corrections of misread cells and the audit log of every change. Existing forms get
their identity; none is superseded or withdrawn. On PostgreSQL, writing ``documents``
(withdrawing one) counts as a change of the store, as writing forms does (0015).

Revision ID: 0012
Revises: 0015
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from jixiao.store.migrations.frozen import form_identity

revision = "0012"
down_revision: str | None = "0015"
branch_labels = None
depends_on = None

_WHEN = sa.DateTime(timezone=True)
_BATCH = 1000


def _withdrawal() -> list[sa.Column[object]]:
    return [
        sa.Column("withdrawn_at", _WHEN, nullable=True),
        sa.Column("withdrawn_by", sa.String(64), nullable=True),
        sa.Column("withdrawn_reason", sa.Text(), nullable=True),
    ]


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        for column in _withdrawal():
            batch.add_column(column)
    with op.batch_alter_table("forms") as batch:
        batch.add_column(sa.Column("identity_key", sa.Text(), nullable=True))
        batch.add_column(sa.Column("superseded_by", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("supersede", sa.String(16), nullable=True))
        for column in _withdrawal():
            batch.add_column(column)
    op.create_index("ix_forms_identity_key", "forms", ["identity_key"])
    op.create_index("ix_forms_superseded_by", "forms", ["superseded_by"])
    _backfill_identity()
    op.create_table(
        "change_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", _WHEN, nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("form_id", sa.Integer(), nullable=True),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("details", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_change_log"),
    )
    op.create_index("ix_change_log_at", "change_log", ["at"])
    op.create_index("ix_change_log_action", "change_log", ["action"])
    op.create_index("ix_change_log_document_id", "change_log", ["document_id"])
    op.create_index("ix_change_log_form_id", "change_log", ["form_id"])
    op.create_table(
        "cell_corrections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("form_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.Text(), nullable=False),
        sa.Column("original", sa.Text(), nullable=True),
        sa.Column("value", sa.Text(), nullable=True),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("at", _WHEN, nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_cell_corrections"),
    )
    op.create_index("ix_cell_corrections_form_id", "cell_corrections", ["form_id"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE TRIGGER jixiao_changes_documents AFTER INSERT OR UPDATE OR DELETE OR "
            "TRUNCATE ON documents FOR EACH STATEMENT EXECUTE FUNCTION jixiao_count_change()"
        )


def _backfill_identity() -> None:
    """Each stored form's identity, computed as new imports compute it."""
    conn = op.get_bind()
    forms = sa.table(
        "forms",
        sa.column("id", sa.Integer()),
        sa.column("kind", sa.String()),
        sa.column("year", sa.Integer()),
        sa.column("project", sa.Text()),
        sa.column("unit", sa.Text()),
        sa.column("department", sa.Text()),
        sa.column("identity_key", sa.Text()),
    )
    rows = conn.execute(
        sa.select(
            forms.c.id,
            forms.c.kind,
            forms.c.year,
            forms.c.project,
            forms.c.unit,
            forms.c.department,
        ).order_by(forms.c.id)
    ).all()
    update = (
        sa.update(forms)
        .where(forms.c.id == sa.bindparam("form_id"))
        .values(identity_key=sa.bindparam("key"))
    )
    keyed = [
        {"form_id": r.id, "key": key}
        for r in rows
        if (key := form_identity(r.kind, r.year, r.project, r.unit, r.department)) is not None
    ]
    for start in range(0, len(keyed), _BATCH):
        conn.execute(update, keyed[start : start + _BATCH])


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER jixiao_changes_documents ON documents")
    op.drop_table("cell_corrections")
    op.drop_table("change_log")
    op.drop_index("ix_forms_superseded_by", table_name="forms")
    op.drop_index("ix_forms_identity_key", table_name="forms")
    with op.batch_alter_table("forms") as batch:
        for name in (
            "withdrawn_reason",
            "withdrawn_by",
            "withdrawn_at",
            "supersede",
            "superseded_by",
            "identity_key",
        ):
            batch.drop_column(name)
    with op.batch_alter_table("documents") as batch:
        for name in ("withdrawn_reason", "withdrawn_by", "withdrawn_at"):
            batch.drop_column(name)
