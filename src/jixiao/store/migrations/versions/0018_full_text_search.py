"""Full-text search (:mod:`jixiao.store.fulltext`): an index over ``form_search``.

- SQLite: the contentless FTS5 table ``form_fts`` of each search text's character
  bigrams (rowid = form id), filled from ``form_search``.
- PostgreSQL: a ``pg_trgm`` GIN index on ``form_search.text`` for ``LIKE '%…%'``,
  created with the extension when the database allows it; otherwise the search reads
  every text as before, and the reason is logged (once, here).

Revision ID: 0018
Revises: 0016
"""

from __future__ import annotations

import logging

import sqlalchemy as sa
from alembic import op
from sqlalchemy.exc import DBAPIError

from jixiao.store.migrations.frozen import bigram_tokens

revision = "0018"
down_revision: str | None = "0016"
branch_labels = None
depends_on = None

_FTS = "form_fts"
_TRIGRAM_INDEX = "ix_form_search_trgm"
_BATCH = 1000
_log = logging.getLogger("jixiao.store")


def upgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(
            f"CREATE VIRTUAL TABLE {_FTS} USING fts5"
            "(text, content='', tokenize='ascii', columnsize=0)"
        )
        _fill(conn)
    elif conn.dialect.name == "postgresql":
        _trigram_index(conn)


def _fill(conn: sa.Connection) -> None:
    search = sa.table("form_search", sa.column("form_id", sa.Integer()), sa.column("text"))
    insert = sa.text(f"INSERT INTO {_FTS} (rowid, text) VALUES (:id, :text)")
    last = 0
    while True:
        rows = conn.execute(
            sa.select(search.c.form_id, search.c.text)
            .where(search.c.form_id > last)
            .order_by(search.c.form_id)
            .limit(_BATCH)
        ).all()
        if not rows:
            return
        conn.execute(insert, [{"id": r.form_id, "text": bigram_tokens(r.text)} for r in rows])
        last = rows[-1].form_id


def _trigram_index(conn: sa.Connection) -> None:
    """The GIN index, in a savepoint: a database that refuses the extension keeps the
    migration's transaction usable."""
    try:
        with conn.begin_nested():
            schema = conn.exec_driver_sql(
                "SELECT extnamespace::regnamespace::text FROM pg_extension"
                " WHERE extname = 'pg_trgm'"
            ).scalar()
            if schema is None:
                conn.exec_driver_sql("CREATE EXTENSION pg_trgm")
                schema = conn.exec_driver_sql(
                    "SELECT extnamespace::regnamespace::text FROM pg_extension"
                    " WHERE extname = 'pg_trgm'"
                ).scalar_one()
            conn.exec_driver_sql(
                f"CREATE INDEX {_TRIGRAM_INDEX} ON form_search"
                f" USING gin (text {schema}.gin_trgm_ops)"
            )
    except DBAPIError as err:
        reason = str(err.orig).strip().splitlines()[0]
        _log.warning(
            "全文搜索未建 pg_trgm 索引（%s），搜索将逐条读取；数据库管理员可执行"
            " CREATE EXTENSION pg_trgm 后重建：CREATE INDEX %s ON form_search"
            " USING gin (text gin_trgm_ops)",
            reason,
            _TRIGRAM_INDEX,
        )


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS {_FTS}")
    elif conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"DROP INDEX IF EXISTS {_TRIGRAM_INDEX}")
