"""A test client that behaves like the pages: every POST carries the CSRF token of its
browser cookie (the pages put it in a hidden field or the ``X-CSRF-Token`` header)."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from support import LOCAL

__all__ = ["WebClient"]

_SAFE = frozenset({"GET", "HEAD", "OPTIONS"})


class WebClient(TestClient):
    """:class:`TestClient` adding ``X-CSRF-Token`` to state-changing requests (unless the
    test passes ``headers={"X-CSRF-Token": …}`` itself), on a loopback host name the
    application answers (``support.LOCAL``)."""

    def __init__(self, app: Any, base_url: str = LOCAL, **kw: Any) -> None:
        super().__init__(app, base_url=base_url, **kw)

    def csrf_token(self) -> str:
        """This client's token, as ``/api/session`` gives it."""
        token: str = super().request("GET", "/api/session").json()["csrf_token"]
        return token

    def request(self, method: str, url: Any, **kw: Any) -> Any:  # type: ignore[override]
        if method.upper() not in _SAFE:
            headers = dict(kw.pop("headers", None) or {})
            if not any(k.lower() == "x-csrf-token" for k in headers):
                headers["X-CSRF-Token"] = self.csrf_token()
            kw["headers"] = headers
        return super().request(method, url, **kw)
