"""The management cycle: each submitted form's state, and every step it took.

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision: str | None = "0010"
branch_labels = None
depends_on = None

_WHEN = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "form_states",
        sa.Column("form_id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(32), nullable=False),
        sa.Column("since", _WHEN, nullable=False),
        sa.ForeignKeyConstraint(
            ["form_id"], ["forms.id"], name="fk_form_states_form_id_forms", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("form_id", name="pk_form_states"),
    )
    op.create_index("ix_form_states_state", "form_states", ["state"])
    op.create_table(
        "form_transitions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("form_id", sa.Integer(), nullable=False),
        sa.Column("step", sa.String(32), nullable=False),
        sa.Column("from_state", sa.String(32), nullable=True),
        sa.Column("to_state", sa.String(32), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("at", _WHEN, nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_form_transitions"),
    )
    op.create_index("ix_form_transitions_form_id", "form_transitions", ["form_id"])


def downgrade() -> None:
    op.drop_table("form_transitions")
    op.drop_table("form_states")
