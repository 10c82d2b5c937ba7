"""Who runs an import (host and process id) and which run stored each document: a run
left ``running`` by a killed process is then recognised and its recheck redone.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision: str | None = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("import_runs") as batch:
        batch.add_column(sa.Column("host", sa.String(255), nullable=True))
        batch.add_column(sa.Column("pid", sa.Integer(), nullable=True))
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("run_id", sa.Integer(), nullable=True))
    op.create_index("ix_documents_run_id", "documents", ["run_id"])


def downgrade() -> None:
    op.drop_index("ix_documents_run_id", table_name="documents")
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("run_id")
    with op.batch_alter_table("import_runs") as batch:
        batch.drop_column("pid")
        batch.drop_column("host")
