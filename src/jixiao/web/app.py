"""Build the web application: store, static files, templates, errors and every router.

The API's description (``/openapi.json``, ``/docs``) is for signed-in users too.
Routers are discovered: each module ``jixiao.web.routes.<name>`` that defines
``router = APIRouter()`` is included, in module-name order (so adding a page never
edits this file). Module names starting with ``_`` are skipped. Every route checks the
CSRF token of a state-changing request, that no text of the request holds a NUL
(:func:`jixiao.web.params.refuse_nul`), and that the user may view (signed in, when the
database has accounts); a module with ``PUBLIC = True`` (the login page) not the last
(:mod:`jixiao.web.access`).
"""

from __future__ import annotations

import gc
import importlib
import pkgutil
from collections.abc import Iterable
from pathlib import Path

from fastapi import APIRouter, Depends, FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from jixiao import __version__
from jixiao.model.access import Action
from jixiao.store import Store
from jixiao.web import routes
from jixiao.web.access import AccessSettings, allow, check_csrf, install_access
from jixiao.web.errors import install_error_handlers
from jixiao.web.hardening import install_hardening
from jixiao.web.jsonresponse import JsonResponse
from jixiao.web.params import refuse_nul

__all__ = ["STATIC_DIR", "create_app", "freeze_heap", "route_modules"]

STATIC_DIR = Path(__file__).resolve().parent / "static"

_DESCRIPTION = """\
jixiao（绩效）的 JSON 接口：表单、指标、审核发现与统计。

- 金额与分数是保留原印刷位数的 JSON 数字（如 `10.00`）。
- 列表接口分页：`page`（从 1 开始）、`per_page`，返回 `{"items", "total", "page", "per_page"}`。
- 每个错误都返回同一种结构：`{"error": {"code", "message", "details"}}`，
  `code` 为 `not_found`、`validation`、`bad_request`、`too_large`、`bad_type`、`internal` 等。
"""

_DOCS_PAGE = """\
<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>jixiao 绩效 · API</title>
<link rel="icon" href="/static/vendor/swagger-ui/favicon-32x32.png">
<link rel="stylesheet" href="/static/vendor/swagger-ui/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/static/vendor/swagger-ui/swagger-ui-bundle.js"></script>
<script src="/static/swagger-init.js"></script>
</body>
</html>
"""
"""Swagger UI from the vendored files, started by a static script (the security policy
runs no inline script)."""

_TAGS = [
    {"name": "表单", "description": "表单列表与单张表单（交换格式 + 复核评分）。"},
    {"name": "指标", "description": "各表单的绩效指标行。"},
    {"name": "审核发现", "description": "审核发现（代码、级别、说明、位置）。"},
    {"name": "统计", "description": "按年度、部门、单位、等级、类型的计数与分布。"},
]


def route_modules() -> list[str]:
    """The names of the modules in :mod:`jixiao.web.routes`, in inclusion order."""
    return sorted(
        f"{routes.__name__}.{m.name}"
        for m in pkgutil.iter_modules(routes.__path__)
        if not m.name.startswith("_")
    )


def create_app(
    store: Store,
    allowed_hosts: Iterable[str] | None = None,
    *,
    access: AccessSettings | None = None,
) -> FastAPI:
    """The application serving ``store`` (the caller keeps ownership of the store).

    ``allowed_hosts``: the ``Host`` names it answers (:mod:`jixiao.web.hardening`;
    by default those of ``JIXIAO_ALLOWED_HOSTS``, else the loopback names); ``access``:
    how it knows its users (:mod:`jixiao.web.access`; default: sessions only)."""
    app = FastAPI(
        title="jixiao 绩效",
        version=__version__,
        description=_DESCRIPTION,
        openapi_tags=_TAGS,
        default_response_class=JsonResponse,
        docs_url=None,
        redoc_url=None,
        openapi_url=None,  # served below, to signed-in users only
    )
    app.state.store = store
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    install_error_handlers(app)
    install_access(app, access or AccessSettings())

    signed_in = [Depends(allow(Action.VIEW))]

    @app.get("/openapi.json", include_in_schema=False, dependencies=signed_in)
    def openapi() -> JsonResponse:
        """The OpenAPI document of the JSON API."""
        return JsonResponse(app.openapi())

    @app.get("/docs", include_in_schema=False, dependencies=signed_in)
    def docs() -> HTMLResponse:
        """Swagger UI from the vendored files (no CDN)."""
        return HTMLResponse(_DOCS_PAGE)

    for name in route_modules():
        module = importlib.import_module(name)
        router = getattr(module, "router", None)
        if isinstance(router, APIRouter):
            checks = [Depends(check_csrf), Depends(refuse_nul)]
            if not getattr(module, "PUBLIC", False):
                checks.append(Depends(allow(Action.VIEW)))
            app.include_router(router, dependencies=checks)
    install_hardening(app, allowed_hosts)  # last: the outermost middleware
    return app


def freeze_heap() -> None:
    """Leave what the serving process holds for its whole life (modules, the app and its
    routes, rulesets: about 200,000 objects) out of the cyclic garbage collector, before
    it serves. Otherwise each full collection walks it all again: about 130 ms during
    which no request runs (10,000 forms: one in 60 detail pages paid it, and every
    request in flight with it)."""
    gc.collect()
    gc.freeze()
