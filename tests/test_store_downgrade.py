"""Every migration goes back down, on SQLite and PostgreSQL.

The revisions are walked from the scripts (:func:`jixiao.store.migrate.revisions`), never
listed here, so a migration added later is covered without editing this file: each one
steps down from the head to the base on an empty database and up again to a schema that
matches ``schema.py``; and, with forms in the database, down to 0007 (the revisions
after it add columns and tables, never move the forms) keeping every form, indicator,
finding, score and run, then up again with the forms reading as before.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine

from access_support import EXAMPLES
from jixiao.model.access import Role, Scope, ScopeKind
from jixiao.service import accounts, run_import
from jixiao.store import open_store
from jixiao.store.cycle import Transition, move
from jixiao.store.engine import create_store_engine
from jixiao.store.errors import StoreError
from jixiao.store.migrate import (
    VERSION_TABLE,
    _schema_transaction,
    current_revision,
    downgrade,
    head_revision,
    in_schema_py,
    revisions,
    upgrade,
)
from jixiao.store.schema import Base
from store_support import BACKENDS, make_url

KEPT_FROM = "0007"
"""Down to this revision a downgrade keeps the forms (it drops only what came later)."""
_CORE = ("documents", "forms", "indicators", "findings", "form_scores", "import_runs")


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    yield from make_url(request.param, tmp_path)


def _ours(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names()) & set(Base.metadata.tables)


def test_revisions_are_one_chain_from_0001_to_the_head() -> None:
    chain = revisions()
    assert chain[0] == "0001" and chain[-1] == head_revision()
    assert len(chain) == len(set(chain)) >= 11


def test_every_revision_steps_down_to_base_and_up_again(db_url: str) -> None:
    engine = create_store_engine(db_url)
    try:
        upgrade(engine)
        chain = revisions()
        for below in reversed([None, *chain[:-1]]):
            downgrade(engine, below or "base")
            assert current_revision(engine) == below, f"downgrade to {below or 'base'}"
        assert _ours(engine) == set()
        upgrade(engine)
        assert current_revision(engine) == head_revision()
        with engine.connect() as conn:
            opts = {"version_table": VERSION_TABLE, "include_object": in_schema_py}
            context = MigrationContext.configure(conn, opts=opts)
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()


def _counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {t: int(conn.execute(text(f"SELECT COUNT(*) FROM {t}")).scalar_one()) for t in _CORE}


def test_downgrade_to_0007_keeps_the_forms_and_upgrades_again(db_url: str) -> None:
    with open_store(db_url) as store:
        run_import(store, [EXAMPLES / "004_30fc85b3e2ff877a.txt"], jobs=1)
        ids = store.form_ids()
        assert ids
        accounts.add_unit(store, "某单位", "某部门")
        user = accounts.add_user(
            store, "filler", "long enough pw", Role.FILLER, Scope(ScopeKind.UNIT, "某单位")
        )
        at = datetime.now(UTC)
        move(store, Transition(ids[0], "submit", None, "submitted", user, "filler", at, "提交"))
        before = {i: (store.load_form(i), store.get(i)) for i in ids}
        counts = _counts(store.engine)
        assert counts["forms"] == len(ids) and counts["findings"] > 0
        chain = revisions()
        for below in reversed(chain[chain.index(KEPT_FROM) : -1]):
            downgrade(store.engine, below)
            assert current_revision(store.engine) == below
            assert _counts(store.engine) == counts, f"downgrade to {below} lost rows"
        assert "users" not in _ours(store.engine)
    with open_store(db_url) as store:
        assert current_revision(store.engine) == head_revision()
        assert store.form_ids() == ids
        for i, (form, stored) in before.items():
            again = store.load_form(i)
            assert (again.project, again.unit, again.year) == (form.project, form.unit, form.year)
            assert again.indicators == form.indicators
            got = store.get(i)
            assert got is not None and stored is not None and got.score == stored.score
        assert accounts.users(store) == [] and _counts(store.engine) == counts


def test_a_sqlite_migration_may_leave_no_new_dangling_row(tmp_path: Path) -> None:
    """Migrations run with SQLite's foreign keys off (a rebuilt table must not cascade);
    what they leave is checked instead: a new dangling row undoes the migration, one the
    database already had does not stop it."""
    engine = create_store_engine(f"sqlite:///{tmp_path / 'fk.db'}")
    try:
        upgrade(engine, KEPT_FROM)
        orphan = (
            "INSERT INTO indicators (id, form_id, position, name) VALUES ({}, 999, 0, '无主指标')"
        )
        with pytest.raises(StoreError, match="indicators"), _schema_transaction(engine) as conn:
            conn.exec_driver_sql(orphan.format(1))
        with engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT COUNT(*) FROM indicators").scalar() == 0
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            conn.exec_driver_sql(orphan.format(2))
            conn.commit()
            conn.exec_driver_sql("PRAGMA foreign_keys=ON")
        upgrade(engine)
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()
