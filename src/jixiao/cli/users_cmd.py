"""``jixiao users`` (accounts: add, list, set role and scope, reset password, disable,
enable) and ``jixiao units`` (the organisation tree: which 主管部门 a unit belongs to).

Whoever runs these has the database itself, so they are not checked against a role.
Passwords are asked twice without echo, or read from standard input
(``--password-stdin``, first line) for scripts; never taken on the command line.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from jixiao.cli.options import DbOption
from jixiao.cli.usage import ChineseCommand, ChineseGroup
from jixiao.errors import UsageError
from jixiao.model.access import ROLE_LABELS, SCOPE_LABELS, Role, Scope, ScopeKind, role_of
from jixiao.service import accounts
from jixiao.store import open_store

__all__ = ["units_app", "users_app"]

users_app = typer.Typer(
    cls=ChineseGroup,
    help="管理账号：新增、列出、设置角色与范围、重置密码、停用、启用。",
    no_args_is_help=True,
    rich_markup_mode=None,
)
units_app = typer.Typer(
    cls=ChineseGroup,
    help="管理组织结构：单位属于哪个主管部门（决定主管部门审核人能看到哪些单位）。",
    no_args_is_help=True,
    rich_markup_mode=None,
)

_ROLES = "、".join(ROLE_LABELS.values())
RoleOpt = Annotated[str, typer.Option("--role", help=f"角色：{_ROLES}（或其英文名）。")]
UnitOpt = Annotated[str | None, typer.Option("--unit", help="范围：一个单位（单位名称）。")]
DeptOpt = Annotated[
    str | None, typer.Option("--department", help="范围：一个主管部门及其所属单位。")
]
AllOpt = Annotated[bool, typer.Option("--all", help="范围：全部单位。")]
StdinOpt = Annotated[
    bool, typer.Option("--password-stdin", help="从标准输入的第一行读取密码（用于脚本）。")
]


def _role(text: str) -> Role:
    try:
        return role_of(text)
    except ValueError as err:
        raise UsageError(str(err)) from err


def _scope(unit: str | None, department: str | None, everything: bool) -> Scope:
    given = [x for x in (unit, department) if x is not None] + ([True] if everything else [])
    if len(given) != 1:
        raise UsageError("请用 --unit、--department 或 --all 指定一个范围")
    try:
        if unit is not None:
            return Scope(ScopeKind.UNIT, unit.strip())
        if department is not None:
            return Scope(ScopeKind.DEPARTMENT, department.strip())
    except ValueError as err:
        raise UsageError("范围的名称不能为空") from err
    return Scope.everything()


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = typer.prompt("新密码", hide_input=True)
    if typer.prompt("再输入一次", hide_input=True) != first:
        raise UsageError("两次输入的密码不一致")
    return str(first)


@users_app.command("add", cls=ChineseCommand, help="新增账号。")
def add(
    username: Annotated[str, typer.Argument(help="用户名（字母、数字、_ . @ -）。")],
    role: RoleOpt,
    unit: UnitOpt = None,
    department: DeptOpt = None,
    everything: AllOpt = False,
    name: Annotated[str | None, typer.Option("--name", help="显示的姓名。")] = None,
    password_stdin: StdinOpt = False,
    sso_only: Annotated[
        bool, typer.Option("--sso-only", help="不设密码：只能经单点登录代理登录。")
    ] = False,
    db: DbOption = None,
) -> None:
    """Create an account."""
    chosen_role, scope = _role(role), _scope(unit, department, everything)
    password = None if sso_only else _password(password_stdin)
    with open_store(db) as store:
        accounts.add_user(store, username, password, chosen_role, scope, name)
    typer.echo(f"已新增用户 {username}：{ROLE_LABELS[chosen_role]}，范围 {scope.label}")


@users_app.command("list", cls=ChineseCommand, help="列出账号。")
def list_users(db: DbOption = None) -> None:
    """List the accounts."""
    with open_store(db) as store:
        found = accounts.users(store)
    if not found:
        typer.echo("没有账号：网页不需要登录，只能在本机打开。用 jixiao users add 新增。")
        return
    for user in found:
        kind = ScopeKind(user.scope_kind)
        scope = SCOPE_LABELS[kind] + (f"：{user.scope_name}" if user.scope_name else "")
        state = "" if user.active else "（已停用）"
        role = ROLE_LABELS[Role(user.role)]
        typer.echo(f"{user.username}\t{user.display_name}\t{role}\t{scope}{state}")


@users_app.command("set", cls=ChineseCommand, help="设置账号的角色与范围（该账号须重新登录）。")
def set_role_scope(
    username: Annotated[str, typer.Argument(help="用户名。")],
    role: RoleOpt,
    unit: UnitOpt = None,
    department: DeptOpt = None,
    everything: AllOpt = False,
    db: DbOption = None,
) -> None:
    """Give an account a new role and scope (it signs in again)."""
    chosen_role, scope = _role(role), _scope(unit, department, everything)
    with open_store(db) as store:
        accounts.set_role(store, username, chosen_role, scope)
    typer.echo(f"已设置 {username}：{ROLE_LABELS[chosen_role]}，范围 {scope.label}")


@users_app.command("password", cls=ChineseCommand, help="重置账号密码（其已登录的会话全部失效）。")
def reset_password(
    username: Annotated[str, typer.Argument(help="用户名。")],
    password_stdin: StdinOpt = False,
    db: DbOption = None,
) -> None:
    """Reset an account's password (its sessions end)."""
    password = _password(password_stdin)
    with open_store(db) as store:
        accounts.reset_password(store, username, password)
    typer.echo(f"已重置 {username} 的密码，其已登录的会话全部失效")


@users_app.command("disable", cls=ChineseCommand, help="停用账号（其会话立即失效）。")
def disable(username: Annotated[str, typer.Argument(help="用户名。")], db: DbOption = None) -> None:
    """Disable an account (its sessions end at once)."""
    with open_store(db) as store:
        accounts.set_active(store, username, False)
    typer.echo(f"已停用 {username}")


@users_app.command("enable", cls=ChineseCommand, help="启用已停用的账号。")
def enable(username: Annotated[str, typer.Argument(help="用户名。")], db: DbOption = None) -> None:
    """Enable a disabled account."""
    with open_store(db) as store:
        accounts.set_active(store, username, True)
    typer.echo(f"已启用 {username}")


@units_app.command("add", cls=ChineseCommand, help="把单位归到主管部门下（已在别处则移过来）。")
def add_unit(
    unit: Annotated[str, typer.Argument(help="单位名称。")],
    department: Annotated[str, typer.Option("--department", help="所属主管部门。")],
    db: DbOption = None,
) -> None:
    """Put a unit under its 主管部门 (moving it if it was under another)."""
    with open_store(db) as store:
        accounts.add_unit(store, unit, department)
    typer.echo(f"{unit} → {department}")


@units_app.command("list", cls=ChineseCommand, help="列出组织结构：每个单位及其主管部门。")
def list_units(db: DbOption = None) -> None:
    """The organisation tree: each unit with its 主管部门."""
    with open_store(db) as store:
        found = accounts.units(store)
    if not found:
        typer.echo("组织结构为空：主管部门范围只按表单上的主管部门名称匹配。")
    for unit in found:
        typer.echo(f"{unit.department}\t{unit.name}")
