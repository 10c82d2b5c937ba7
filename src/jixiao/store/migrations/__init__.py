"""Alembic migrations of the store, shipped in the package.

They run through :func:`jixiao.store.migrate.upgrade`; no ``alembic.ini`` is needed.
"""
