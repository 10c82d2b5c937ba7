"""Which database to use, and an SQLAlchemy engine for it.

The URL comes from the ``--db`` option, else the environment variable ``JIXIAO_DB``,
else the default SQLite file ``$XDG_DATA_HOME/jixiao/jixiao.db`` (``XDG_DATA_HOME``
defaults to ``~/.local/share``). A value without ``://`` is a path to an SQLite file.
PostgreSQL URLs (``postgresql://…``) use the psycopg 3 driver, the ``postgres`` extra.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError

from jixiao.store.errors import StoreError

__all__ = ["ENV_VAR", "create_store_engine", "default_path", "display_url", "resolve_url"]

ENV_VAR = "JIXIAO_DB"


def default_path() -> Path:
    """The default SQLite file: ``$XDG_DATA_HOME/jixiao/jixiao.db``."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "jixiao" / "jixiao.db"


def resolve_url(url: str | None = None) -> str:
    """The database URL: ``url`` if given, else ``$JIXIAO_DB``, else the default file."""
    value = url or os.environ.get(ENV_VAR) or ""
    if not value.strip():
        return f"sqlite:///{default_path()}"
    value = value.strip()
    if "://" not in value:
        return f"sqlite:///{Path(value).expanduser().resolve()}"
    for prefix in ("postgresql://", "postgres://"):
        if value.startswith(prefix):
            return "postgresql+psycopg://" + value[len(prefix) :]
    return value


def display_url(url: str) -> str:
    """``url`` with any password hidden, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def create_store_engine(url: str | None = None) -> Engine:
    """An engine for :func:`resolve_url` ``(url)``; Chinese :class:`StoreError` on failure."""
    resolved = resolve_url(url)
    try:
        parsed = make_url(resolved)
    except ArgumentError as err:
        raise StoreError(f"数据库地址无法识别：{resolved}") from err
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return _sqlite_engine(resolved, parsed.database)
    if backend == "postgresql":
        try:
            import psycopg  # noqa: F401
        except ImportError as err:
            raise StoreError(
                "使用 PostgreSQL 需要安装 psycopg 驱动：pip install 'jixiao[postgres]'"
            ) from err
    try:
        return create_engine(resolved, pool_pre_ping=True, json_serializer=_json)
    except ImportError as err:
        raise StoreError(f"缺少数据库驱动（{err.name}），无法打开 {display_url(resolved)}") from err
    except ArgumentError as err:
        raise StoreError(f"数据库地址无法识别：{display_url(resolved)}") from err


def _sqlite_engine(url: str, database: str | None) -> Engine:
    if database and database != ":memory:" and not database.startswith("file:"):
        try:
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise StoreError(f"无法创建数据库目录：{Path(database).parent}（{err}）") from err
    engine = create_engine(url, json_serializer=_json)
    file_backed = bool(database) and database != ":memory:"
    event.listen(engine, "connect", _sqlite_pragmas_wal if file_backed else _sqlite_pragmas)
    return engine


def _json(value: Any) -> str:
    """JSON columns keep Chinese as UTF-8, not ``\\uXXXX`` escapes (half the bytes)."""
    return json.dumps(value, ensure_ascii=False)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _sqlite_pragmas_wal(dbapi_connection: Any, record: Any) -> None:
    """Write-ahead log: readers (``jixiao list``, the web) never block an import."""
    _sqlite_pragmas(dbapi_connection, record)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
