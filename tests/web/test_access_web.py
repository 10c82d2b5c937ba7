"""Sign-in, CSRF and scopes through the web app (tests that fail if a check is removed)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from access_support import PASSWORD, TALENT, accounts_store
from jixiao.service.session_limits import SessionLimits
from jixiao.store import Store
from jixiao.web import create_app
from jixiao.web.access import COOKIE, AccessSettings
from web_client import WebClient


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with accounts_store(tmp_path_factory.mktemp("web-access")) as opened:
        yield opened


def _client(store: Store, settings: AccessSettings | None = None, **kw: object) -> WebClient:
    return WebClient(create_app(store, access=settings), **kw)


def _login(client: WebClient, name: str, password: str = PASSWORD) -> None:
    done = client.post(
        "/login", data={"username": name, "password": password}, follow_redirects=False
    )
    assert done.status_code == 303, done.text


@pytest.fixture
def talent(store: Store) -> Iterator[WebClient]:
    with _client(store) as client:
        _login(client, "talent")
        yield client


def test_pages_and_the_api_need_a_login(store: Store) -> None:
    with _client(store) as client:
        page = client.get("/forms?year=2024", follow_redirects=False)
        assert page.status_code == 303
        assert page.headers["location"] == "/login?next=%2Fforms%3Fyear%3D2024"
        assert client.get("/api/forms").status_code == 401
        assert client.get("/api/forms").json()["error"]["code"] == "unauthorized"
        assert client.get("/forms/1.json", follow_redirects=False).status_code == 303
        assert client.get("/login").status_code == 200
        assert client.get("/static/app.css").status_code == 200


def test_wrong_password_is_refused_and_logins_are_throttled(tmp_path: Path) -> None:
    with accounts_store(tmp_path, documents=False) as store, _client(store) as client:
        bad = client.post("/login", data={"username": "talent", "password": "nope nope"})
        assert bad.status_code == 401 and "用户名或密码错误" in bad.text
        for _ in range(4):
            client.post("/login", data={"username": "talent", "password": "nope nope"})
        throttled = client.post("/login", data={"username": "talent", "password": PASSWORD})
        assert throttled.status_code == 429


def test_the_apps_limits_apply_to_its_logins(tmp_path: Path) -> None:
    settings = AccessSettings(limits=SessionLimits(login_failures_per_user=1))
    with accounts_store(tmp_path, documents=False) as store, _client(store, settings) as client:
        client.post("/login", data={"username": "talent", "password": "nope nope"})
        throttled = client.post("/login", data={"username": "talent", "password": PASSWORD})
        assert throttled.status_code == 429


def test_login_gives_a_new_session_cookie_with_safe_flags(store: Store) -> None:
    with _client(store) as client:
        client.get("/login")
        before = client.cookies.get(COOKIE)
        assert before
        done = client.post(
            "/login",
            data={"username": "talent", "password": PASSWORD},
            follow_redirects=False,
        )
        after = client.cookies.get(COOKIE)
        assert after and after != before  # no session fixation
        cookie = done.headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=lax" in cookie and "path=/" in cookie
        assert "secure" not in cookie  # plain http on loopback
    with _client(store, AccessSettings(secure_cookies=True)) as client:
        client.get("/login")
        assert "secure" in client.get("/login").headers.get("set-cookie", "secure").lower()


def test_a_cookie_planted_before_login_is_worth_nothing(store: Store) -> None:
    with _client(store) as victim, _client(store) as attacker:
        attacker.get("/login")
        planted = attacker.cookies.get(COOKIE)
        assert planted
        victim.cookies.set(COOKIE, planted)
        _login(victim, "talent")
        attacker.cookies.set(COOKIE, planted)
        assert attacker.get("/api/forms").status_code == 401


def test_a_request_after_logout_is_refused(store: Store) -> None:
    with _client(store) as client:
        _login(client, "talent")
        token = client.cookies.get(COOKIE)
        assert client.get("/api/forms").status_code == 200
        assert client.post("/logout", follow_redirects=False).status_code == 303
        assert client.get("/api/forms").status_code == 401
        client.cookies.set(COOKIE, token or "")  # the old cookie, replayed
        assert client.get("/api/forms").status_code == 401


def test_a_post_without_the_csrf_token_is_refused(talent: WebClient) -> None:
    refused = talent.post("/logout", headers={"X-CSRF-Token": "forged"})
    assert refused.status_code == 403
    assert talent.get("/api/forms").status_code == 200  # still signed in
    wrong_field = talent.post(
        "/fill/preview",
        data={"kind": "self_evaluation", "csrf_token": "forged"},
        headers={"X-CSRF-Token": ""},
    )
    assert wrong_field.status_code == 403
    good_field = talent.post(
        "/fill/preview",
        data={"kind": "self_evaluation", "csrf_token": talent.csrf_token()},
        headers={"X-CSRF-Token": ""},
    )
    assert good_field.status_code == 200


def test_a_forged_request_for_another_units_form_is_refused(
    store: Store, talent: WebClient
) -> None:
    other = store.form_ids(unit="松江")[0]
    mine = store.form_ids(unit=TALENT)[0]
    for url in (
        "/forms/{}",
        "/forms/{}.json",
        "/forms/{}/export.xlsx",
        "/forms/{}/source",
        "/api/forms/{}",
    ):
        assert talent.get(url.format(mine)).status_code == 200, url
        assert talent.get(url.format(other)).status_code == 404, url
    for url in ("/forms/{}/official.pdf", "/forms/{}/official.docx"):
        assert talent.get(url.format(other)).status_code == 404, url
    listed = talent.get("/api/forms", params={"per_page": 200}).json()
    assert listed["total"] == 25 and {f["unit"] for f in listed["items"]} == {TALENT}
    assert talent.get("/api/stats").json()["forms"] == 25
    assert talent.get("/api/findings", params={"unit": "松江"}).json()["total"] == 0
    assert "松江" not in talent.get("/forms").text
    assert "松江" not in talent.get("/").text
    export = talent.get("/findings/export.csv")
    assert export.status_code == 200 and "松江" not in export.text


def test_a_role_without_the_action_is_refused(store: Store, talent: WebClient) -> None:
    assert talent.get("/import").status_code == 403
    assert talent.post("/import/batches").status_code == 403
    assert 'href="/import"' not in talent.get("/forms").text
    with _client(store) as auditor:
        _login(auditor, "auditor")
        draft = auditor.post("/fill/save", data={"kind": "self_evaluation"})
        assert draft.status_code == 403
    with _client(store) as admin:
        _login(admin, "admin")
        assert admin.get("/import").status_code == 200


def test_a_filler_cannot_save_a_draft_for_another_unit(talent: WebClient) -> None:
    fields = {"kind": "self_evaluation", "unit": "上海市松江区人才服务中心", "project": "冒名"}
    assert talent.post("/fill/save", data=fields).status_code == 403
    fields["unit"] = TALENT
    saved = talent.post("/fill/save", data=fields, follow_redirects=False)
    assert saved.status_code == 303


def test_the_page_says_who_is_signed_in(talent: WebClient) -> None:
    page = talent.get("/forms").text
    assert "单位填报人" in page and 'action="/logout"' in page
    assert 'name="csrf-token"' in page


def test_single_sign_on_header_is_trusted_only_from_the_proxy(store: Store) -> None:
    settings = AccessSettings(trusted_proxies=("10.0.0.0/24",))
    with _client(store, settings, client=("10.0.0.7", 5000)) as proxied:
        answer = proxied.get("/api/forms", headers={"X-Remote-User": "talent"})
        assert answer.status_code == 200 and answer.json()["total"] == 25
        unknown = proxied.get("/api/forms", headers={"X-Remote-User": "mallory"})
        assert unknown.status_code == 403
    with _client(store, settings, client=("192.168.1.9", 5000)) as outsider:
        forged = outsider.get("/api/forms", headers={"X-Remote-User": "admin"})
        assert forged.status_code == 401


def test_demo_mode_signs_in_the_demo_reviewer_and_says_so(store: Store) -> None:
    with _client(store, AccessSettings(demo_user="finance")) as client:
        page = client.get("/forms")
        assert page.status_code == 200
        assert "演示模式" in page.text and "财政审核人" in page.text


def test_without_accounts_the_loopback_app_works_and_still_checks_csrf(
    empty_store: Store,
) -> None:
    with WebClient(create_app(empty_store)) as client:
        assert client.get("/forms").status_code == 200
        assert client.get("/login", follow_redirects=False).status_code == 303
        assert client.post("/fill/preview", headers={"X-CSRF-Token": "x"}).status_code == 403
        assert client.post("/fill/preview", data={"kind": "self_evaluation"}).status_code == 200
