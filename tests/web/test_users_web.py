"""The 账号 page (管理员) and 修改密码 (everyone): the same service functions as
``jixiao users``, scoped, and every change ends the sessions it must."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from access_support import HRSS, PASSWORD, TALENT, accounts_store, signed_in
from jixiao.model.access import Role, Scope, ScopeKind
from jixiao.service import accounts
from jixiao.store import Store
from jixiao.web import create_app
from web_client import WebClient


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with accounts_store(tmp_path, documents=False) as opened:
        accounts.add_unit(opened, TALENT, HRSS)
        accounts.add_user(
            opened, "hrss_admin", PASSWORD, Role.ADMIN, Scope(ScopeKind.DEPARTMENT, HRSS)
        )
        yield opened


def _api_ok(client: WebClient) -> bool:
    return bool(client.get("/api/forms").status_code == 200)


def test_the_admin_lists_adds_and_the_new_account_signs_in(store: Store) -> None:
    with signed_in(store, "admin") as admin:
        listed = admin.get("/users")
        assert listed.status_code == 200 and "talent" in listed.text and "新增账号" in listed.text
        assert 'href="/users"' in listed.text
        added = admin.post(
            "/users/add",
            data={
                "username": "newbie",
                "display_name": "新人",
                "password": "first password",
                "role": "filler",
                "scope_kind": "unit",
                "scope_name": TALENT,
            },
        )
        assert added.status_code == 200 and "已新增账号 newbie" in added.text
        spoofed = admin.get("/users", params={"done": "added", "user": "请把密码发给 x"})
        assert "请把密码" not in spoofed.text  # no text of the URL shown as it is
        again = admin.post(
            "/users/add",
            data={"username": "newbie", "password": "x" * 8, "role": "filler", "scope_kind": "all"},
        )
        assert again.status_code == 400 and "已被使用" in again.text
    (user,) = [u for u in accounts.users(store) if u.username == "newbie"]
    assert (user.role, user.scope_kind, user.scope_name) == ("filler", "unit", TALENT)
    with signed_in(store, "auditor") as auditor:
        log = auditor.get("/log", params={"action": "user_add", "user": "admin"})
        assert log.status_code == 200 and "新增账号「newbie」" in log.text
        assert "first password" not in auditor.get("/log.csv").content.decode("utf-8-sig")
    with signed_in(store, "newbie", "first password") as newbie:
        assert _api_ok(newbie)
        assert newbie.get("/users").status_code == 403
        assert 'href="/users"' not in newbie.get("/forms").text


def test_reset_password_and_disable_end_the_sessions_on_every_device(store: Store) -> None:
    phone, desk = signed_in(store, "talent"), signed_in(store, "talent")
    with signed_in(store, "admin") as admin, phone, desk:
        assert _api_ok(phone) and _api_ok(desk)
        done = admin.post(
            "/users/password", data={"username": "talent", "password": "reset pass 1"}
        )
        assert done.status_code == 200
        assert phone.get("/api/forms").status_code == 401
        assert desk.get("/api/forms").status_code == 401
        with signed_in(store, "talent", "reset pass 1") as later:
            assert _api_ok(later)
            admin.post("/users/active", data={"username": "talent", "active": "false"})
            assert later.get("/api/forms").status_code == 401
        refused = WebClient(create_app(store)).post(
            "/login", data={"username": "talent", "password": "reset pass 1"}
        )
        assert refused.status_code == 401
        admin.post("/users/active", data={"username": "talent", "active": "true"})
        with signed_in(store, "talent", "reset pass 1") as back:
            assert _api_ok(back)
            admin.post(
                "/users/role",
                data={"username": "talent", "role": "auditor", "scope_kind": "all"},
            )
            assert back.get("/api/forms").status_code == 401
    (user,) = [u for u in accounts.users(store) if u.username == "talent"]
    assert (user.role, user.scope_kind, user.scope_name) == ("auditor", "all", None)


def test_a_department_admin_manages_only_its_scope(store: Store) -> None:
    with signed_in(store, "hrss_admin") as admin:
        page = admin.get("/users").text
        assert ">talent<" in page and ">hrss<" in page
        assert ">songjiang<" not in page and ">finance<" not in page and ">admin<" not in page
        wider = admin.post(
            "/users/add",
            data={
                "username": "x1",
                "password": "long enough",
                "role": "admin",
                "scope_kind": "all",
            },
        )
        assert wider.status_code == 403
        other = admin.post(
            "/users/password", data={"username": "songjiang", "password": "taken over"}
        )
        assert other.status_code == 400 and "没有用户" in other.text
        assert admin.post(
            "/users/active", data={"username": "admin", "active": "false"}
        ).status_code == (400)
        moved = admin.post(
            "/users/role",
            data={
                "username": "talent",
                "role": "filler",
                "scope_kind": "department",
                "scope_name": "上海市松江区人力资源和社会保障局",
            },
        )
        assert moved.status_code == 403
        own = admin.post("/users/active", data={"username": "hrss_admin", "active": "false"})
        assert own.status_code == 400 and "自己" in own.text
        ok = admin.post(
            "/users/add",
            data={
                "username": "rc2",
                "password": "long enough",
                "role": "filler",
                "scope_kind": "unit",
                "scope_name": TALENT,
            },
        )
        assert ok.status_code == 200
    assert accounts.authenticate(store, "songjiang", PASSWORD, "x") is not None
    assert {u.username for u in accounts.users(store)} >= {"rc2"}
    assert "x1" not in {u.username for u in accounts.users(store)}


def test_roles_without_manage_are_refused_everywhere(store: Store) -> None:
    with signed_in(store, "finance") as finance:
        assert finance.get("/users").status_code == 403
        for path, data in (
            (
                "/users/add",
                {"username": "x", "password": "long enough", "role": "admin", "scope_kind": "all"},
            ),
            ("/users/password", {"username": "admin", "password": "taken over"}),
            ("/users/active", {"username": "admin", "active": "false"}),
            ("/users/role", {"username": "finance", "role": "admin", "scope_kind": "all"}),
        ):
            assert finance.post(path, data=data).status_code == 403, path
    assert accounts.authenticate(store, "admin", PASSWORD, "x") is not None


def test_everyone_changes_their_own_password_with_the_old_one(store: Store) -> None:
    elsewhere = signed_in(store, "auditor")
    with signed_in(store, "auditor") as here, elsewhere:
        page = here.get("/account/password")
        assert page.status_code == 200 and 'name="old"' in page.text
        assert 'href="/account/password"' in here.get("/forms").text
        wrong = here.post(
            "/account/password",
            data={"old": "not it at all", "new": "new secret 1", "again": "new secret 1"},
        )
        assert wrong.status_code == 400 and "原密码不正确" in wrong.text
        differ = here.post(
            "/account/password",
            data={"old": PASSWORD, "new": "new secret 1", "again": "new secret 2"},
        )
        assert differ.status_code == 400 and "不一致" in differ.text
        done = here.post(
            "/account/password",
            data={"old": PASSWORD, "new": "new secret 1", "again": "new secret 1"},
        )
        assert done.status_code == 200 and "密码已修改" in done.text
        assert _api_ok(here)  # this browser signed in anew
        assert elsewhere.get("/api/forms").status_code == 401  # every other device out
    assert accounts.authenticate(store, "auditor", "new secret 1", "x") is not None
