"""Running the Alembic migrations shipped in :mod:`jixiao.store.migrations`.

:func:`upgrade` brings a database to the newest revision; the store calls it on first
use, so users never touch Alembic. Tests also use it to stop at an older revision, and
:func:`downgrade` to go back.

An upgrade is ONE transaction, schema changes included, so that a kill at any moment
leaves the database at the revision it had or at the new one, never between. PostgreSQL
runs DDL in transactions anyway. SQLite can too, but Python's ``sqlite3`` (pysqlite)
opens its implicit transaction only before ``INSERT``/``UPDATE``/``DELETE``: a
``CREATE TABLE`` issued first runs on its own and is committed at once (Alembic's SQLite
support says ``transactional_ddl = False`` for that reason). So the migrations run on a
connection whose driver does no implicit transactions, inside an explicit
``BEGIN IMMEDIATE`` (which also makes a second process opening the same new file wait
for the first instead of failing). PostgreSQL takes an advisory lock for the same.

A database a kill left half-created by an older jixiao (tables, but no revision
recorded) is finished: its tables, all empty, are dropped and the schema made anew.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import func, inspect, select, table, text
from sqlalchemy.engine import Connection, Engine

from jixiao.store.errors import StoreError
from jixiao.store.schema import Base

__all__ = [
    "VERSION_TABLE",
    "current_revision",
    "downgrade",
    "head_revision",
    "in_schema_py",
    "outside_schema",
    "revisions",
    "upgrade",
]

VERSION_TABLE = "jixiao_schema_version"
_SCRIPTS = Path(__file__).resolve().parent / "migrations"
_PG_LOCK = 0x6A697869616F  # "jixiao": one advisory lock for every migrating process


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(_SCRIPTS))
    return config


def outside_schema(name: str | None, type_: str) -> bool:
    """Whether a database object is one the migrations make beside the tables of
    :mod:`jixiao.store.schema` (SQLite's full-text table and the tables FTS5 keeps for
    it, PostgreSQL's trigram index): comparisons of the database with ``schema.py``
    leave them out."""
    if type_ == "table":
        return name == "form_fts" or (name or "").startswith("form_fts_")
    return type_ == "index" and name == "ix_form_search_trgm"


def in_schema_py(_obj: object, name: str | None, type_: str, *_: object) -> bool:
    """Alembic's ``include_object`` for comparing a database with ``schema.py``:
    everything but what :func:`outside_schema` names."""
    return not outside_schema(name, type_)


def head_revision() -> str:
    """The newest revision shipped with this version of jixiao."""
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def revisions() -> list[str]:
    """Every revision shipped, oldest first (``0001`` … :func:`head_revision`)."""
    walked = ScriptDirectory.from_config(_config()).walk_revisions()
    return [script.revision for script in reversed(list(walked))]


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, ``None`` for an empty database."""
    with engine.connect() as conn:
        return _revision(conn)


def _revision(conn: Connection) -> str | None:
    context = MigrationContext.configure(conn, opts={"version_table": VERSION_TABLE})
    return context.get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate the database to ``revision`` (default: the newest), in one transaction,
    finishing first a database left half-created."""
    head = head_revision()
    if revision == "head" and current_revision(engine) == head:
        return
    config = _config()
    with _schema_transaction(engine) as conn:
        if revision == "head" and _revision(conn) == head:
            return  # another process migrated it while this one waited
        _finish_half_created(conn)
        config.attributes["connection"] = conn
        command.upgrade(config, revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Take the database back to ``revision`` (``"base"``: empty), in one transaction.
    Only for an administrator going back to an older jixiao, and for the tests: what
    the newer revisions added (columns, tables) is dropped."""
    config = _config()
    with _schema_transaction(engine) as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, revision)


@contextmanager
def _schema_transaction(engine: Engine) -> Iterator[Connection]:
    """A connection in a transaction that holds schema changes too (see the module)."""
    with engine.connect() as conn:
        if conn.dialect.name != "sqlite":
            with conn.begin():
                if conn.dialect.name == "postgresql":
                    conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK})
                yield conn
            return
        driver = conn.connection.driver_connection
        assert driver is not None
        level = driver.isolation_level
        driver.isolation_level = None  # no implicit BEGIN, no implicit COMMIT
        # A batch migration rebuilds a table (copy, DROP, rename): with foreign keys on,
        # the DROP would cascade and delete every row referring to it (the forms of a
        # rebuilt documents table). Off outside the transaction (SQLite ignores the
        # pragma inside one), checked before the commit, on again after.
        driver.execute("PRAGMA foreign_keys=OFF")
        try:
            with conn.begin():  # commit()/rollback() end the explicit transaction
                conn.exec_driver_sql("BEGIN IMMEDIATE")
                before = _dangling(conn)
                yield conn
                added = _dangling(conn) - before
                if added:
                    table = sorted(added)[0][0]
                    raise StoreError(f"迁移后表 {table} 中有行引用了不存在的行，已撤销迁移")
        finally:
            driver.execute("PRAGMA foreign_keys=ON")
            driver.isolation_level = level


def _dangling(conn: Connection) -> Counter[tuple[str, str]]:
    """SQLite's rows whose foreign key names no row, counted by (table, parent): a
    migration must add none (it may find some an old database already had)."""
    return Counter((r[0], r[2]) for r in conn.exec_driver_sql("PRAGMA foreign_key_check"))


def _finish_half_created(conn: Connection) -> None:
    """Drop the tables of a database that has jixiao's tables but no revision (a kill
    during its creation by a jixiao whose DDL was not transactional), if all are
    empty; a :class:`StoreError` if any holds rows (never guessed at)."""
    if _revision(conn) is not None:
        return
    names = inspect(conn).get_table_names()
    ours = [
        n
        for n in names
        if n in Base.metadata.tables or n == VERSION_TABLE or n.startswith("_alembic_tmp_")
    ]
    if not ours:
        return
    full = [n for n in ours if conn.execute(select(func.count()).select_from(table(n))).scalar()]
    if full:
        raise StoreError(
            f"数据库没有记录结构版本，但表 {'、'.join(sorted(full))} 中已有数据，"
            "无法判断其结构；请换用新的数据库文件，或联系管理员检查"
        )
    cascade = " CASCADE" if conn.dialect.name == "postgresql" else ""
    quote = conn.dialect.identifier_preparer.quote
    for name in ours:
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS {quote(name)}{cascade}")
