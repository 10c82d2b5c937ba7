"""Computed scores on forms and indicator rows, and drafts for the web 填报 page.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

from jixiao.store.migrations.frozen import ExactDecimal

revision = "0003"
down_revision: str | None = "0002"
branch_labels = None
depends_on = None

_FORM_COLUMNS: tuple[tuple[str, sa.types.TypeEngine[Any]], ...] = (
    ("computed_total", ExactDecimal()),
    ("computed_grade", sa.Text()),
    ("computed_budget_rate", ExactDecimal()),
    ("computed_budget_score", ExactDecimal()),
    ("score_data", sa.JSON()),
)
_INDICATOR_COLUMNS: tuple[tuple[str, sa.types.TypeEngine[Any]], ...] = (
    ("computed_score", ExactDecimal()),
    ("band_low", ExactDecimal()),
    ("band_high", ExactDecimal()),
    ("accepted", ExactDecimal()),
    ("score_method", sa.String(16)),
    ("explanation", sa.Text()),
)


def upgrade() -> None:
    with op.batch_alter_table("forms") as batch:
        for name, type_ in _FORM_COLUMNS:
            batch.add_column(sa.Column(name, type_, nullable=True))
    op.create_index("ix_forms_computed_grade", "forms", ["computed_grade"])
    with op.batch_alter_table("indicators") as batch:
        for name, type_ in _INDICATOR_COLUMNS:
            batch.add_column(sa.Column(name, type_, nullable=True))
    op.create_table(
        "drafts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_drafts"),
    )


def downgrade() -> None:
    op.drop_table("drafts")
    with op.batch_alter_table("indicators") as batch:
        for name, _type in reversed(_INDICATOR_COLUMNS):
            batch.drop_column(name)
    op.drop_index("ix_forms_computed_grade", table_name="forms")
    with op.batch_alter_table("forms") as batch:
        for name, _type in reversed(_FORM_COLUMNS):
            batch.drop_column(name)
