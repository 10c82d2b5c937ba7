"""Web hardening (issue 15 point 6): trusted hosts, security headers on every response,
no inline script or style, integers out of range refused with 422. Each test fails when
its protection is removed."""

from __future__ import annotations

import re
import typing
from html.parser import HTMLParser
from pathlib import Path
from typing import Annotated, Any

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from pydantic import TypeAdapter, ValidationError

from jixiao.cli.serve_cmd import _hosts
from jixiao.store import Store
from jixiao.web import create_app
from jixiao.web.hardening import HOSTS_ENV, SECURITY_HEADERS, host_allowed, host_name
from jixiao.web.params import MAX_INT
from support import LOCAL

TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "jixiao" / "web" / "templates"
HUGE = "9" * 23


# --- trusted hosts -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "name"),
    [
        ("localhost", "localhost"),
        ("LOCALHOST.:8000", "localhost"),
        ("127.0.0.1:80", "127.0.0.1"),
        ("[::1]:8000", "::1"),
        ("[::1]", "::1"),
        ("::1", "::1"),
        ("", ""),
    ],
)
def test_host_name(header: str, name: str) -> None:
    assert host_name(header) == name


def test_host_patterns() -> None:
    assert host_allowed("a.example.org", ["*.example.org"])
    assert not host_allowed("example.org.evil.com", ["*.example.org"])
    assert not host_allowed("evilexample.org", ["*.example.org"])
    assert host_allowed("anything", ["*"])
    assert not host_allowed("", ["*"])


@pytest.mark.parametrize("path", ["/api/forms", "/", "/static/app.css", "/forms/1"])
def test_a_spoofed_host_is_refused(client: TestClient, path: str) -> None:
    """A DNS-rebinding page reaches the server with its own name in Host: refused."""
    answer = client.get(path, headers={"Host": "attacker.example:8000"})
    assert answer.status_code == 400
    assert "attacker.example" in answer.text and "不在本应用信任的主机之列" in answer.text
    assert answer.headers["X-Frame-Options"] == "DENY"
    if path.startswith("/api/"):
        assert answer.json()["error"]["code"] == "bad_host"


def test_no_host_header_is_refused(client: TestClient) -> None:
    answer = client.get("/api/forms", headers={"Host": ""})
    assert answer.status_code == 400


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1:8000", "[::1]:8000"])
def test_loopback_names_are_trusted_by_default(client: TestClient, host: str) -> None:
    assert client.get("/api/forms", headers={"Host": host}).status_code == 200


def test_a_server_configures_its_names(empty_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    with TestClient(create_app(empty_store, ["jixiao.example.org"])) as web:
        assert web.get("/api/forms", headers={"Host": "jixiao.example.org"}).status_code == 200
        assert web.get("/api/forms", headers={"Host": "localhost"}).status_code == 400
    monkeypatch.setenv(HOSTS_ENV, "a.example.org, *.b.example.org")
    with TestClient(create_app(empty_store)) as web:
        assert web.get("/api/forms", headers={"Host": "A.example.org"}).status_code == 200
        assert web.get("/api/forms", headers={"Host": "x.b.example.org"}).status_code == 200
        assert web.get("/api/forms", headers={"Host": "localhost"}).status_code == 400


def test_serve_trusts_the_address_it_listens_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(HOSTS_ENV, raising=False)
    assert _hosts(None, "192.168.1.5") == ["localhost", "127.0.0.1", "::1", "192.168.1.5"]
    assert _hosts(None, "0.0.0.0") == ["localhost", "127.0.0.1", "::1"]
    assert _hosts(["jx.example.org"], "0.0.0.0") == ["jx.example.org"]


# --- security headers ----------------------------------------------------------------


def _secured(answer: Any) -> None:
    for key, value in SECURITY_HEADERS.items():
        assert answer.headers.get(key) == value, (answer.url, key)
    policy = answer.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert answer.headers["X-Content-Type-Options"] == "nosniff"


def _api_routes(client: TestClient) -> list[APIRoute]:
    """Every route of the application, those of included routers too."""
    found: list[APIRoute] = []
    app: Any = client.app
    routes = list(app.routes)
    while routes:
        route = routes.pop(0)
        if isinstance(route, APIRoute):
            found.append(route)
        included = getattr(route, "original_router", None)  # FastAPI ≥ 0.16x
        if included is not None:
            routes.extend(included.routes)
    assert len(found) > 20
    return found


def _get_paths(client: TestClient) -> list[str]:
    paths = [r.path for r in _api_routes(client) if "GET" in r.methods and "{" not in r.path]
    return [*paths, "/forms/1", "/api/forms/1", "/static/app.js", "/no-such-page"]


def test_every_response_has_the_security_headers(client: TestClient) -> None:
    for path in _get_paths(client):
        _secured(client.get(path))
    _secured(client.get("/api/forms?page=x"))  # 422
    _secured(client.post("/api/forms"))  # 405


def test_an_internal_error_has_them_too(empty_store: Store) -> None:
    app = create_app(empty_store)

    def boom() -> None:
        raise RuntimeError("boom")

    app.add_api_route("/boom", boom)
    with TestClient(app, base_url=LOCAL, raise_server_exceptions=False) as web:
        answer = web.get("/boom")
    assert answer.status_code == 500
    _secured(answer)


class _Inline(HTMLParser):
    """Collects what a strict Content-Security-Policy would block in a page."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        if tag == "script" and "src" not in named and named.get("type") != "application/json":
            self.found.append("inline <script>")
        if tag == "style":
            self.found.append("<style>")
        for key, value in attrs:
            if key.startswith("on") or key == "style":
                self.found.append(f"{tag} {key}")
            if key in ("href", "src", "action") and (value or "").startswith("javascript:"):
                self.found.append(f"{tag} {key}=javascript:")


def test_pages_have_no_inline_script_or_style(client: TestClient) -> None:
    for path in [*_get_paths(client), "/forms/1/source", "/fill/new"]:
        answer = client.get(path)
        if "text/html" not in answer.headers.get("content-type", ""):
            continue
        parser = _Inline()
        parser.feed(answer.text)
        assert parser.found == [], path


def test_templates_have_no_inline_script_or_style() -> None:
    for template in TEMPLATES.glob("*.html"):
        text = template.read_text(encoding="utf-8")
        assert not re.search(r"\son[a-z]+\s*=", text), template.name
        assert not re.search(r"\sstyle\s*=", text), template.name
        assert not re.search(r"<style", text), template.name


# --- integers out of range -----------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/api/forms?page=99999999999999999999",
        f"/api/forms/{HUGE}",
        f"/api/forms/{MAX_INT + 1}",
        f"/forms/{HUGE}",
        f"/forms/{HUGE}.json",
        f"/api/forms?year={HUGE}",
        f"/api/findings?form={HUGE}",
        f"/api/forms?per_page={HUGE}",
        f"/fill/{HUGE}",
        f"/fill/new?from={HUGE}",
        f"/import/batches/x/files/{HUGE}/forms/1",
        f"/forms?page={HUGE}",
    ],
)
def test_an_integer_out_of_range_is_a_422(client: TestClient, path: str) -> None:
    answer = client.get(path)
    assert answer.status_code == 422, answer.text
    if path.startswith("/api/"):
        message = answer.json()["error"]["message"]
        assert "范围" in message


def test_the_largest_integer_is_still_served(client: TestClient) -> None:
    assert client.get(f"/api/forms/{MAX_INT}").status_code == 404
    assert client.get(f"/api/forms?page={MAX_INT}").status_code == 200


def _has_int(annotation: Any) -> bool:
    return annotation is int or any(_has_int(a) for a in typing.get_args(annotation))


def _int_params(route: APIRoute) -> list[Any]:
    found: list[Any] = []
    stack = [route.dependant]
    while stack:
        dependant = stack.pop()
        stack.extend(dependant.dependencies)
        found.extend(
            p
            for p in [*dependant.path_params, *dependant.query_params]
            if _has_int(p.field_info.annotation)
        )
    return found


def test_every_integer_parameter_is_bounded(client: TestClient) -> None:
    """Every int path or query parameter of every route (new ones included) refuses a
    value beyond MAX_INT: a route that forgets StoreInt fails here."""
    checked = 0
    for route in _api_routes(client):
        for param in _int_params(route):
            field = param.field_info
            typ = field.annotation
            adapter = TypeAdapter(Annotated[typ, *field.metadata] if field.metadata else typ)
            assert adapter.validate_python(MAX_INT) == MAX_INT
            for wrong in (MAX_INT + 1, -MAX_INT - 1):
                with pytest.raises(ValidationError):
                    adapter.validate_python(wrong)
            checked += 1
    assert checked >= 8


def test_no_parameter_overflows_the_database(client: TestClient) -> None:
    """Every GET route, a huge number in each path and query parameter: never a 500."""
    for route in _api_routes(client):
        if "GET" not in route.methods:
            continue
        path = re.sub(r"\{[^}]+\}", HUGE, route.path)
        names = [
            p.alias
            for d in [route.dependant, *route.dependant.dependencies]
            for p in d.query_params
        ]
        query = "&".join(f"{n}={HUGE}" for n in names)
        answer = client.get(f"{path}?{query}" if query else path)
        assert answer.status_code < 500, (route.path, answer.text[:200])
