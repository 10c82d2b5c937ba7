"""The audit log of account changes and draft saves: each change writes its entry with
the change (never the password or its hash), shown by ``jixiao log`` and on ``/log``."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from jixiao.model.access import Role, Scope, ScopeKind
from jixiao.service import accounts, check_file, user_admin
from jixiao.service.access import LOCAL, actor_of
from jixiao.service.governance import audit_log
from jixiao.store import LogFilters, Store, open_store
from store_support import BACKENDS, make_url
from support import run_cli

ADMIN = replace(LOCAL, user_id=1, username="boss")
SECRET = "first secret pw"
OTHER_SECRET = "second secret pw"
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "004_30fc85b3e2ff877a.txt"


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    for url in make_url(request.param, tmp_path):
        with open_store(url) as opened:
            yield opened


def _log(store: Store, **filters: object) -> list[dict[str, object]]:
    rows, _ = audit_log(store, LOCAL, LogFilters(**filters))  # type: ignore[arg-type]
    return rows


def test_every_account_change_is_logged_without_the_password(store: Store) -> None:
    accounts.add_user(store, "boss", SECRET, Role.ADMIN, Scope.everything())  # the CLI
    user_admin.add_account(
        store, ADMIN, "alice", SECRET, Role.FILLER, Scope(ScopeKind.UNIT, "甲单位")
    )
    user_admin.set_account_role(
        store, ADMIN, "alice", Role.UNIT_HEAD, Scope(ScopeKind.UNIT, "甲单位")
    )
    user_admin.reset_account_password(store, ADMIN, "alice", OTHER_SECRET)
    user_admin.set_account_active(store, ADMIN, "alice", False)
    user_admin.set_account_active(store, ADMIN, "alice", True)
    alice = accounts.authenticate(store, "alice", OTHER_SECRET, "x")
    assert alice is not None
    accounts.change_password(store, alice, OTHER_SECRET, SECRET)
    with pytest.raises(Exception, match="已被使用"):
        user_admin.add_account(store, ADMIN, "alice", SECRET, Role.FILLER, Scope.everything())
    entries = list(reversed(_log(store)))
    assert [e["action"] for e in entries] == [
        "user_add",
        "user_add",
        "user_role",
        "user_password",
        "user_disable",
        "user_enable",
        "own_password",
    ]
    assert entries[0]["username"].startswith("命令行:")  # type: ignore[union-attr]
    assert {e["username"] for e in entries[1:6]} == {"boss"}
    assert entries[6]["username"] == "alice"
    assert "甲单位" in str(entries[1]["summary"]) and "单位负责人" in str(entries[2]["summary"])
    assert all(e["details"]["username"] in ("boss", "alice") for e in entries)  # type: ignore[index]
    hashes = [u.password_hash for u in accounts.users(store)]
    text = repr(entries)
    assert SECRET not in text and OTHER_SECRET not in text
    assert not any(h and h in text for h in hashes) and "argon2" not in text
    assert [e["action"] for e in _log(store, action="user_disable")] == ["user_disable"]
    assert len(_log(store, username="alice")) == 1


def test_a_draft_save_is_logged(store: Store) -> None:
    form = check_file(str(EXAMPLE)).forms[0]
    draft = store.save_draft(form, actor=actor_of(ADMIN))
    store.save_draft(form, draft, actor=actor_of(ADMIN))
    store.save_draft(form, draft)  # no actor: not a save of the editor
    entries = _log(store, action="draft_save")
    assert [e["details"]["draft_id"] for e in entries] == [draft, draft]  # type: ignore[index]
    assert "保存草稿" in str(entries[0]["summary"]) and "新建草稿" in str(entries[1]["summary"])
    assert entries[0]["username"] == "boss"


def test_jixiao_log_lists_account_changes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "a.db")
    with open_store(db) as store:
        accounts.add_user(store, "carol", SECRET, Role.AUDITOR, Scope.everything())
        accounts.set_active(store, "carol", False)
    code, out, _ = run_cli(["log", "--action", "user_disable", "--db", db], capsys)
    assert code == 0 and "共 1 条" in out
    csv = tmp_path / "log.csv"
    code, _, _ = run_cli(["log", "--db", db, "--to", "csv", "-o", str(csv)], capsys)
    text = csv.read_text("utf-8-sig")
    assert code == 0 and "新增账号" in text and "停用账号「carol」" in text
    assert SECRET not in text
