"""The cycle's versions, cell comments and due dates: each (re)submitted version of a
form, reviewers' comments pinned to its cells, the due date of a step per year and kind.

Revision ID: 0014
Revises: 0011
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision: str | None = "0011"
branch_labels = None
depends_on = None

_WHEN = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "form_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("form_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("at", _WHEN, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_form_versions"),
        sa.UniqueConstraint("form_id", "version", name="uq_form_versions_form_id"),
    )
    op.create_index("ix_form_versions_form_id", "form_versions", ["form_id"])
    op.create_table(
        "form_cell_comments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("form_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(128), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("at", _WHEN, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_form_cell_comments"),
    )
    op.create_index("ix_form_cell_comments_form_id", "form_cell_comments", ["form_id"])
    op.create_table(
        "cycle_due_dates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("state", sa.String(32), nullable=False),
        sa.Column("due", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_cycle_due_dates"),
        sa.UniqueConstraint("year", "kind", "state", name="uq_cycle_due_dates_year"),
    )


def downgrade() -> None:
    op.drop_table("cycle_due_dates")
    op.drop_table("form_cell_comments")
    op.drop_table("form_versions")
