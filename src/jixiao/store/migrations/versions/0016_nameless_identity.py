"""Forms that print no project name get an identity: 0012 gave every named form its
``identity_key`` and left the nameless ones without, so a nameless form imported again
from another file was never recognised as a duplicate of a stored one. New imports key
such a form by its kind, year, unit, indicators and total score
(:func:`jixiao.model.governance.form_key`); this gives the stored ones the same key.
Nothing is superseded or withdrawn here: two stored copies simply share the key.

Revision ID: 0016
Revises: 0012
"""

from __future__ import annotations

from collections import defaultdict

import sqlalchemy as sa
from alembic import op

from jixiao.store.migrations.frozen import ExactDecimal, nameless_identity

revision = "0016"
down_revision: str | None = "0012"
branch_labels = None
depends_on = None

_BATCH = 500


def upgrade() -> None:
    conn = op.get_bind()
    forms = sa.table(
        "forms",
        sa.column("id", sa.Integer()),
        sa.column("kind", sa.String()),
        sa.column("year", sa.Integer()),
        sa.column("unit", sa.Text()),
        sa.column("total_score", ExactDecimal()),
        sa.column("identity_key", sa.Text()),
    )
    indicators = sa.table(
        "indicators",
        sa.column("form_id", sa.Integer()),
        sa.column("position", sa.Integer()),
        sa.column("name", sa.Text()),
        sa.column("target", sa.Text()),
    )
    nameless = conn.execute(
        sa.select(forms.c.id, forms.c.kind, forms.c.year, forms.c.unit, forms.c.total_score)
        .where(forms.c.identity_key.is_(None))
        .order_by(forms.c.id)
    ).all()
    update = (
        sa.update(forms)
        .where(forms.c.id == sa.bindparam("form_id"))
        .values(identity_key=sa.bindparam("key"))
    )
    for start in range(0, len(nameless), _BATCH):
        batch = nameless[start : start + _BATCH]
        said: dict[int, list[tuple[str | None, str | None]]] = defaultdict(list)
        rows = conn.execute(
            sa.select(indicators.c.form_id, indicators.c.name, indicators.c.target)
            .where(indicators.c.form_id.in_([r.id for r in batch]))
            .order_by(indicators.c.form_id, indicators.c.position)
        )
        for form_id, name, target in rows:
            said[form_id].append((name, target))
        keyed = [
            {"form_id": r.id, "key": key}
            for r in batch
            if (key := nameless_identity(r.kind, r.year, r.unit, said[r.id], r.total_score))
        ]
        if keyed:
            conn.execute(update, keyed)


def downgrade() -> None:
    """The keys of nameless forms are dropped again (0012 left them empty)."""
    forms = sa.table("forms", sa.column("identity_key", sa.Text()))
    op.execute(sa.update(forms).where(forms.c.identity_key.like("%|#%")).values(identity_key=None))
