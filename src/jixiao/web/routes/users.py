"""账号 (管理员): list the accounts within one's scope, add one, set its role and scope,
reset its password, disable or enable it. Every check is the service's
(:mod:`jixiao.service.user_admin`, the same functions as ``jixiao users``); each POST
carries the CSRF token (checked for every router) and comes back to the list with a
message.
"""

from __future__ import annotations

import re
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from jixiao.errors import UsageError
from jixiao.model.access import ROLE_LABELS, SCOPE_LABELS, Action, Role, Scope, ScopeKind
from jixiao.service import accounts, user_admin
from jixiao.service.access import Principal
from jixiao.web.access import allow
from jixiao.web.deps import page

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
_Admin = Annotated[Principal, Depends(allow(Action.MANAGE))]
_Name = Annotated[str, Form(max_length=64)]
_Password = Annotated[str, Form(max_length=1024)]
_Role = Annotated[str, Form(max_length=32)]
_ScopeKind = Annotated[str, Form(max_length=16)]
_ScopeName = Annotated[str, Form(max_length=200)]


def _role(value: str) -> Role:
    try:
        return Role(value)
    except ValueError:
        raise UsageError("没有这个角色") from None


def _scope(kind: str, name: str) -> Scope:
    try:
        chosen = ScopeKind(kind)
        return Scope(chosen, None if chosen is ScopeKind.ALL else name.strip())
    except ValueError:
        raise UsageError("请选择范围；单位或主管部门范围须填写其名称") from None


_DONE = {
    "added": "已新增账号 {}",
    "role": "已设置 {} 的角色与范围，该账号须重新登录",
    "password": "已重置 {} 的密码，其在各处的登录均已失效",
    "enabled": "已启用 {}",
    "disabled": "已停用 {}",
}
"""What the list says after a change (by code: no text of the URL is shown as it is)."""
_USERNAME = re.compile(r"[A-Za-z0-9_.@-]{1,64}")


def _done(code: str, username: str) -> Response:
    query = urlencode({"done": code, "user": username})
    return RedirectResponse(f"/users?{query}", status_code=303)


def _done_message(code: str | None, username: str | None) -> str | None:
    if code not in _DONE or username is None or not _USERNAME.fullmatch(username):
        return None
    return _DONE[code].format(username)


@router.get("/users", response_class=HTMLResponse)
def users_page(
    request: Request, who: _Admin, done: str | None = None, user: str | None = None
) -> HTMLResponse:
    """The accounts this administrator manages, and the form to add one."""
    store = request.app.state.store
    units = accounts.units(store)
    return page(
        request,
        "users.html",
        title="账号",
        users=user_admin.manageable_users(store, who),
        roles=ROLE_LABELS,
        scope_kinds=SCOPE_LABELS,
        scope_of=user_admin.scope_of,
        unit_names=sorted({u.name for u in units}),
        department_names=sorted({u.department for u in units}),
        done=_done_message(done, user),
    )


@router.post("/users/add")
def add_user(
    request: Request,
    who: _Admin,
    username: _Name,
    password: _Password,
    role: _Role,
    scope_kind: _ScopeKind,
    scope_name: _ScopeName = "",
    display_name: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    """Add an account."""
    scope = _scope(scope_kind, scope_name)
    store = request.app.state.store
    user_admin.add_account(store, who, username.strip(), password, _role(role), scope, display_name)
    return _done("added", username.strip())


@router.post("/users/role")
def set_role(
    request: Request,
    who: _Admin,
    username: _Name,
    role: _Role,
    scope_kind: _ScopeKind,
    scope_name: _ScopeName = "",
) -> Response:
    """Give an account a new role and scope (its sessions end)."""
    scope = _scope(scope_kind, scope_name)
    user_admin.set_account_role(request.app.state.store, who, username, _role(role), scope)
    return _done("role", username)


@router.post("/users/password")
def reset_password(request: Request, who: _Admin, username: _Name, password: _Password) -> Response:
    """Reset an account's password (its sessions end on every device)."""
    user_admin.reset_account_password(request.app.state.store, who, username, password)
    return _done("password", username)


@router.post("/users/active")
def set_active(
    request: Request,
    who: _Admin,
    username: _Name,
    active: Annotated[bool, Form()],
) -> Response:
    """Disable (its sessions end) or enable an account."""
    user_admin.set_account_active(request.app.state.store, who, username, active)
    return _done("enabled" if active else "disabled", username)
