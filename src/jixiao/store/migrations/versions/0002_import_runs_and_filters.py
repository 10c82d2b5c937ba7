"""Import runs, and indexes for the ``jixiao list`` filters.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision: str | None = "0001"
branch_labels = None
depends_on = None

_INDEXES = (
    ("ix_forms_year", "forms", "year"),
    ("ix_forms_unit", "forms", "unit"),
    ("ix_forms_department", "forms", "department"),
    ("ix_forms_grade", "forms", "grade"),
    ("ix_forms_kind", "forms", "kind"),
    ("ix_findings_code", "findings", "code"),
    ("ix_findings_severity", "findings", "severity"),
)


def upgrade() -> None:
    op.create_table(
        "import_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("files", sa.Integer(), nullable=False),
        sa.Column("stored", sa.Integer(), nullable=False),
        sa.Column("skipped", sa.Integer(), nullable=False),
        sa.Column("forms", sa.Integer(), nullable=False),
        sa.Column("errors", sa.Integer(), nullable=False),
        sa.Column("warnings", sa.Integer(), nullable=False),
        sa.Column("infos", sa.Integer(), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("failure_details", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_import_runs"),
    )
    for name, table, column in _INDEXES:
        op.create_index(name, table, [column])


def downgrade() -> None:
    for name, table, _column in reversed(_INDEXES):
        op.drop_index(name, table_name=table)
    op.drop_table("import_runs")
