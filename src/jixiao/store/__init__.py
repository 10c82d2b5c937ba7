"""The store: forms in a database (SQLite file by default, PostgreSQL by URL).

``open_store(url)`` opens (creating and migrating when needed) a :class:`Store`;
``Store.save_document`` writes a parsed document (and its computed scores) in one
transaction, ``forms`` / ``indicators`` / ``findings`` give pandas-friendly rows,
``load_form`` the model back, ``get`` the form with its score; ``save_draft`` & co. keep
forms being filled in on the web.
"""

from jixiao.store.drafts import DraftInfo
from jixiao.store.engine import ENV_VAR, default_path, resolve_url
from jixiao.store.errors import (
    DatabaseError,
    DraftNotFoundError,
    FormNotFoundError,
    OutOfScopeError,
    StoreError,
)
from jixiao.store.filters import FilterArgs, Filters, Visibility, form_matches
from jixiao.store.governance import Actor, Change, LogFilters, Supersede
from jixiao.store.query import FORM_SORT_KEYS, Page
from jixiao.store.runs import RunTotals
from jixiao.store.save import DocumentInfo
from jixiao.store.store import Store, StoredForm, open_store

__all__ = [
    "ENV_VAR",
    "FORM_SORT_KEYS",
    "Actor",
    "Change",
    "DatabaseError",
    "DocumentInfo",
    "DraftInfo",
    "DraftNotFoundError",
    "FilterArgs",
    "Filters",
    "FormNotFoundError",
    "LogFilters",
    "OutOfScopeError",
    "Page",
    "RunTotals",
    "Store",
    "StoreError",
    "StoredForm",
    "Supersede",
    "Visibility",
    "default_path",
    "form_matches",
    "open_store",
    "resolve_url",
]
