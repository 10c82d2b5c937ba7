"""What the migrations need of jixiao, frozen as it was when they were written.

A migration describes a past schema and backfills it with past rules; it must not
change when the live code does (a new column type or a new way of comparing project
names would otherwise rewrite history under databases already migrated). So the
migrations import nothing from jixiao but this module, and nothing here may change
once released: a later rule belongs in a new migration.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from decimal import Decimal
from itertools import pairwise
from typing import Any

from sqlalchemy import Numeric, String
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine

__all__ = [
    "ExactDecimal",
    "bigram_tokens",
    "form_identity",
    "nameless_identity",
    "search_text",
    "text_key",
]


class ExactDecimal(TypeDecorator[Decimal]):
    """A ``Decimal`` column as of revision 0001: text on SQLite, ``numeric`` elsewhere."""

    impl = Numeric
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(String(64))
        return dialect.type_descriptor(Numeric(asdecimal=True))

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        if not isinstance(value, Decimal):
            value = Decimal(str(value))
        return str(value) if dialect.name == "sqlite" else value


def text_key(text: str | None) -> str:
    """A project name as compared in revision 0005 (``forms.project_key``): width
    folded, spaces, brackets and punctuation removed."""
    folded = unicodedata.normalize("NFKC", text or "")
    folded = folded.replace("≥", ">=").replace("≤", "<=")
    return re.sub(r"[\s。，,；;：:()]", "", folded)


def search_text(parts: Iterable[str | None]) -> str:
    """A form's search text as of revision 0005: its parts, lower-cased, one a line."""
    return "\n".join(p for p in parts if p).lower()


def bigram_tokens(value: str) -> str:
    """A search text as SQLite's full-text table holds it as of revision 0018: its
    bigrams in order, each the two code points in hex joined by ``g``."""
    codes = [f"{ord(c):x}" for c in value]
    return " ".join(map("g".join, pairwise(codes)))


_DEPARTMENT_KINDS = frozenset({"department_self_evaluation", "department_target_declaration"})
_TRAILING_PROJECT = re.compile(r"(项目)+$")


def form_identity(
    kind: str, year: int | None, project: str | None, unit: str | None, department: str | None
) -> str | None:
    """Which form a stored form is, as of revision 0012 (``forms.identity_key``): kind,
    year, unit and project (a department form: its department), names by
    :func:`text_key`, a trailing 「项目」 dropped; ``None`` without a name."""
    if kind in _DEPARTMENT_KINDS:
        if not department:
            return None
        name, owner = "部门整体：" + text_key(department), ""
    elif not project:
        return None
    else:
        name, owner = text_key(project), text_key(unit)
    return "|".join((kind, str(year or ""), owner, _TRAILING_PROJECT.sub("", name) or name))


def nameless_identity(
    kind: str,
    year: int | None,
    unit: str | None,
    indicators: Iterable[tuple[str | None, str | None]],
    total_score: Decimal | str | None,
) -> str | None:
    """Which form a stored form that prints no name is, as of revision 0016: its kind,
    year, unit and what it says — its indicators' ``(name, target)`` in order and its
    total score — so the same form read from another file matches; ``None`` without
    any indicator."""
    said = [f"{text_key(name)}:{text_key(target)}" for name, target in indicators]
    if not said:
        return None
    said.append("" if total_score is None else str(Decimal(str(total_score)).normalize()))
    digest = hashlib.sha256("\n".join(said).encode()).hexdigest()[:24]
    return "|".join((kind, str(year or ""), text_key(unit), f"#{digest}"))
