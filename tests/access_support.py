"""A store of the sample documents with the organisation tree and one account per role,
for the access tests (service and web)."""

from __future__ import annotations

from pathlib import Path

from jixiao.model.access import Role, Scope, ScopeKind
from jixiao.service import accounts, collect_files, run_import
from jixiao.service.access import Principal
from jixiao.store import Store, open_store
from jixiao.web import create_app
from web_client import WebClient

__all__ = [
    "EXAMPLES",
    "HRSS",
    "PASSWORD",
    "SONGJIANG",
    "SONGJIANG_HQ",
    "TALENT",
    "accounts_store",
    "principal_of",
    "signed_in",
]

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
PASSWORD = "correct horse battery"
TALENT = "上海市人才服务中心"
SONGJIANG = "上海市松江区人力资源和社会保障局"
HRSS = "上海市人力资源和社会保障局"
"""The 主管部门 of :data:`TALENT`."""
SONGJIANG_HQ = "上海市松江区人力资源和社会保障局（本部）"
"""A unit of 松江: one of its forms names no 主管部门, only the tree puts it there."""

USERS: dict[str, tuple[Role, Scope]] = {
    "admin": (Role.ADMIN, Scope.everything()),
    "talent": (Role.FILLER, Scope(ScopeKind.UNIT, TALENT)),
    "talent_head": (Role.UNIT_HEAD, Scope(ScopeKind.UNIT, TALENT)),
    "songjiang": (Role.DEPARTMENT_REVIEWER, Scope(ScopeKind.DEPARTMENT, SONGJIANG)),
    "hrss": (Role.DEPARTMENT_REVIEWER, Scope(ScopeKind.DEPARTMENT, HRSS)),
    "finance": (Role.FINANCE_REVIEWER, Scope.everything()),
    "auditor": (Role.AUDITOR, Scope.everything()),
}


def accounts_store(folder: Path, *, documents: bool = True, url: str | None = None) -> Store:
    """The five sample documents (83 forms; none without ``documents``), 松江's 本部 in
    the tree, and :data:`USERS` (password :data:`PASSWORD`); in a SQLite file in
    ``folder`` unless another database ``url`` is given."""
    store = open_store(url or str(folder / "accounts.db"))
    if documents:
        run_import(store, collect_files([EXAMPLES]), jobs=1)
    accounts.add_unit(store, SONGJIANG_HQ, SONGJIANG)
    for name, (role, scope) in USERS.items():
        accounts.add_user(store, name, PASSWORD, role, scope)
    return store


def principal_of(store: Store, name: str) -> Principal:
    """The signed-in user ``name`` of :data:`USERS` (for the service tests)."""
    found = accounts.authenticate(store, name, PASSWORD, "127.0.0.1")
    assert found is not None
    return found


def signed_in(store: Store, name: str, password: str = PASSWORD) -> WebClient:
    """A web client of an app on ``store``, signed in as ``name``."""
    client = WebClient(create_app(store))
    done = client.post(
        "/login", data={"username": name, "password": password}, follow_redirects=False
    )
    assert done.status_code == 303
    return client
