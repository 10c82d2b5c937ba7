"""Errors of the web application: one JSON envelope for the API, a Chinese page otherwise.

Every error under ``/api/`` is ``{"error": {"code", "message", "details"}}`` with its
HTTP status; ``code`` is one of :data:`ERROR_CODES`. Route code raises :class:`ApiError`
(or ``fastapi.HTTPException``; its status picks the code).
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from jixiao.errors import JixiaoError
from jixiao.store import FormNotFoundError, StoreError
from jixiao.web.hardening import add_security_headers
from jixiao.web.jsonresponse import JsonResponse

__all__ = [
    "API_ERRORS",
    "ERROR_CODES",
    "ApiError",
    "ErrorEnvelope",
    "install_error_handlers",
    "respond",
]

_log = logging.getLogger(__name__)

ERROR_CODES: dict[int, tuple[str, str]] = {
    400: ("bad_request", "请求有误"),
    401: ("unauthorized", "请先登录"),
    403: ("forbidden", "无权访问"),
    404: ("not_found", "找不到所请求的内容"),
    405: ("method_not_allowed", "不支持此请求方法"),
    413: ("too_large", "上传的内容过大"),
    415: ("bad_type", "不支持的文件类型"),
    422: ("validation", "请求参数有误"),
    429: ("too_many_requests", "请求过于频繁，请稍后再试"),
    500: ("internal", "服务器内部错误，请稍后重试或联系管理员"),
}
"""HTTP status → (envelope code, default Chinese message)."""


class ErrorBody(BaseModel):
    code: str = Field(
        description="not_found、validation、bad_request、too_large、bad_type、internal…"
    )
    message: str = Field(description="一行中文说明。")
    details: list[Any] = Field(
        default=[], description='逐项说明，如 {"field": "year", "message": …}。'
    )


class ErrorEnvelope(BaseModel):
    """Every error of the API (OpenAPI schema)."""

    error: ErrorBody


API_ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorEnvelope, "description": "找不到（code 为 not_found）"},
    422: {"model": ErrorEnvelope, "description": "参数有误（code 为 validation）"},
}
"""``responses=`` for API routes: the error envelope in the OpenAPI document."""


class ApiError(Exception):
    """An error with its HTTP status, envelope code, Chinese message and details."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        code: str | None = None,
        details: list[Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code or ERROR_CODES.get(status, ("error", ""))[0]
        self.message = message
        self.details = details or []


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/api"


def _respond(request: Request, err: ApiError) -> Response:
    if _is_api(request):
        body = {"error": {"code": err.code, "message": err.message, "details": err.details}}
        return JsonResponse(body, status_code=err.status)
    from jixiao.web.deps import render

    return render(
        request,
        "error.html",
        status_code=err.status,
        title="出错了",
        status=err.status,
        message=err.message,
        details=err.details,
    )


def respond(request: Request, err: ApiError) -> Response:
    """``err`` as the API's envelope or as the error page."""
    return _respond(request, err)


_PROBLEMS = {
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "less_than_equal": "超出允许的范围",
    "greater_than_equal": "超出允许的范围",
    "decimal_parsing": "应为数字",
    "float_parsing": "应为数字",
    "bool_parsing": "应为 true 或 false",
    "missing": "缺少此项",
    "string_too_long": "过长",
    "json_invalid": "不是有效的 JSON",
}

_FIELD_NAMES = {"query": "查询参数", "path": "路径参数", "body": "请求内容", "header": "请求头"}


def _validation_details(err: RequestValidationError) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for item in err.errors():
        loc = [str(p) for p in item.get("loc", ())]
        where = _FIELD_NAMES.get(loc[0], loc[0]) if loc else ""
        field = ".".join(loc[1:])
        problem = _PROBLEMS.get(str(item.get("type", "")), "的值无效")
        out.append(
            {
                "field": field,
                "message": f"{where} {field} {problem}".strip(),
                "input": item.get("input") if isinstance(item.get("input"), str) else None,
            }
        )
    return out


def install_error_handlers(app: FastAPI) -> None:
    """Route every error through the envelope (API) or the error page (pages)."""

    async def on_api_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ApiError)
        return _respond(request, exc)

    async def on_http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        code, default = ERROR_CODES.get(exc.status_code, ("error", "请求失败"))
        detail = exc.detail if isinstance(exc.detail, str) else default
        # Starlette's own English details ("Not Found") become the Chinese default.
        message = detail if detail and not detail.isascii() else default
        return _respond(request, ApiError(exc.status_code, message, code=code))

    async def on_validation(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        details = _validation_details(exc)
        message = "；".join(d["message"] for d in details) or ERROR_CODES[422][1]
        return _respond(request, ApiError(422, message, details=details))

    async def on_jixiao(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, JixiaoError)
        if isinstance(exc, FormNotFoundError):
            status = 404
        elif isinstance(exc, StoreError):
            _log.error("store error on %s: %s", request.url.path, exc.message)
            status = 500
        else:
            status = 400
        return _respond(request, ApiError(status, exc.message))

    async def on_unexpected(request: Request, exc: Exception) -> Response:
        _log.exception("unexpected error on %s", request.url.path, exc_info=exc)
        response = _respond(request, ApiError(500, ERROR_CODES[500][1]))
        # Sent by Starlette's outermost layer, past the hardening middleware.
        add_security_headers(response.headers)
        return response

    app.add_exception_handler(ApiError, on_api_error)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(JixiaoError, on_jixiao)
    app.add_exception_handler(Exception, on_unexpected)
