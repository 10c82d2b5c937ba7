"""Indexes for the web pages at 10,000 forms.

- findings (form_id, severity): the per-form error/warning/info counts of the forms
  list are index lookups (without it SQLite scans every finding of a severity for each
  form: seconds for a page of 50 forms);
- findings and indicators (form_id, position): a page of rows in their order is read
  from the index, not sorted;
- findings (code, severity, form_id): the counts by code read only the index.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision: str | None = "0003"
branch_labels = None
depends_on = None


_INDEXES = (
    ("ix_findings_form_id_severity", "findings", ["form_id", "severity"]),
    ("ix_findings_form_id_position", "findings", ["form_id", "position"]),
    ("ix_findings_code_severity_form_id", "findings", ["code", "severity", "form_id"]),
    ("ix_indicators_form_id_position", "indicators", ["form_id", "position"]),
)


def upgrade() -> None:
    for name, table, columns in _INDEXES:
        op.create_index(name, table, columns)


def downgrade() -> None:
    for name, table, _columns in reversed(_INDEXES):
        op.drop_index(name, table_name=table)
