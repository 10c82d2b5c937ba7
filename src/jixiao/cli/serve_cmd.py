"""``jixiao serve``: the web application on the same store as the CLI (uvicorn).

Without accounts in the database (``jixiao users add``) it listens on this machine only
and everyone who opens it acts as the person at the machine; beyond loopback it needs
accounts. ``--demo`` signs every browser in as a demo 财政审核人 (loopback only), and
``--trusted-proxy`` lets a bureau's single sign-on proxy name the user in a header. The
session lifetime, idle timeout and login throttle are those of the environment
(:mod:`jixiao.service.session_limits`), changed by the options of the same names.
"""

from __future__ import annotations

import signal
import tempfile
from pathlib import Path
from types import FrameType
from typing import Annotated

import typer

from jixiao.cli.options import DbOption
from jixiao.errors import UsageError
from jixiao.model.access import Role, Scope
from jixiao.service import accounts, collect_files, run_import
from jixiao.service.session_limits import DEFAULT_LIMITS, ENV_NAMES, current_session_limits
from jixiao.store import Store, open_store

__all__ = ["DEMO_USER", "demo_store", "examples_dir", "serve"]

_LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
DEMO_USER = "demo"
"""The account ``serve --demo`` signs every browser in as (a 财政审核人 seeing all)."""


def examples_dir() -> Path:
    """The bundled sample documents (``examples/`` of the source checkout)."""
    return Path(__file__).resolve().parents[3] / "examples"


def demo_store(folder: Path) -> Store:
    """A fresh SQLite database in ``folder`` holding the bundled sample documents."""
    examples = examples_dir()
    files = collect_files([examples]) if examples.is_dir() else []
    if not files:
        raise UsageError(
            f"找不到样例文档（{examples}）：--demo 需要从 jixiao 的源码仓库运行"
            "（git clone 后 pip install -e .），或改用 --db 指定已有数据库"
        )
    store = open_store(str(folder / "demo.db"))
    run_import(store, files, jobs=1)
    accounts.add_user(
        store, DEMO_USER, None, Role.FINANCE_REVIEWER, Scope.everything(), "演示审核人"
    )
    return store


def _limit(name: str, flag: str, text: str) -> object:
    default = getattr(DEFAULT_LIMITS, name)
    return typer.Option(
        flag,
        help=f"{text}（默认取环境变量 {ENV_NAMES[name]}，未设时为 {default}）。",
        min=0 if name == "idle_minutes" else 1,
    )


SessionOpt = Annotated[
    int | None, _limit("session_minutes", "--session-minutes", "会话有效期，分钟")
]
IdleOpt = Annotated[
    int | None, _limit("idle_minutes", "--idle-minutes", "闲置超时，分钟；0 表示不限")
]
FailuresUserOpt = Annotated[
    int | None,
    _limit(
        "login_failures_per_user",
        "--login-failures-per-user",
        "同一用户名在统计时段内登录失败多少次后暂停登录",
    ),
]
FailuresAddressOpt = Annotated[
    int | None,
    _limit(
        "login_failures_per_address",
        "--login-failures-per-address",
        "同一地址在统计时段内登录失败多少次后暂停登录",
    ),
]
WindowOpt = Annotated[
    int | None,
    _limit("login_window_minutes", "--login-window-minutes", "登录失败的统计时段，分钟"),
]


def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option("--host", help="监听地址（默认只允许本机访问）。")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option("--port", help="端口。", min=1, max=65535)] = 8000,
    allowed_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allowed-host",
            help="网页回应的主机名（可重复；*.example.org 表示其子域名）。"
            "默认取环境变量 JIXIAO_ALLOWED_HOSTS，否则只回应本机名称与 --host 的地址。",
        ),
    ] = None,
    demo: Annotated[
        bool,
        typer.Option(
            "--demo",
            help="新建一个临时 SQLite 数据库，导入随附样例文档后打开，自动以演示审核人登录。",
        ),
    ] = False,
    trusted_proxy: Annotated[
        list[str] | None,
        typer.Option(
            "--trusted-proxy",
            help="单点登录：信任此地址（或网段，如 10.0.0.0/24）的反向代理所给的用户名请求头，"
            "可重复。",
        ),
    ] = None,
    proxy_header: Annotated[
        str, typer.Option("--proxy-header", help="单点登录代理给出用户名的请求头。")
    ] = "X-Remote-User",
    secure_cookies: Annotated[
        bool,
        typer.Option("--secure-cookies", help="Cookie 一律加 Secure（在 HTTPS 反向代理之后时）。"),
    ] = False,
    session_minutes: SessionOpt = None,
    idle_minutes: IdleOpt = None,
    login_failures_per_user: FailuresUserOpt = None,
    login_failures_per_address: FailuresAddressOpt = None,
    login_window_minutes: WindowOpt = None,
) -> None:
    """Start the web application and serve until Ctrl-C."""
    import uvicorn

    from jixiao.web import create_app
    from jixiao.web.access import AccessSettings
    from jixiao.web.app import freeze_heap

    if demo and db:
        raise UsageError("--demo 与 --db 不能同时使用")
    if demo and host not in _LOOPBACK:
        raise UsageError("--demo 自动登录每个访问者，只能在本机监听（--host 127.0.0.1）")
    try:
        access = AccessSettings(
            trusted_proxies=tuple(trusted_proxy or ()),
            proxy_header=proxy_header,
            demo_user=DEMO_USER if demo else None,
            secure_cookies=secure_cookies,
            beyond_loopback=host not in _LOOPBACK,
            limits=current_session_limits().changed(
                session_minutes=session_minutes,
                idle_minutes=idle_minutes,
                login_failures_per_user=login_failures_per_user,
                login_failures_per_address=login_failures_per_address,
                login_window_minutes=login_window_minutes,
            ),
        )
    except ValueError as err:
        raise UsageError(f"--trusted-proxy 不是有效的地址或网段：{err}") from err
    with tempfile.TemporaryDirectory(prefix="jixiao-demo-") as tmp:
        if demo:
            typer.echo("正在导入随附的样例文档……")
            store = demo_store(Path(tmp))
        else:
            store = open_store(db)
        with store:
            if host not in _LOOPBACK and not accounts.has_accounts(store):
                raise UsageError(
                    f"数据库中没有账号，不能在 {host} 上监听（其他计算机也能打开且无需登录）："
                    "先用 jixiao users add 新增账号，或只在本机监听（--host 127.0.0.1）"
                )
            if demo:
                typer.echo("演示模式：每个访问者自动以演示审核人（财政审核人）登录。")
            shown = f"[{host}]" if ":" in host else host
            typer.echo(
                f"jixiao 网页已启动：http://{shown}:{port}/ （数据库 {store.url}，Ctrl-C 停止）"
            )
            # uvicorn re-raises SIGTERM after its graceful shutdown: leave through the
            # context managers (closing the store, removing the demo database) with exit 0.
            previous = signal.signal(signal.SIGTERM, _stop)
            try:
                app = create_app(store, _hosts(allowed_host, host), access=access)
                freeze_heap()
                # Behind a reverse proxy on this machine, uvicorn takes the browser's
                # address and scheme from its X-Forwarded-For / -Proto (login throttling
                # by address, Secure cookies over HTTPS). With single sign-on the peer
                # itself must be the trusted proxy, so those headers are not applied.
                uvicorn.run(
                    app, host=host, port=port, log_level="warning", proxy_headers=not trusted_proxy
                )
            finally:
                signal.signal(signal.SIGTERM, previous)


def _hosts(allowed: list[str] | None, bound: str) -> list[str] | None:
    """The trusted host names: those given, else (None) the environment's or loopback's
    (:func:`jixiao.web.hardening.trusted_hosts`) and the address listened on, when it is
    one address rather than all of them."""
    from jixiao.web.hardening import trusted_hosts

    if allowed:
        return allowed
    wildcard = bound in ("0.0.0.0", "::", "")
    return [*trusted_hosts(), *([] if wildcard else [bound])]


def _stop(_signum: int, _frame: FrameType | None) -> None:
    raise typer.Exit(0)
