"""The initial schema: documents, forms, indicator rows and findings.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

from decimal import Decimal

import sqlalchemy as sa
from alembic import op

from jixiao.store.migrations.frozen import ExactDecimal

revision = "0001"
down_revision: str | None = None
branch_labels = None
depends_on = None

_FUND_ROWS = ("total", "appropriation", "carryover", "other")
_FUND_COLUMNS = ("initial", "adjusted", "executed", "weight", "rate", "score")


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.Text(), nullable=False),
        sa.Column("path", sa.Text(), nullable=True),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("format", sa.String(16), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=True),
        sa.Column("layout", sa.String(64), nullable=True),
        sa.Column("encoding", sa.String(32), nullable=True),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_documents"),
        sa.UniqueConstraint("content_hash", name="uq_documents_content_hash"),
    )
    funds: list[sa.Column[Decimal]] = [
        sa.Column(f"funds_{row}_{col}", ExactDecimal(), nullable=True)
        for row in _FUND_ROWS
        for col in _FUND_COLUMNS
    ]
    op.create_table(
        "forms",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("project", sa.Text(), nullable=True),
        sa.Column("department", sa.Text(), nullable=True),
        sa.Column("unit", sa.Text(), nullable=True),
        sa.Column("money_unit", sa.String(16), nullable=True),
        sa.Column("goal_expected", sa.Text(), nullable=True),
        sa.Column("goal_actual", sa.Text(), nullable=True),
        *funds,
        sa.Column("total_weight", ExactDecimal(), nullable=True),
        sa.Column("total_score", ExactDecimal(), nullable=True),
        sa.Column("grade", sa.Text(), nullable=True),
        sa.Column("ruleset", sa.String(64), nullable=True),
        sa.Column("extras", sa.JSON(), nullable=True),
        sa.Column("source_file", sa.Text(), nullable=False),
        sa.Column("source_start", sa.Integer(), nullable=False),
        sa.Column("source_end", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name="fk_forms_document_id_documents",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_forms"),
    )
    op.create_index("ix_forms_document_id", "forms", ["document_id"])
    op.create_table(
        "indicators",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("form_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("level1", sa.Text(), nullable=True),
        sa.Column("level2", sa.Text(), nullable=True),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("target", sa.Text(), nullable=True),
        sa.Column("actual", sa.Text(), nullable=True),
        sa.Column("weight", ExactDecimal(), nullable=True),
        sa.Column("score", ExactDecimal(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("line_start", sa.Integer(), nullable=True),
        sa.Column("line_end", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["form_id"], ["forms.id"], name="fk_indicators_form_id_forms", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_indicators"),
    )
    op.create_index("ix_indicators_form_id", "indicators", ["form_id"])
    op.create_table(
        "findings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("form_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(8), nullable=False),
        sa.Column("severity", sa.String(8), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("file", sa.Text(), nullable=True),
        sa.Column("line_start", sa.Integer(), nullable=True),
        sa.Column("line_end", sa.Integer(), nullable=True),
        sa.Column("row", sa.Integer(), nullable=True),
        sa.Column("field", sa.Text(), nullable=True),
        sa.Column("values", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["form_id"], ["forms.id"], name="fk_findings_form_id_forms", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_findings"),
    )
    op.create_index("ix_findings_form_id", "findings", ["form_id"])


def downgrade() -> None:
    op.drop_table("findings")
    op.drop_table("indicators")
    op.drop_table("forms")
    op.drop_table("documents")
