"""The application shell: navigation, static files, errors on pages and in the API."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from jixiao.web.app import route_modules


def test_static_files_are_served(client: TestClient) -> None:
    for path in ("/static/app.css", "/static/app.js", "/static/vendor/htmx.min.js"):
        response = client.get(path)
        assert response.status_code == 200, path
    echarts = client.get("/static/vendor/echarts.min.js")
    assert echarts.status_code == 200
    assert len(echarts.content) > 500_000


def test_unknown_api_path_is_a_json_envelope(client: TestClient) -> None:
    response = client.get("/api/no-such-thing")
    assert response.status_code == 404
    assert response.json() == {
        "error": {"code": "not_found", "message": "找不到所请求的内容", "details": []}
    }


def test_unknown_page_is_a_chinese_error_page(client: TestClient) -> None:
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "找不到页面或表单" in response.text
    assert 'href="/forms"' in response.text  # the navigation is there


def test_openapi_and_docs_without_a_cdn(client: TestClient) -> None:
    docs = client.get("/docs")
    assert docs.status_code == 200
    assert "cdn" not in docs.text.lower()
    for path in re.findall(r'(?:src|href)="(/static/[^"]+)"', docs.text):
        assert client.get(path).status_code == 200, path
    spec = client.get("/openapi.json").json()
    assert spec["info"]["title"] == "jixiao 绩效"


def test_routes_are_discovered() -> None:
    names = route_modules()
    assert names == sorted(names)
    assert all(n.startswith("jixiao.web.routes.") for n in names)
