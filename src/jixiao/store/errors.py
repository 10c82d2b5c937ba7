"""Errors of the store: a database that cannot be opened, a form that is not there."""

from __future__ import annotations

from jixiao.errors import JixiaoError

__all__ = ["DraftNotFoundError", "FormNotFoundError", "StoreError"]


class StoreError(JixiaoError):
    """The database cannot be opened, reached or written."""


class FormNotFoundError(StoreError):
    """No form has the id asked for."""


class DraftNotFoundError(StoreError):
    """No draft has the id asked for."""
