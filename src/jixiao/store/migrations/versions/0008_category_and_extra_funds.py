"""A self-evaluation's project category and the funding rows the model had no field for.

- ``forms.category``: 项目类型 / 项目分类 / 项目属性 as printed on a self-evaluation;
- ``forms.extras["funds_extra"]``: the funding rows by printed label (财政专户管理资金,
  单位资金, 人员经费 …), kept whole beside ``legacy`` / ``target_meta`` — no new column.

Existing forms get an empty ``category``: no form stored before had one read.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision: str | None = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN (no batch copy: re-creating ``forms`` would cascade deletes).
    op.add_column("forms", sa.Column("category", sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column("forms", "category")
