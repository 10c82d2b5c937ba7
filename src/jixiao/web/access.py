"""Who a request acts for, and the checks every route goes through.

- :func:`principal` — the signed-in user: a trusted single sign-on proxy's header (only
  from the addresses in :attr:`AccessSettings.trusted_proxies`), else the session cookie,
  else the demo reviewer of ``serve --demo``, else — only while the database has no
  account, and only on a server listening on this machine alone — the person at the
  machine (:data:`~jixiao.service.access.LOCAL`). Anyone else is sent to ``/login`` (a
  page) or answered 401 (the API, a POST).
- :func:`allow` — a route dependency: the principal's role must allow the action (403).
- :func:`check_csrf` — every POST/PUT/PATCH/DELETE carries the browser's CSRF token, in
  the ``X-CSRF-Token`` header or the ``csrf_token`` form field (403 otherwise).
- :func:`browser_cookie` — every browser has a random cookie (the session's token once
  signed in): the CSRF token is derived from it; :class:`SessionCookieMiddleware` sets
  it (``HttpOnly``, ``SameSite=Lax``, ``Secure`` over HTTPS).

The web app includes every router with ``check_csrf`` and ``allow(Action.VIEW)``
(:func:`jixiao.web.app.create_app`); a module with ``PUBLIC = True`` (the login page)
without the second.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import quote

from fastapi import Request
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.responses import Response

from jixiao.model.access import Action
from jixiao.service import accounts
from jixiao.service.access import LOCAL, Principal, may, require, store_for
from jixiao.service.access import AccessDenied as AccessDenied
from jixiao.service.session_limits import SessionLimits, current_session_limits
from jixiao.store import Store
from jixiao.web.errors import ApiError
from jixiao.web.params import MAX_FORM_FIELDS
from jixiao.web.staging import MULTIPART_OVERHEAD, UploadLimits

__all__ = [
    "COOKIE",
    "CSRF_FIELD",
    "CSRF_HEADER",
    "AccessSettings",
    "NotSignedIn",
    "SessionCookieMiddleware",
    "access_settings",
    "allow",
    "browser_cookie",
    "check_csrf",
    "csrf_for",
    "install_access",
    "login_redirect",
    "may_do",
    "optional_principal",
    "page_context",
    "principal",
    "scoped_store",
    "set_browser_cookie",
]

COOKIE = "jixiao_session"
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass(frozen=True)
class AccessSettings:
    """How the web app knows its users.

    ``trusted_proxies``: addresses or networks (``10.0.0.5``, ``10.0.0.0/24``) of the
    reverse proxies whose ``proxy_header`` (default ``X-Remote-User``) names the
    signed-in account (single sign-on); from any other address the header is ignored.
    ``demo_user``: the account every browser is signed in as (``serve --demo``).
    ``secure_cookies``: always mark the cookie ``Secure`` (behind an HTTPS proxy that
    talks plain HTTP to jixiao); else only when the request came over HTTPS.
    ``limits``: session lifetime, idle timeout and login throttle (default: those of the
    environment, :mod:`jixiao.service.session_limits`).
    ``beyond_loopback``: the server listens beyond this machine (``jixiao serve --host``):
    should its database ever have no active account left, nobody is let in as the person
    at the machine (403), as ``serve`` would not have started that way.
    """

    trusted_proxies: tuple[str, ...] = ()
    proxy_header: str = "X-Remote-User"
    demo_user: str | None = None
    secure_cookies: bool = False
    limits: SessionLimits = field(default_factory=current_session_limits)
    beyond_loopback: bool = False
    _networks: tuple[Any, ...] = field(default=(), init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        nets = tuple(ipaddress.ip_network(p.strip(), strict=False) for p in self.trusted_proxies)
        object.__setattr__(self, "_networks", nets)

    def trusts(self, address: str | None) -> bool:
        """Whether ``address`` is one of the trusted proxies."""
        if not address or not self._networks:
            return False
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(ip in net for net in self._networks)


class NotSignedIn(Exception):
    """The request needs a signed-in user and has none."""


def access_settings(request: Request) -> AccessSettings:
    """The access settings of the request's app."""
    settings = getattr(request.app.state, "access", None)
    return settings if isinstance(settings, AccessSettings) else AccessSettings()


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def browser_cookie(request: Request) -> str:
    """The browser's cookie value (a new random one for a browser without, set on the
    response by :class:`SessionCookieMiddleware`)."""
    given = request.cookies.get(COOKIE)
    if given:
        return given
    new: str | None = getattr(request.state, "new_cookie", None)
    if new is None:
        new = accounts.new_browser_token()
        request.state.new_cookie = new
        request.state.new_cookie_expires = None
    return new


def set_browser_cookie(request: Request, token: str, expires: datetime | None) -> None:
    """Give the browser a new cookie (login, logout): set on the response."""
    request.state.new_cookie = token
    request.state.new_cookie_expires = expires


def _find_principal(request: Request) -> Principal | None:
    store, settings = _store(request), access_settings(request)
    if settings.trusted_proxies:
        peer = request.client.host if request.client else None
        named = request.headers.get(settings.proxy_header)
        if named and settings.trusts(peer):
            found = accounts.proxy_principal(store, named.strip())
            if found is None:
                raise ApiError(403, f"单点登录用户“{named.strip()}”没有可用的账号")
            return found
    found = accounts.session_principal(store, request.cookies.get(COOKIE), settings.limits)
    if found is not None:
        return found
    if settings.demo_user:
        return accounts.proxy_principal(store, settings.demo_user, demo=True)
    if not accounts.has_accounts(store):
        if settings.beyond_loopback:
            raise ApiError(
                403,
                "数据库中已没有可用的账号，而本服务器在本机之外监听：不能无需登录地使用。"
                "请管理员用 jixiao users add 新增账号或 jixiao users enable 启用账号",
                code="forbidden",
            )
        return LOCAL
    return None


def principal(request: Request) -> Principal:
    """Who the request acts for (once per request); :class:`NotSignedIn` if nobody."""
    known: Principal | None = getattr(request.state, "principal", None)
    if known is None:
        known = _find_principal(request)
        if known is None:
            raise NotSignedIn()
        request.state.principal = known
    return known


def optional_principal(request: Request) -> Principal | None:
    """:func:`principal`, or ``None`` for nobody (nor anyone refused: the error page of
    that refusal is drawn for nobody)."""
    try:
        return principal(request)
    except (NotSignedIn, ApiError):
        return None


def scoped_store(request: Request) -> Store:
    """The store as the request's principal sees it."""
    return store_for(_store(request), principal(request))


def allow(action: Action) -> Callable[[Request], Principal]:
    """A dependency: the principal, whose role must allow ``action`` (403 otherwise)."""

    def allowed(request: Request) -> Principal:
        who = principal(request)
        try:
            require(who, action)
        except AccessDenied as err:
            raise ApiError(403, err.message, code="forbidden") from err
        return who

    allowed.action = action  # type: ignore[attr-defined]
    allowed.__name__ = f"allow_{action.value}"
    return allowed


def csrf_for(request: Request) -> str:
    """The CSRF token pages of this browser carry."""
    return accounts.csrf_token(_store(request), browser_cookie(request))


def _form_readable(request: Request) -> bool:
    """Whether the body may be read for its token field: a url-encoded form always (it
    is small), a multipart one (files: spooled to disk as they arrive) only from a
    signed-in user and within the upload limit it declares, so nobody unsigned can make
    the server store a body before any check."""
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("application/x-www-form-urlencoded"):
        return True
    if not content_type.startswith("multipart/form-data"):
        return False
    length = request.headers.get("content-length", "")
    limits = getattr(request.app.state, "upload_limits", None)
    most = (limits if isinstance(limits, UploadLimits) else UploadLimits()).batch_bytes
    within = length.isdigit() and int(length) <= most + MULTIPART_OVERHEAD
    return within and optional_principal(request) is not None


async def check_csrf(request: Request) -> None:
    """Refuse (403) a state-changing request without this browser's CSRF token."""
    if request.method in _SAFE_METHODS:
        return
    token = request.headers.get(CSRF_HEADER) or None
    if token is None and _form_readable(request):
        value = (await request.form(max_fields=MAX_FORM_FIELDS)).get(CSRF_FIELD)
        token = value if isinstance(value, str) else None
    if not accounts.csrf_valid(_store(request), request.cookies.get(COOKIE), token):
        raise ApiError(403, "请求缺少有效的安全令牌（CSRF），请刷新页面后重试", code="csrf")


def may_do(request: Request, action: Action) -> bool:
    """Whether the request's principal may take ``action`` (for pages: what to offer)."""
    who = optional_principal(request)
    return who is not None and may(who, action)


def login_redirect(request: Request) -> Response:
    """To the login page, back here afterwards."""
    from fastapi.responses import RedirectResponse

    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)


class SessionCookieMiddleware(BaseHTTPMiddleware):
    """Sets the browser cookie a request made or changed (see :func:`browser_cookie`)."""

    async def dispatch(
        self, request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        token: str | None = getattr(request.state, "new_cookie", None)
        if token is not None:
            expires: datetime | None = getattr(request.state, "new_cookie_expires", None)
            secure = access_settings(request).secure_cookies or request.url.scheme == "https"
            response.set_cookie(
                COOKIE,
                token,
                expires=expires,
                path="/",
                httponly=True,
                samesite="lax",
                secure=secure,
            )
        return response


def page_context(request: Request) -> dict[str, Any]:
    """What every page shows of access: ``principal`` (or ``None``), ``csrf_token``, and
    ``may(action_name)`` to offer only what the user may do."""
    who = optional_principal(request)
    return {
        "principal": who,
        "csrf_token": csrf_for(request),
        "may": lambda name: who is not None and may(who, Action(name)),
    }


def install_access(app: Any, settings: AccessSettings) -> None:
    """Keep ``settings`` on ``app``, set browser cookies, and answer :class:`NotSignedIn`
    with the login page (a page) or 401 (the API, a POST)."""
    from jixiao.web.errors import respond

    app.state.access = settings
    app.add_middleware(SessionCookieMiddleware)

    async def on_not_signed_in(request: Request, exc: Exception) -> Response:
        if request.method == "GET" and not request.url.path.startswith("/api"):
            return login_redirect(request)
        return respond(request, ApiError(401, "请先登录", code="unauthorized"))

    async def on_denied(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, AccessDenied)
        return respond(request, ApiError(403, exc.message, code="forbidden"))

    app.add_exception_handler(NotSignedIn, on_not_signed_in)
    app.add_exception_handler(AccessDenied, on_denied)
