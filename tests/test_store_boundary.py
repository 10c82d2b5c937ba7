"""SQL only in the store (DESIGN §4), read off the source with ``ast``: no module outside
``jixiao/store`` imports a database library or the store's tables, reaches for a
store's ``engine`` or spells a SQL statement; the store does not import the checks
(the project key is the model's); migrations import nothing live."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from support import SRC, source_modules

STORE = SRC / "store"
MIGRATIONS = STORE / "migrations" / "versions"

_DATABASE_LIBRARIES = {"sqlalchemy", "sqlite3", "alembic", "psycopg", "psycopg2", "asyncpg"}
_STORE_INTERNALS = {
    "jixiao.store.dialects",
    "jixiao.store.drafts",
    "jixiao.store.engine",
    "jixiao.store.filters",
    "jixiao.store.mapping",
    "jixiao.store.migrate",
    "jixiao.store.migrations",
    "jixiao.store.projects",
    "jixiao.store.query",
    "jixiao.store.rulesets",
    "jixiao.store.runs",
    "jixiao.store.save",
    "jixiao.store.schema",
    "jixiao.store.schema_access",
    "jixiao.store.texts",
    "jixiao.store.types",
}
"""Modules that hold tables, queries and connections. Outside the store they may only
be reached through ``jixiao.store`` and its public query modules (``stats``,
``dashboard``, ``changes``)."""
_ALLOWED_INTERNALS: set[tuple[str, str]] = set()
_SQL = re.compile(
    r"\b(SELECT\b.+\bFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+(TABLE|INDEX)"
    r"|DROP\s+TABLE|PRAGMA\s+\w+)\b",
    re.S,
)


def _modules(root: Path) -> Iterator[tuple[str, ast.Module]]:
    under = root.relative_to(SRC).as_posix() + "/" if root != SRC else ""
    for rel, _, tree in source_modules():
        if rel.startswith(under):
            yield f"jixiao/{rel}", tree


def _imports(tree: ast.Module) -> Iterator[str]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def _outside_store() -> Iterator[tuple[str, ast.Module]]:
    for name, tree in _modules(SRC):
        if not name.startswith("jixiao/store/"):
            yield name, tree


def _is_in(module: str, packages: set[str]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in packages)


def test_no_database_library_outside_the_store() -> None:
    found = [
        (name, module)
        for name, tree in _outside_store()
        for module in _imports(tree)
        if _is_in(module, _DATABASE_LIBRARIES)
    ]
    assert found == []


def test_no_table_or_query_module_outside_the_store() -> None:
    found = {
        (name, internal)
        for name, tree in _outside_store()
        for module in _imports(tree)
        for internal in _STORE_INTERNALS
        if _is_in(module, {internal})
    }
    assert found <= _ALLOWED_INTERNALS, sorted(found - _ALLOWED_INTERNALS)


def test_no_connection_outside_the_store() -> None:
    """``store.engine`` is the way to a connection: only the store takes it."""
    found = [
        (name, node.lineno)
        for name, tree in _outside_store()
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and node.attr == "engine"
    ]
    assert found == []


def test_no_sql_text_outside_the_store() -> None:
    found = [
        (name, node.lineno)
        for name, tree in _outside_store()
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and _SQL.search(node.value)
    ]
    assert found == []


def test_the_store_does_not_import_the_checks() -> None:
    found = [
        (name, module)
        for name, tree in _modules(STORE)
        for module in _imports(tree)
        if _is_in(module, {"jixiao.audit", "jixiao.web", "jixiao.cli", "jixiao.importer"})
    ]
    assert found == []


def test_migrations_import_nothing_live() -> None:
    """A migration describes the past: it may only take what is frozen for it."""
    names = [name for name, _ in _modules(MIGRATIONS)]
    assert len(names) >= 6
    found = [
        (name, module)
        for name, tree in _modules(MIGRATIONS)
        for module in _imports(tree)
        if _is_in(module, {"jixiao"}) and not _is_in(module, {"jixiao.store.migrations.frozen"})
    ]
    assert found == []


@pytest.mark.parametrize(
    "text",
    [
        "SELECT id FROM forms",
        "INSERT INTO form_scores (form_id, data) SELECT id, score_data FROM forms",
        "UPDATE forms SET budget_total = 1",
        "DELETE FROM findings",
        "PRAGMA data_version",
    ],
)
def test_the_sql_pattern_sees_statements(text: str) -> None:
    assert _SQL.search(text)


@pytest.mark.parametrize("text", ["数据库中没有编号为 1 的表单", "Select a file from the list"])
def test_the_sql_pattern_passes_prose(text: str) -> None:
    assert not _SQL.search(text)
