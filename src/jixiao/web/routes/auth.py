"""登录 / 退出, and ``/api/session`` (who is signed in, and the CSRF token for API clients).

A new session (a new cookie, so a new CSRF token) at every login: a cookie planted
before it is worth nothing after (no session fixation). Logging out deletes the session.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from jixiao.service import accounts
from jixiao.web.access import (
    COOKIE,
    access_settings,
    browser_cookie,
    csrf_for,
    optional_principal,
    set_browser_cookie,
)
from jixiao.web.deps import render
from jixiao.web.errors import ApiError

__all__ = ["PUBLIC", "router"]

PUBLIC = True
"""The login page is open to everyone (it still checks the CSRF token of a POST)."""

router = APIRouter(include_in_schema=False)


def _safe_next(target: str | None) -> str:
    """Back to a page of this site only (never ``//other.site`` nor ``https://…``, nor a
    path with a control character, which a browser may drop: ``/\t/other.site``)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in target):
        return "/"
    return target


def _store(request: Request) -> Any:
    return request.app.state.store


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str | None = None) -> Response:
    """The login form (to the start page when there are no accounts)."""
    if not accounts.has_accounts(_store(request)):
        return RedirectResponse(_safe_next(next), status_code=303)
    browser_cookie(request)
    return render(request, "login.html", title="登录", next=_safe_next(next), error=None)


@router.post("/login", response_class=HTMLResponse)
def login(
    request: Request,
    username: Annotated[str, Form(max_length=64)],
    password: Annotated[str, Form(max_length=1024)],
    next: Annotated[str | None, Form()] = None,
) -> Response:
    """Sign in: a new session and cookie, then back to ``next``."""
    address = request.client.host if request.client else "?"
    limits = access_settings(request).limits
    try:
        who = accounts.authenticate(_store(request), username.strip(), password, address, limits)
    except accounts.LoginThrottled as err:
        raise ApiError(429, err.message) from err
    if who is None:
        return render(
            request,
            "login.html",
            status_code=401,
            title="登录",
            next=_safe_next(next),
            error="用户名或密码错误，或账号已停用",
        )
    accounts.end_session(_store(request), request.cookies.get(COOKIE))
    token, expires = accounts.start_session(_store(request), who, limits)
    set_browser_cookie(request, token, expires)
    return RedirectResponse(_safe_next(next), status_code=303)


@router.post("/logout")
def logout(request: Request) -> Response:
    """Sign out: the session is deleted and the browser gets a new anonymous cookie."""
    accounts.end_session(_store(request), request.cookies.get(COOKIE))
    set_browser_cookie(request, accounts.new_browser_token(), None)
    target = "/login" if accounts.has_accounts(_store(request)) else "/"
    return RedirectResponse(target, status_code=303)


@router.get("/api/session", tags=["账号"], include_in_schema=True)
def session(request: Request) -> dict[str, Any]:
    """Who is signed in (``user`` is ``null`` for nobody) and the ``csrf_token`` every
    POST must carry in the ``X-CSRF-Token`` header."""
    who = optional_principal(request)
    user = None
    if who is not None:
        user = {
            "username": who.username,
            "display_name": who.display_name,
            "role": who.role.value,
            "role_label": who.role_label,
            "scope": who.scope.label,
            "demo": who.demo,
        }
    return {"user": user, "csrf_token": csrf_for(request)}
