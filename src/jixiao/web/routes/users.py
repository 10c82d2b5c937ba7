"""账号 (管理员): list the accounts within one's scope, add one, set its role and scope,
reset its password, disable or enable it. Every check is the service's
(:mod:`jixiao.service.user_admin`, the same functions as ``jixiao users``); each POST
carries the CSRF token (checked for every router) and comes back to the list with a
message.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

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


def _done(message: str) -> Response:
    return RedirectResponse(f"/users?done={quote(message)}", status_code=303)


@router.get("/users", response_class=HTMLResponse)
def users_page(request: Request, who: _Admin, done: str | None = None) -> HTMLResponse:
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
        done=(done or "")[:200],
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
    chosen = _role(role)
    user_admin.add_account(
        request.app.state.store,
        who,
        username.strip(),
        password,
        chosen,
        _scope(scope_kind, scope_name),
        display_name,
    )
    return _done(f"已新增账号 {username.strip()}（{ROLE_LABELS[chosen]}）")


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
    return _done(f"已设置 {username} 的角色与范围，该账号须重新登录")


@router.post("/users/password")
def reset_password(request: Request, who: _Admin, username: _Name, password: _Password) -> Response:
    """Reset an account's password (its sessions end on every device)."""
    user_admin.reset_account_password(request.app.state.store, who, username, password)
    return _done(f"已重置 {username} 的密码，其在各处的登录均已失效")


@router.post("/users/active")
def set_active(
    request: Request,
    who: _Admin,
    username: _Name,
    active: Annotated[bool, Form()],
) -> Response:
    """Disable (its sessions end) or enable an account."""
    user_admin.set_account_active(request.app.state.store, who, username, active)
    return _done(f"已{'启用' if active else '停用'} {username}")
