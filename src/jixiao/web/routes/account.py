"""修改密码: every signed-in user changes their own password, giving the old one; all
their sessions end (on every device), and this browser signs in anew at once."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from jixiao.errors import UsageError
from jixiao.service import accounts
from jixiao.service.access import Principal
from jixiao.web.access import access_settings, principal, set_browser_cookie
from jixiao.web.deps import page, render

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
_Who = Annotated[Principal, Depends(principal)]
_Password = Annotated[str, Form(max_length=1024)]


def _can_change(who: Principal) -> bool:
    return not who.is_local and not who.demo


@router.get("/account/password", response_class=HTMLResponse)
def password_page(request: Request, who: _Who, done: bool = False) -> HTMLResponse:
    """The 修改密码 form."""
    return page(request, "account_password.html", title="修改密码", can=_can_change(who), done=done)


@router.post("/account/password", response_class=HTMLResponse)
def change_password(
    request: Request, who: _Who, old: _Password, new: _Password, again: _Password
) -> Response:
    """Change one's own password; a new session for this browser."""
    store = request.app.state.store
    try:
        if new != again:
            raise UsageError("两次输入的新密码不一致")
        address = request.client.host if request.client else "?"
        limits = access_settings(request).limits
        accounts.change_password(store, who, old, new, address, limits)
    except UsageError as err:
        return render(
            request,
            "account_password.html",
            status_code=400,
            title="修改密码",
            can=_can_change(who),
            done=False,
            error=err.message,
        )
    token, expires = accounts.start_session(store, who, limits)
    set_browser_cookie(request, token, expires)
    return RedirectResponse("/account/password?done=1", status_code=303)
