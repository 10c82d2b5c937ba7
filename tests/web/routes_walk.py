"""Every route of the web app, found by walking it (so a route added later is in every
security test without editing them), and a URL for each with its path filled in."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI
from starlette.routing import Mount

__all__ = ["PUBLIC_ROUTES", "WalkedRoute", "app_routes"]

PUBLIC_ROUTES = frozenset(
    {
        ("GET", "/login"),
        ("POST", "/login"),
        ("POST", "/logout"),
        ("GET", "/api/session"),
    }
)
"""The only routes anyone may use unsigned (besides the static files)."""

_PARAM = re.compile(r"\{([^}:]+)(?::[^}]+)?\}")


@dataclass(frozen=True)
class WalkedRoute:
    method: str
    path: str
    route: Any

    @property
    def path_params(self) -> list[str]:
        return _PARAM.findall(self.path)

    def url(self, values: Mapping[str, str] | None = None, default: str = "1") -> str:
        """The path with each ``{name}`` replaced by ``values[name]`` (else ``default``)."""
        given = values or {}
        return _PARAM.sub(lambda m: given.get(m.group(1), default), self.path)

    def _fields(self, kind: str) -> list[str]:
        out: list[str] = []
        stack = [self.route.dependant] if hasattr(self.route, "dependant") else []
        while stack:
            dependant = stack.pop()
            out += [f.alias for f in getattr(dependant, kind)]
            stack += dependant.dependencies
        return sorted(set(out))

    @property
    def query_params(self) -> list[str]:
        return self._fields("query_params")

    @property
    def form_fields(self) -> list[str]:
        return self._fields("body_params")

    @property
    def changes_state(self) -> bool:
        return self.method not in ("GET", "HEAD", "OPTIONS")


def _walk(routes: Iterable[Any], prefix: str) -> Iterator[tuple[str, Any]]:
    for route in routes:
        if hasattr(route, "original_router"):  # FastAPI's included router
            yield from _walk(route.original_router.routes, prefix + route.include_context.prefix)
        elif isinstance(route, Mount):
            continue  # the static files
        else:
            yield prefix + route.path, route


def app_routes(app: FastAPI) -> list[WalkedRoute]:
    """Every (method, path) the app answers (HEAD left out: it is GET's)."""
    found = [
        WalkedRoute(method, path, route)
        for path, route in _walk(app.routes, "")
        for method in sorted(getattr(route, "methods", None) or ())
        if method != "HEAD"
    ]
    assert len(found) > 30, "the walk found too few routes"
    return found
