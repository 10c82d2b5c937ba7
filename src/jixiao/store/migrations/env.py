"""Alembic environment: runs on the connection the store hands over (no alembic.ini)."""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from jixiao.store.migrate import VERSION_TABLE, in_schema_py
from jixiao.store.schema import Base

connection = context.config.attributes.get("connection")
if not isinstance(connection, Connection):  # pragma: no cover - only via jixiao.store.migrate
    raise RuntimeError("jixiao migrations run through jixiao.store.migrate.upgrade()")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    version_table=VERSION_TABLE,
    render_as_batch=True,
    include_object=in_schema_py,
    transactional_ddl=True,  # jixiao.store.migrate runs SQLite DDL in its transaction too
)
with context.begin_transaction():
    context.run_migrations()
