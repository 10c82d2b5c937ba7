"""An index on findings (form_id, severity): the per-form error/warning/info counts of
the forms list are index lookups (without it SQLite scans every finding of a severity
for each form: seconds for a page of 50 forms out of 10,000).

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision: str | None = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_findings_form_id_severity", "findings", ["form_id", "severity"])


def downgrade() -> None:
    op.drop_index("ix_findings_form_id_severity", table_name="findings")
