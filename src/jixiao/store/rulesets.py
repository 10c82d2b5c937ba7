"""The rulesets kept in the store: a user's own ruleset by name, as JSON text.

The store does not read them (it knows no scoring): :mod:`jixiao.service.rulesets`
turns the text back into a ruleset for the forms stored with that name.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import delete, insert, select
from sqlalchemy.engine import Connection

from jixiao.store.schema import RulesetRow

__all__ = ["read_ruleset", "write_ruleset"]


def write_ruleset(conn: Connection, name: str, data: str) -> None:
    """Keep ``data`` as the ruleset named ``name`` (over an earlier one of that name)."""
    conn.execute(delete(RulesetRow).where(RulesetRow.name == name))
    conn.execute(insert(RulesetRow).values(name=name, data=data, saved_at=datetime.now(UTC)))


def read_ruleset(conn: Connection, name: str) -> str | None:
    """The ruleset kept as ``name``, or ``None``."""
    found = conn.execute(select(RulesetRow.data).where(RulesetRow.name == name))
    return found.scalar_one_or_none()
