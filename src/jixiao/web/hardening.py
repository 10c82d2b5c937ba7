"""Protections on every request and response of the web application.

- **Trusted hosts.** A request whose ``Host`` header names no trusted host is refused
  with 400 before any route runs: a page on another site that rebinds its DNS name to
  127.0.0.1 cannot read the forms through the victim's browser. Trusted by default are
  the loopback names; a server lists its names with ``jixiao serve --allowed-host`` or
  the environment variable :data:`HOSTS_ENV` (comma-separated; ``*.example.org`` trusts
  the subdomains, ``*`` any host).
- **Security headers** (:data:`SECURITY_HEADERS`) on every response, static files and
  errors included: a Content-Security-Policy that runs scripts and styles only from the
  application's own files (no inline script, style or ``on…`` handler), no framing
  (``frame-ancestors 'none'`` and ``X-Frame-Options: DENY``), ``nosniff`` and a
  same-origin referrer policy.

:func:`install_hardening` adds the middleware; it is added last so that it is the
outermost of the application's middleware and sees every response.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from typing import Any

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = [
    "CONTENT_SECURITY_POLICY",
    "HOSTS_ENV",
    "LOOPBACK_HOSTS",
    "SECURITY_HEADERS",
    "HardeningMiddleware",
    "add_security_headers",
    "host_allowed",
    "host_name",
    "install_hardening",
    "trusted_hosts",
]

LOOPBACK_HOSTS: tuple[str, ...] = ("localhost", "127.0.0.1", "::1")
"""Trusted when nothing else is configured."""

HOSTS_ENV = "JIXIAO_ALLOWED_HOSTS"

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

SECURITY_HEADERS: dict[str, str] = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def trusted_hosts(configured: Iterable[str] | None = None) -> tuple[str, ...]:
    """The hosts to trust: ``configured`` if given, else those of :data:`HOSTS_ENV`,
    else :data:`LOOPBACK_HOSTS`. Names are lower-cased; IPv6 brackets are dropped."""
    if configured is None:
        env = os.environ.get(HOSTS_ENV, "")
        configured = env.split(",") if env.strip() else LOOPBACK_HOSTS
    names = (_normal(h) for h in configured)
    return tuple(dict.fromkeys(n for n in names if n))


def _normal(host: str) -> str:
    return host.strip().lower().removeprefix("[").removesuffix("]").rstrip(".")


def host_name(header: str) -> str:
    """The host of a ``Host`` header, without its port: ``[::1]:8000`` → ``::1``."""
    header = header.strip()
    if header.startswith("["):
        return _normal(header.partition("]")[0])
    return _normal(header.rpartition(":")[0] if header.count(":") == 1 else header)


def host_allowed(name: str, hosts: Iterable[str]) -> bool:
    """Whether ``name`` matches one of ``hosts`` (``*`` any, ``*.x.org`` a subdomain)."""
    if not name:
        return False
    for pattern in hosts:
        if pattern == "*" or pattern == name:
            return True
        if pattern.startswith("*.") and name.endswith(pattern[1:]):
            return True
    return False


def add_security_headers(headers: MutableHeaders) -> None:
    """:data:`SECURITY_HEADERS` on a response, keeping any a route set itself."""
    for key, value in SECURITY_HEADERS.items():
        if key not in headers:
            headers[key] = value


class HardeningMiddleware:
    """Refuses untrusted hosts and adds the security headers (an ASGI middleware)."""

    def __init__(self, app: ASGIApp, hosts: Iterable[str]) -> None:
        self.app = app
        self.hosts = tuple(hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        name = host_name(Headers(scope=scope).get("host", ""))
        if not host_allowed(name, self.hosts):
            await _refuse(scope, send, name)
            return

        async def send_secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                add_security_headers(MutableHeaders(scope=message))
            await send(message)

        await self.app(scope, receive, send_secured)


async def _refuse(scope: Scope, send: Send, name: str) -> None:
    shown = name or "（空）"
    message = (
        f"主机名「{shown}」不在本应用信任的主机之列：请求已拒绝。"
        f"服务器管理员可用 jixiao serve --allowed-host 或环境变量 {HOSTS_ENV} 添加。"
    )
    if scope["type"] != "http":
        await send({"type": "websocket.close", "code": 1008})
        return
    body: bytes
    path = str(scope.get("path", ""))
    if path == "/api" or path.startswith("/api/"):
        envelope: dict[str, Any] = {
            "error": {"code": "bad_host", "message": message, "details": []}
        }
        body = json.dumps(envelope, ensure_ascii=False).encode()
        media = "application/json"
    else:
        body = message.encode()
        media = "text/plain; charset=utf-8"
    headers = {"content-type": media, "content-length": str(len(body)), **SECURITY_HEADERS}
    await send(
        {
            "type": "http.response.start",
            "status": 400,
            "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
        }
    )
    await send({"type": "http.response.body", "body": body})


def install_hardening(app: Any, hosts: Iterable[str] | None = None) -> None:
    """Add :class:`HardeningMiddleware` to a Starlette/FastAPI ``app`` trusting
    :func:`trusted_hosts` of ``hosts``. Call it after any other middleware."""
    app.add_middleware(HardeningMiddleware, hosts=trusted_hosts(hosts))
