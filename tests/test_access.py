"""Permissions in the service layer: each rule has a test that fails without it."""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from access_support import PASSWORD, SONGJIANG, SONGJIANG_HQ, TALENT, accounts_store
from jixiao.model.access import ROLE_ACTIONS, Action, Role, Scope, ScopeKind
from jixiao.service import accounts
from jixiao.service.access import LOCAL, AccessDenied, Principal, may, require, store_for
from jixiao.service.session_limits import DEFAULT_LIMITS
from jixiao.service.statistics import facets, statistics
from jixiao.store import Store
from jixiao.store.errors import DraftNotFoundError, OutOfScopeError
from jixiao.store.store import Store as StoreClass


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with accounts_store(tmp_path_factory.mktemp("access")) as opened:
        yield opened


def _who(store: Store, name: str) -> Principal:
    found = accounts.authenticate(store, name, PASSWORD, "127.0.0.1")
    assert found is not None
    return found


def test_unit_scope_sees_its_unit_only(store: Store) -> None:
    seen = store_for(store, _who(store, "talent"))
    units = {r["unit"] for r in seen.forms()}
    assert units == {TALENT}
    assert seen.count_forms() == 25 < store.count_forms() == 83
    assert {r["unit"] for r in seen.indicators()} == {TALENT}
    assert {r["form_id"] for r in seen.findings()} <= set(seen.form_ids())
    assert statistics(seen, seen.scoped())["forms"] == 25
    assert facets(seen)["units"] == [TALENT]


def test_a_form_outside_the_scope_is_not_found(store: Store) -> None:
    seen = store_for(store, _who(store, "talent"))
    other = store.form_ids(unit="松江")[0]
    assert store.get(other) is not None
    assert seen.get(other) is None
    outside = store.forms(form_ids=(other,))[0]
    assert seen.document(outside["document_id"]) is None
    assert seen.document_lines(outside["document_id"]) is None
    assert all(d["file_name"] != outside["file_name"] for d in seen.documents())


def test_department_scope_takes_the_units_the_tree_puts_under_it(store: Store) -> None:
    seen = store_for(store, _who(store, "songjiang"))
    rows = seen.forms()
    assert {r["department"] for r in rows} == {SONGJIANG, None}
    # the 本部 form that names no 主管部门 is seen through the organisation tree
    assert any(r["department"] is None and r["unit"] == SONGJIANG_HQ for r in rows)
    assert len(rows) == 29


def test_scope_all_sees_everything(store: Store) -> None:
    assert store_for(store, _who(store, "auditor")).count_forms() == 83
    assert store_for(store, LOCAL).count_forms() == 83


def test_drafts_are_kept_to_the_units_of_the_scope(store: Store) -> None:
    talent = store_for(store, _who(store, "talent"))
    songjiang = store_for(store, _who(store, "songjiang"))
    mine = store.load_form(store.form_ids(unit=TALENT, kind="self_evaluation")[0])
    draft = talent.save_draft(mine)
    assert [d.id for d in talent.drafts()] == [draft]
    assert draft not in {d.id for d in songjiang.drafts()}
    with pytest.raises(DraftNotFoundError):
        songjiang.load_draft(draft)
    assert not songjiang.delete_draft(draft)
    with pytest.raises(OutOfScopeError):
        talent.save_draft(mine.model_copy(update={"unit": SONGJIANG_HQ}))
    with pytest.raises(DraftNotFoundError):
        songjiang.save_draft(mine.model_copy(update={"unit": SONGJIANG_HQ}), draft)
    assert talent.load_draft(draft) == mine
    assert talent.delete_draft(draft)


@pytest.mark.parametrize("role", list(Role))
def test_each_role_may_take_exactly_its_actions(role: Role) -> None:
    who = Principal(1, "x", "x", role, Scope.everything())
    for action in Action:
        allowed = action in ROLE_ACTIONS[role]
        assert may(who, action) is allowed
        if allowed:
            require(who, action)
        else:
            with pytest.raises(AccessDenied):
                require(who, action)


def test_the_role_table() -> None:
    assert not may(Principal(1, "x", "x", Role.FILLER, Scope.everything()), Action.IMPORT)
    assert not may(Principal(1, "x", "x", Role.AUDITOR, Scope.everything()), Action.FILL)
    assert not may(Principal(1, "x", "x", Role.FILLER, Scope.everything()), Action.SUBMIT)
    assert may(Principal(1, "x", "x", Role.UNIT_HEAD, Scope.everything()), Action.SUBMIT)
    assert not may(
        Principal(1, "x", "x", Role.DEPARTMENT_REVIEWER, Scope.everything()),
        Action.REVIEW_FINANCE,
    )


def test_wrong_password_disabled_account_and_throttling(tmp_path: Path) -> None:
    with accounts_store(tmp_path, documents=False) as store:
        assert accounts.authenticate(store, "talent", "wrong password", "10.0.0.1") is None
        assert accounts.authenticate(store, "nobody", PASSWORD, "10.0.0.1") is None
        accounts.set_active(store, "auditor", False)
        assert accounts.authenticate(store, "auditor", PASSWORD, "10.0.0.1") is None
        for _ in range(DEFAULT_LIMITS.login_failures_per_user - 1):
            assert accounts.authenticate(store, "talent", "wrong password", "10.0.0.2") is None
        with pytest.raises(accounts.LoginThrottled):
            accounts.authenticate(store, "talent", PASSWORD, "10.0.0.3")
        assert accounts.authenticate(store, "admin", PASSWORD, "10.0.0.3") is not None


def test_sessions_end_at_logout_password_reset_and_disabling(tmp_path: Path) -> None:
    with accounts_store(tmp_path, documents=False) as store:
        who = _who(store, "talent")
        token, expires = accounts.start_session(store, who)
        assert expires - datetime.now(UTC) <= DEFAULT_LIMITS.lifetime
        assert accounts.session_principal(store, token) == who
        other, _ = accounts.start_session(store, who)
        assert other != token
        accounts.end_session(store, token)
        assert accounts.session_principal(store, token) is None
        accounts.reset_password(store, "talent", "a new password")
        assert accounts.session_principal(store, other) is None
        assert accounts.authenticate(store, "talent", PASSWORD, "x") is None
        fresh = accounts.authenticate(store, "talent", "a new password", "x")
        assert fresh is not None
        third, _ = accounts.start_session(store, fresh)
        accounts.set_active(store, "talent", False)
        assert accounts.session_principal(store, third) is None


def test_an_expired_session_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with accounts_store(tmp_path, documents=False) as store:
        token, _ = accounts.start_session(store, _who(store, "talent"))
        later = datetime.now(UTC) + DEFAULT_LIMITS.lifetime + timedelta(seconds=1)
        monkeypatch.setattr(accounts, "_now", lambda: later)
        assert accounts.session_principal(store, token) is None


def test_passwords_are_hashed_with_argon2(store: Store) -> None:
    (user,) = [u for u in accounts.users(store) if u.username == "talent"]
    assert user.password_hash is not None and user.password_hash.startswith("$argon2id$")
    assert PASSWORD not in user.password_hash


def test_csrf_token_is_bound_to_the_browser(store: Store) -> None:
    token = accounts.csrf_token(store, "cookie-a")
    assert accounts.csrf_valid(store, "cookie-a", token)
    assert not accounts.csrf_valid(store, "cookie-b", token)
    assert not accounts.csrf_valid(store, None, token)
    assert not accounts.csrf_valid(store, "cookie-a", None)


def test_names_are_bound_parameters(store: Store) -> None:
    """A scope or filter with SQL in it matches nothing and breaks nothing."""
    evil = Principal(1, "x", "x", Role.FILLER, Scope(ScopeKind.UNIT, "x' OR '1'='1"))
    seen = store_for(store, evil)
    assert seen.count_forms() == 0
    assert seen.forms(unit="' OR 1=1 --") == []
    assert store.count_forms() == 83


SCOPED = {
    "forms", "count_forms", "indicators", "count_indicators", "findings", "count_findings",
    "form_ids", "get", "load_form", "iter_stored", "iter_forms", "same_project", "documents",
    "document", "document_lines", "drafts", "load_draft", "save_draft", "delete_draft",
    "scoped", "within", "versions", "corrections", "change_log",
}  # fmt: skip
"""Store methods that keep to a scoped store's visibility."""
NEUTRAL = {
    "close", "url", "save_document", "save_forms", "save_rows", "update_reviews", "has_document",
    "document_projects", "delete_document", "start_run", "finish_run", "save_ruleset",
    "ruleset", "import_runs", "shared_projects", "abandoned_runs", "run_projects",
    "close_abandoned_run", "document_withdrawn", "duplicates", "set_withdrawn",
    "purge_document", "purge_form", "run_documents", "undo_run", "correct_form",
    "document_forms",
}  # fmt: skip
"""Store methods that write or tell about the whole database: the shells reach them only
after an action check (import, manage) or for every document alike (duplicate check)."""


def test_every_store_method_is_either_scoped_or_neutral() -> None:
    """A new Store method must be placed: scoped, or neutral behind an action check."""
    public = {name for name, _ in inspect.getmembers(StoreClass) if not name.startswith("_")}
    public -= {"engine", "visibility"}
    assert public == SCOPED | NEUTRAL, public ^ (SCOPED | NEUTRAL)
