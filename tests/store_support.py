"""Database URLs for the store tests: SQLite always, PostgreSQL when configured.

PostgreSQL tests use the server named by ``JIXIAO_TEST_POSTGRES_URL`` and a fresh
schema per test (dropped afterwards); without it they are skipped with the reason.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import DBAPIError, OperationalError

from jixiao.store import Store
from support import skip_unless_strict

PG_ENV = "JIXIAO_TEST_POSTGRES_URL"
BACKENDS = ("sqlite", "postgresql")


def _pg_base() -> str:
    url = os.environ.get(PG_ENV)
    if not url:
        skip_unless_strict(f"未设置 {PG_ENV}：跳过 PostgreSQL 测试")
    return url


def with_schema(url: str, schema: str) -> str:
    """``url`` with every connection's ``search_path`` set to ``schema``."""
    return f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"


def _trigram_extension(engine: Engine) -> None:
    """``pg_trgm`` in ``public``, once per database, before any test schema exists.

    Migration 0018 creates the extension where the search path points when the
    database has none; in a test that is the test's own schema, dropped (with the
    extension, under the other tests' indexes) when the test ends, and two tests
    creating it at once deadlock. A database that refuses it keeps the fallback."""
    try:
        with engine.begin() as conn:
            conn.execute(text("SELECT pg_advisory_xact_lock(8030)"))
            conn.execute(text("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public"))
    except DBAPIError:
        pass


def make_url(backend: str, tmp_path: Path) -> Iterator[str]:
    """A URL of an empty database of ``backend``; dropped after the test."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'jixiao.db'}"
        return
    base = _pg_base()
    engine = create_engine(base)
    schema = f"jxtest_{uuid.uuid4().hex[:12]}"
    try:
        _trigram_extension(engine)
        with engine.begin() as conn:
            conn.execute(text(f"CREATE SCHEMA {schema}"))
    except OperationalError as err:
        engine.dispose()
        reason = str(err.orig).strip().splitlines()[0]
        skip_unless_strict(f"PostgreSQL 不可达（{PG_ENV}）：{reason}")
    try:
        yield with_schema(base, schema)
    finally:
        with engine.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        engine.dispose()


def save_seeds(store: Store, *seeds: str) -> None:
    """Review the example files ``seeds`` and store each as a document of its own (with
    its computed scores; content hashes ``a…``, ``b…``, …)."""
    from jixiao.audit import review
    from jixiao.parse import parse_file
    from jixiao.store import DocumentInfo

    examples = Path(__file__).resolve().parents[1] / "examples"
    for digest, seed in zip("abcdefgh", seeds, strict=False):
        reviewed = review(list(parse_file(examples / seed).forms))
        store.save_forms(
            [r.form for r in reviewed],
            DocumentInfo(seed, digest * 64),
            scores=[r.score for r in reviewed],
        )
