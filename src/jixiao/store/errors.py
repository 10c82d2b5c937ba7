"""Errors of the store: a database that cannot be opened or written, a form that is not
there."""

from __future__ import annotations

from sqlalchemy.exc import SQLAlchemyError

from jixiao.errors import JixiaoError

__all__ = [
    "DatabaseError",
    "DraftNotFoundError",
    "FormNotFoundError",
    "OutOfScopeError",
    "StoreError",
]

DatabaseError = SQLAlchemyError
"""Whatever the database raises on a read or a write that failed (a full disk, a lost
connection): callers that record the failure and go on catch this, never the driver's
own classes."""


class StoreError(JixiaoError):
    """The database cannot be opened, reached or written."""


class FormNotFoundError(StoreError):
    """No form has the id asked for."""


class DraftNotFoundError(StoreError):
    """No draft has the id asked for."""


class OutOfScopeError(StoreError):
    """A scoped store (:meth:`~jixiao.store.Store.within`) was asked to write for a unit
    it does not see."""
