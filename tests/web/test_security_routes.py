"""The security review, over every route of the app (walked, not listed: a route another
page adds later is covered at once).

- No route but the login's answers anyone unsigned while the database has accounts.
- Every state-changing route refuses a request without this browser's CSRF token (none,
  or a forged one), with accounts and without.
- Every route given another unit's record (form, draft, …) refuses it, and no page or
  list names another unit.
- Hostile text in every query parameter and form field never breaks a route (no 500:
  bound parameters everywhere) nor comes back as markup in a page (autoescaped; the
  JSON API may quote it, as ``application/json``, which no browser runs); a hostile form
  title reaches no header unencoded.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from routes_walk import PUBLIC_ROUTES, WalkedRoute, app_routes

from access_support import PASSWORD, SONGJIANG_HQ, TALENT, accounts_store, signed_in
from jixiao.service import accounts
from jixiao.store import Store
from jixiao.web import create_app
from jixiao.web.access import COOKIE, AccessSettings
from web_client import WebClient

SCOPED = {"talent_head": ("松江", TALENT), "songjiang": (TALENT, SONGJIANG_HQ)}
"""A user of a unit and one of a department: ``(text in the name of every unit they must
not see, a unit they see)``."""

HOSTILE = (
    "' OR '1'='1' --",
    '"; DROP TABLE forms; --',
    "<script>alert(1)</script>",
    "%_\\",
    '=HYPERLINK("http://x")',
    "\u0000nul",
    "９" * 300,
)
_MARKUP = "<script>alert(1)</script>"
_FORMATS = {"suffix": "csv", "ext": "pdf"}
"""Path parameters that name a file format, not a record."""


def _records(r: WalkedRoute) -> list[str]:
    """The path parameters of ``r`` that name a record (an unknown one is taken for a
    form id)."""
    return [p for p in r.path_params if p not in _FORMATS]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with accounts_store(tmp_path_factory.mktemp("security")) as opened:
        yield opened


def _routes(store: Store) -> list[WalkedRoute]:
    return app_routes(create_app(store))


def test_every_route_refuses_anyone_notsigned_in(store: Store) -> None:
    with WebClient(create_app(store)) as anonymous:
        for r in _routes(store):
            if (r.method, r.path) in PUBLIC_ROUTES:
                continue
            answer = anonymous.request(r.method, r.url(), follow_redirects=False)
            if r.method == "GET" and not r.path.startswith("/api"):
                assert answer.status_code == 303, (r.method, r.path, answer.status_code)
                assert answer.headers["location"].startswith("/login?next="), r.path
            else:
                assert answer.status_code == 401, (r.method, r.path, answer.status_code)


def _csrf_refused(client: WebClient, routes: list[WalkedRoute]) -> None:
    posts = [r for r in routes if r.changes_state]
    assert len(posts) >= 15
    for r in posts:
        url = r.url(default="x" * 32 if "token" in r.path else "1")
        for headers in ({"X-CSRF-Token": "forged"}, {"X-CSRF-Token": ""}):
            answer = client.request(r.method, url, headers=headers, follow_redirects=False)
            assert answer.status_code == 403, (r.method, r.path, headers, answer.status_code)
            assert answer.headers.get("content-type", "").startswith(
                ("text/html", "application/json")
            )
        field = client.request(
            r.method,
            url,
            headers={"X-CSRF-Token": ""},
            data={"csrf_token": "forged"},
            follow_redirects=False,
        )
        assert field.status_code == 403, (r.method, r.path, "field")


def test_every_state_changing_route_needs_the_csrf_token(store: Store) -> None:
    with signed_in(store, "admin") as admin:
        _csrf_refused(admin, _routes(store))
        assert admin.get("/api/forms").status_code == 200  # still signed in: nothing ran


def test_without_accounts_every_state_changing_route_still_needs_it(empty_store: Store) -> None:
    with WebClient(create_app(empty_store)) as local:
        _csrf_refused(local, app_routes(create_app(empty_store)))


def _outsiders(store: Store, outsider: str) -> dict[str, str]:
    """A record of another unit for each kind of id a route takes."""
    other = store.form_ids(unit=outsider)[0]
    draft = store.save_draft(store.load_form(other))
    return {"form_id": str(other), "draft_id": str(draft), **_FORMATS}


@pytest.mark.parametrize("user", SCOPED)
def test_every_route_refuses_another_units_record(store: Store, user: str) -> None:
    outsider, seen = SCOPED[user]
    outsiders = _outsiders(store, outsider)
    mine = store.form_ids(unit=seen)[0]
    with signed_in(store, user) as client:
        assert client.get(f"/forms/{mine}").status_code == 200
        checked = 0
        for r in _routes(store):
            if not _records(r) or (r.method, r.path) in PUBLIC_ROUTES:
                continue
            url = r.url(outsiders, default=outsiders["form_id"])
            answer = client.request(r.method, url, follow_redirects=False)
            assert 400 <= answer.status_code < 500, (r.method, r.path, answer.status_code)
            assert outsider not in answer.text, (r.method, r.path)
            checked += 1
        assert checked >= 10
    assert store.load_draft(int(outsiders["draft_id"])).unit  # not deleted by the POSTs


@pytest.mark.parametrize("user", SCOPED)
def test_no_page_or_list_names_another_unit(store: Store, user: str) -> None:
    outsider, _ = SCOPED[user]
    with signed_in(store, user) as client:
        for r in _routes(store):
            if r.changes_state or _records(r):
                continue
            answer = client.get(r.url(_FORMATS))
            assert answer.status_code < 500, r.path
            if answer.status_code == 200 and "zip" not in answer.headers["content-type"]:
                assert outsider not in answer.text, r.path


def test_hostile_text_in_every_parameter_breaks_nothing(tmp_path: Path) -> None:
    """Its own store: the administrator's POSTs legitimately withdraw, purge, undo and
    correct record 1 with the hostile reasons and values; the operation log still shows."""
    with accounts_store(tmp_path) as store, signed_in(store, "admin") as admin:
        for r in _routes(store):
            if r.path in ("/logout", "/account/password"):
                continue  # would sign the admin out; its fields are checked below
            fields = r.query_params if not r.changes_state else r.form_fields
            if not fields:
                continue
            for value in HOSTILE:
                given = dict.fromkeys(fields, value)
                url = r.url(default="1")
                if r.changes_state:
                    answer = admin.request(r.method, url, data=given, follow_redirects=False)
                else:
                    answer = admin.get(url, params=given)
                assert answer.status_code < 500, (r.method, r.path, value, answer.text[:300])
                if answer.headers.get("content-type", "").startswith("text/html"):
                    assert _MARKUP not in answer.text, (r.method, r.path)
        assert admin.get("/api/forms").status_code == 200
        log = admin.get("/log")
        assert log.status_code == 200 and _MARKUP not in log.text


def test_a_server_beyond_loopback_never_lets_anyone_in_without_accounts(tmp_path: Path) -> None:
    """Open binding: ``serve`` refuses to start beyond loopback without accounts; should
    the last account be disabled while it runs, nobody becomes the person at the machine."""
    with accounts_store(tmp_path, documents=False) as store:
        for user in accounts.users(store):
            accounts.set_active(store, user.username, False)
        with WebClient(create_app(store, access=AccessSettings(beyond_loopback=True))) as c:
            assert c.get("/api/forms").status_code == 403
            assert c.get("/forms", follow_redirects=False).status_code == 403
            assert c.post("/fill/preview", data={"kind": "self_evaluation"}).status_code == 403
        sso = AccessSettings(trusted_proxies=("10.0.0.0/24",), beyond_loopback=True)
        with WebClient(create_app(store, access=sso), client=("10.0.0.7", 5000)) as proxied:
            unknown = proxied.get("/forms", headers={"X-Remote-User": "mallory"})
            assert unknown.status_code == 403 and "mallory" in unknown.text  # a page, not a 500
        with WebClient(create_app(store)) as loopback:
            assert loopback.get("/api/forms").status_code == 200  # the person at the machine


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example/",
        "/\\evil.example",
        "https://evil.example/",
        "/\t/evil.example",
        "/\r\nX-A: 1",
    ],
)
def test_login_returns_only_to_a_page_of_this_site(store: Store, target: str) -> None:
    with WebClient(create_app(store)) as client:
        done = client.post(
            "/login",
            data={"username": "auditor", "password": PASSWORD, "next": target},
            follow_redirects=False,
        )
        assert done.status_code == 303 and done.headers["location"] == "/"
        assert "x-a" not in {k.lower() for k in done.headers}


def test_nobody_unsigned_makes_the_server_read_a_multipart_body(store: Store) -> None:
    """The token of a multipart form (files spooled to disk) is read only for a signed-in
    user within the upload limit: an unsigned one is refused before the body is read."""
    files = {"files": ("a.txt", b"x" * 2048, "text/plain")}
    with WebClient(create_app(store)) as anonymous:
        token = anonymous.csrf_token()
        for path in ("/login", "/import"):
            answer = anonymous.post(
                path, data={"csrf_token": token}, files=files, headers={"X-CSRF-Token": ""}
            )
            assert answer.status_code == 403 and "CSRF" in answer.text, path
    with signed_in(store, "admin") as admin:
        token = admin.csrf_token()
        answer = admin.post(
            "/import",
            data={"csrf_token": token},
            files=files,
            headers={"X-CSRF-Token": ""},
            follow_redirects=False,
        )
        assert answer.status_code == 303  # a page's plain upload form still works


def test_a_nul_character_anywhere_is_refused(store: Store) -> None:
    """PostgreSQL cannot bind a NUL: refused before any route runs, on both backends."""
    with signed_in(store, "admin") as admin:
        assert admin.get("/forms", params={"search": "a\x00b"}).status_code == 400
        assert admin.get("/api/forms", params={"unit\x00": "x"}).status_code == 400
        assert admin.get("/forms/1%00").status_code in (400, 404)
        posted = admin.post("/fill/preview", data={"kind": "self_evaluation", "project": "\x00"})
        assert posted.status_code == 400 and "空字符" in posted.text
        assert admin.post("/fill/preview", data={"kind": "self_evaluation"}).status_code == 200


def test_a_hostile_title_is_escaped_on_pages_and_encoded_in_file_names(
    tmp_path: Path,
) -> None:
    title = '坏"; filename=evil.exe\r\nX-Injected: 1 <script>alert(1)</script>'
    with accounts_store(tmp_path, documents=False) as store, signed_in(store, "talent") as talent:
        fields = {"kind": "self_evaluation", "unit": TALENT, "project": title, "year": "2024"}
        saved = talent.post("/fill/save", data=fields, follow_redirects=False)
        assert saved.status_code == 303
        draft = saved.headers["location"]
        page = talent.get(draft)
        assert page.status_code == 200 and _MARKUP not in page.text
        assert "&lt;script&gt;" in page.text
        listed = talent.get("/fill")
        assert _MARKUP not in listed.text
        for export in ("/fill/export.json", "/fill/export.xlsx"):
            answer = talent.post(export, data=fields)
            assert answer.status_code == 200, export
            disposition = answer.headers["content-disposition"]
            assert "x-injected" not in {k.lower() for k in answer.headers}
            assert "\r" not in disposition and "\n" not in disposition
            assert disposition.count('"') == 2 and "evil.exe" not in disposition.split(";")[1]
            assert "%3Cscript%3E" in disposition


def test_cookie_flags_and_no_cookie_value_in_pages(store: Store) -> None:
    with signed_in(store, "talent") as talent:
        token = talent.cookies.get(COOKIE)
        assert token
        page = talent.get("/forms")
        assert token not in page.text  # the session id never reaches a page (HttpOnly)
        assert talent.csrf_token() != token
