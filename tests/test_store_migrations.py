"""Migrations: from empty to the newest revision, and from the previous one with data."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import JSON, bindparam, inspect, text
from sqlalchemy.engine import Connection

from jixiao.store import open_store
from jixiao.store.accounts import users
from jixiao.store.cycle import state_of
from jixiao.store.engine import create_store_engine
from jixiao.store.migrate import (
    VERSION_TABLE,
    current_revision,
    head_revision,
    in_schema_py,
    upgrade,
)
from jixiao.store.schema import Base
from store_support import BACKENDS, make_url


def _insert_document(conn: Connection, digit: str, document_id: int = 1) -> None:
    """Document ``document_id`` (``old.txt``, hash ``digit`` × 64) as any revision stores it."""
    conn.execute(
        text(
            "INSERT INTO documents (id, file_name, content_hash, format, imported_at)"
            " VALUES (:id, 'old.txt', :h, 'text', CURRENT_TIMESTAMP)"
        ),
        {"id": document_id, "h": digit * 64},
    )


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    yield from make_url(request.param, tmp_path)


def test_empty_database_is_migrated_on_first_use(db_url: str) -> None:
    engine = create_store_engine(db_url)
    assert current_revision(engine) is None
    open_store(db_url).close()
    assert current_revision(engine) == head_revision() == "0022"
    names = set(inspect(engine).get_table_names())
    assert {"documents", "forms", "indicators", "findings", "import_runs"} <= names
    with engine.connect() as conn:
        opts = {"version_table": VERSION_TABLE, "include_object": in_schema_py}
        context = MigrationContext.configure(conn, opts=opts)
        diffs = compare_metadata(context, Base.metadata)
    engine.dispose()
    assert diffs == [], "the migrations and schema.py disagree"


def test_upgrade_from_previous_revision_keeps_data(db_url: str) -> None:
    engine = create_store_engine(db_url)
    upgrade(engine, "0001")
    assert current_revision(engine) == "0001"
    assert "import_runs" not in inspect(engine).get_table_names()
    with engine.begin() as conn:
        _insert_document(conn, "a")
        conn.execute(
            text(
                "INSERT INTO forms (id, document_id, position, kind, year, unit,"
                " total_score, grade, source_file, source_start, source_end)"
                " VALUES (1, 1, 0, 'self_evaluation', 2023, '旧单位', :score, '优',"
                " 'old.txt', 1, 20)"
            ),
            {"score": "97.50" if engine.dialect.name == "sqlite" else Decimal("97.50")},
        )
        conn.execute(
            text(
                "INSERT INTO indicators (id, form_id, position, name, weight, score)"
                " VALUES (1, 1, 0, '旧指标', :w, :w)"
            ),
            {"w": "6.00" if engine.dialect.name == "sqlite" else Decimal("6.00")},
        )
    engine.dispose()
    with open_store(db_url) as store:
        assert current_revision(store.engine) == head_revision()
        (row,) = store.forms(year=2023)
        assert row["unit"] == "旧单位" and str(row["total_score"]) == "97.50"
        form = store.load_form(1)
        assert form.indicators[0].weight == Decimal("6.00")
        assert str(form.indicators[0].weight) == "6.00"
        assert store.import_runs() == []
        indexes = {i["name"] for i in inspect(store.engine).get_indexes("forms")}
        assert {"ix_forms_summary", "ix_forms_unit", "ix_forms_grade"} <= indexes


@pytest.mark.parametrize("target", ["0001", "head"])
def test_upgrade_is_idempotent(db_url: str, target: str) -> None:
    engine = create_store_engine(db_url)
    upgrade(engine, target)
    upgrade(engine, target)
    assert current_revision(engine) == ("0001" if target == "0001" else head_revision())
    engine.dispose()


def test_upgrade_from_0002_adds_scores_and_drafts(db_url: str) -> None:
    engine = create_store_engine(db_url)
    upgrade(engine, "0002")
    assert "drafts" not in inspect(engine).get_table_names()
    decimal = "88.50" if engine.dialect.name == "sqlite" else Decimal("88.50")
    with engine.begin() as conn:
        _insert_document(conn, "b")
        conn.execute(
            text(
                "INSERT INTO forms (id, document_id, position, kind, year, unit, total_score,"
                " source_file, source_start, source_end)"
                " VALUES (1, 1, 0, 'self_evaluation', 2022, '旧单位', :s, 'old.txt', 1, 9)"
            ),
            {"s": decimal},
        )
        conn.execute(
            text(
                "INSERT INTO indicators (id, form_id, position, name, weight, score)"
                " VALUES (1, 1, 0, '旧指标', :w, :w)"
            ),
            {"w": decimal},
        )
    engine.dispose()
    with open_store(db_url) as store:
        assert current_revision(store.engine) == head_revision()
        (row,) = store.forms()
        assert str(row["total_score"]) == "88.50"
        assert row["computed_total"] is None and row["computed_grade"] is None
        (indicator,) = store.indicators()
        assert indicator["computed_score"] is None and indicator["explanation"] is None
        stored = store.get(1)
        assert stored is not None and stored.score is None
        assert str(stored.form.indicators[0].weight) == "88.50"
        assert store.drafts() == []
        draft = store.save_draft(stored.form)
        assert store.load_draft(draft) == stored.form
        indexes = {i["name"] for i in inspect(store.engine).get_indexes("forms")}
        assert "ix_forms_computed_grade" in indexes


def test_upgrade_from_0004_moves_scores_and_backfills(db_url: str) -> None:
    """0005: score_data to form_scores; budgets of every kind, project keys and the
    search text filled in for forms stored before it."""
    engine = create_store_engine(db_url)
    upgrade(engine, "0004")
    sqlite = engine.dialect.name == "sqlite"

    def dec(text_value: str) -> object:
        return text_value if sqlite else Decimal(text_value)

    score = {"ruleset": "mof2020", "total": "90.00", "grade": "优", "explanation": "说明"}
    with engine.begin() as conn:
        _insert_document(conn, "c")
        insert_form = text(
            "INSERT INTO forms (id, document_id, position, kind, year, project, unit,"
            " funds_total_adjusted, funds_total_executed, funds_total_rate, extras,"
            " score_data, source_file, source_start, source_end)"
            " VALUES (:id, 1, :id, :kind, 2019, :project, '某中心', :adj, :exe, :rate,"
            " :extras, :score, 'old.txt', 1, 9)"
        ).bindparams(bindparam("extras", type_=JSON()), bindparam("score", type_=JSON()))
        conn.execute(
            insert_form,
            [
                {
                    "id": 1,
                    "kind": "self_evaluation",
                    "project": "信息化 运维（二期）",
                    "adj": dec("21.96"),
                    "exe": dec("21.45"),
                    "rate": dec("97.67"),
                    "extras": None,
                    "score": score,
                },
                {
                    "id": 2,
                    "kind": "legacy_self_evaluation",
                    "project": "旧项目",
                    "adj": None,
                    "exe": None,
                    "rate": None,
                    "extras": {
                        "legacy": {"budget": "1200.50", "executed": "1000", "rate": "83.30"}
                    },
                    "score": None,
                },
                {
                    "id": 3,
                    "kind": "target_declaration",
                    "project": None,
                    "adj": None,
                    "exe": None,
                    "rate": None,
                    "extras": {"target_meta": {"total_budget": "500.00"}},
                    "score": None,
                },
                {
                    "id": 4,
                    "kind": "target_declaration",
                    "project": None,
                    "adj": None,
                    "exe": None,
                    "rate": None,
                    "extras": {
                        "target_meta": {"total_budget": "900.00", "current_budget": "300.00"}
                    },
                    "score": None,
                },
            ],
        )
        conn.execute(
            text(
                "INSERT INTO indicators (id, form_id, position, name, target)"
                " VALUES (1, 1, 0, '系统正常运行率', '≥95%'), (2, 3, 0, 'KPI 达标', '达标')"
            )
        )
    engine.dispose()
    with open_store(db_url) as store:
        assert current_revision(store.engine) == head_revision()
        rows = {r["id"]: r for r in store.forms()}
        assert "score_data" not in rows[1] and "project_key" not in rows[1]
        budgets = {i: tuple(str(r[c]) for c in _BUDGETS) for i, r in rows.items()}
        assert budgets == {
            1: ("21.96", "21.45", "97.67"),
            2: ("1200.50", "1000", "83.30"),
            3: ("500.00", "None", "None"),
            4: ("300.00", "None", "None"),
        }
        stored = store.get(1)
        assert stored is not None and stored.score is not None
        assert str(stored.score.total) == "90.00" and stored.score.grade == "优"
        assert store.get(2) is not None and store.get(2).score is None  # type: ignore[union-attr]
        assert store.form_ids(search="正常运行") == [1]
        assert store.form_ids(search="≥95") == [1]
        assert store.form_ids(search="kpi") == [3]
        assert store.form_ids(search="某中心") == [1, 2, 3, 4]
        assert store.form_ids(projects=("信息化运维(二期)",)) == [1]
        assert store.document_lines(1) is None
        tables = set(inspect(store.engine).get_table_names())
        assert {"form_scores", "form_search", "document_texts"} <= tables
        (indicator, _) = store.indicators()
        assert indicator["name"] == "系统正常运行率"


_BUDGETS = ("budget_total", "budget_executed", "budget_rate")


def test_upgrade_from_0005_adds_department_parts(db_url: str) -> None:
    """0006: the department forms' columns and tables, empty for the forms stored before."""
    engine = create_store_engine(db_url)
    upgrade(engine, "0005")
    assert "department_tasks" not in inspect(engine).get_table_names()
    with engine.begin() as conn:
        _insert_document(conn, "e")
        conn.execute(
            text(
                "INSERT INTO forms (id, document_id, position, kind, year, project,"
                " source_file, source_start, source_end)"
                " VALUES (1, 1, 0, 'target_declaration', 2024, '旧目标', 'old.txt', 1, 9)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO indicators (id, form_id, position, name, target)"
                " VALUES (1, 1, 0, '培训人次', '≥100人次')"
            )
        )
    engine.dispose()
    with open_store(db_url) as store:
        assert current_revision(store.engine) == head_revision()
        tables = set(inspect(store.engine).get_table_names())
        assert {"department_tasks", "long_term_indicators"} <= tables
        form = store.load_form(1)
        assert form.kind == "target_declaration" and form.long_term_indicators == ()
        (row,) = store.forms()
        assert row["amounts_total"] is None and row["spending_basic_initial"] is None


def test_upgrade_from_0007_gives_old_forms_no_category(db_url: str) -> None:
    engine = create_store_engine(db_url)
    upgrade(engine, "0007")
    assert "category" not in {c["name"] for c in inspect(engine).get_columns("forms")}
    with engine.begin() as conn:
        _insert_document(conn, "c")
        conn.execute(
            text(
                "INSERT INTO forms (id, document_id, position, kind, year, unit,"
                " source_file, source_start, source_end)"
                " VALUES (1, 1, 0, 'self_evaluation', 2023, '旧单位', 'old.txt', 1, 9)"
            )
        )
    engine.dispose()
    with open_store(db_url) as store:
        assert current_revision(store.engine) == head_revision()
        form = store.load_form(1)
        assert form.category is None and form.funds_extra == {}


def test_upgrade_from_0007_to_head_keeps_forms_scores_and_findings(db_url: str) -> None:
    """0008–0011 on a database with data: every form, score and finding still read through
    the store; the new columns empty, no form in the cycle, no accounts; then a no-op."""
    engine = create_store_engine(db_url)
    upgrade(engine, "0007")
    sqlite = engine.dialect.name == "sqlite"
    score = {"ruleset": "mof2020", "total": "91.50", "grade": "优", "explanation": "说明"}
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO import_runs (id, started_at, finished_at, status, files, stored,"
                " skipped, forms, errors, warnings, infos, failures)"
                " VALUES (1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'finished',"
                " 2, 2, 0, 3, 1, 1, 0, 0)"
            )
        )
        _insert_document(conn, "d", 1)
        _insert_document(conn, "f", 2)
        conn.execute(
            text(
                "INSERT INTO forms (id, document_id, position, kind, year, project, unit,"
                " total_score, grade, source_file, source_start, source_end)"
                " VALUES (:id, :doc, :pos, :kind, 2024, :project, '旧单位', :total, :grade,"
                " 'old.txt', 1, 9)"
            ),
            [
                {"id": i, "doc": doc, "pos": pos, "kind": kind, "project": f"项目{i}"}
                | {"total": (total if sqlite or total is None else Decimal(total))}
                | {"grade": grade}
                for i, doc, pos, kind, total, grade in (
                    (1, 1, 0, "self_evaluation", "91.50", "优"),
                    (2, 1, 1, "self_evaluation", "72.00", "中"),
                    (3, 2, 0, "target_declaration", None, None),
                )
            ],
        )
        conn.execute(
            text(
                "INSERT INTO indicators (id, form_id, position, name, target)"
                " VALUES (1, 1, 0, '满意度', '≥90%'), (2, 3, 0, '培训人次', '≥100人次')"
            )
        )
        conn.execute(
            text("INSERT INTO form_scores (form_id, data) VALUES (1, :data)").bindparams(
                bindparam("data", type_=JSON())
            ),
            {"data": score},
        )
        conn.execute(
            text(
                "INSERT INTO findings (id, form_id, position, code, severity, message,"
                " file, line_start, line_end)"
                " VALUES (1, 1, 0, 'A005', 'error', '总分与合计不符', 'old.txt', 3, 4),"
                " (2, 2, 0, 'A007', 'warning', '等级与得分不符', 'old.txt', 5, 5)"
            )
        )
    engine.dispose()

    with open_store(db_url) as store:
        assert current_revision(store.engine) == head_revision()
        assert store.form_ids() == [1, 2, 3]
        forms = {i: store.load_form(i) for i in (1, 2, 3)}
        assert [f.project for f in forms.values()] == ["项目1", "项目2", "项目3"]
        assert str(forms[1].total_score) == "91.50" and forms[2].grade == "中"
        assert [i.name for i in forms[1].indicators] == ["满意度"]
        assert [i.target for i in forms[3].indicators] == ["≥100人次"]
        assert all(forms[i].category is None and forms[i].funds_extra == {} for i in (1, 2))
        stored = store.get(1)
        assert stored is not None and stored.score is not None
        assert str(stored.score.total) == "91.50" and stored.score.grade == "优"
        found = {(r["form_id"], r["code"], r["severity"]) for r in store.findings()}
        assert found == {(1, "A005", "error"), (2, "A007", "warning")}
        assert store.count_findings() == 2
        (run,) = store.import_runs()
        assert run["status"] == "finished" and run["host"] is None and run["pid"] is None
        assert [d["run_id"] for d in store.documents()] == [None, None]
        assert all(state_of(store, i) is None for i in (1, 2, 3))
        assert users(store) == []
        tables = set(inspect(store.engine).get_table_names())
        assert {"users", "sessions", "org_units", "form_states", "form_transitions"} <= tables
        with store.engine.connect() as conn:
            for table in ("org_units", "sessions", "form_states", "form_transitions"):
                assert conn.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar() == 0
            before = _rows(conn)
        upgrade(store.engine, "head")
        assert current_revision(store.engine) == head_revision()
        with store.engine.connect() as conn:
            assert _rows(conn) == before


def _rows(conn: Connection) -> dict[str, list[tuple[object, ...]]]:
    """Every row of the tables forms and their findings, scores and runs live in."""
    tables = ("documents", "forms", "indicators", "form_scores", "findings", "import_runs")
    return {
        t: [tuple(r) for r in conn.execute(text(f"SELECT * FROM {t} ORDER BY 1"))] for t in tables
    }


def test_upgrade_to_0012_gives_forms_their_identity(db_url: str) -> None:
    """0012 on a database with data: two stored copies of one form (another file, the
    name spaced and with 项目) get the same identity, both stay current (nothing was
    decided about them), none is withdrawn, the log and corrections start empty."""
    engine = create_store_engine(db_url)
    upgrade(engine, "0015")  # the revision before 0012
    with engine.begin() as conn:
        _insert_document(conn, "d", 1)
        _insert_document(conn, "e", 2)
        conn.execute(
            text(
                "INSERT INTO forms (id, document_id, position, kind, year, project, unit,"
                " source_file, source_start, source_end)"
                " VALUES (:id, :doc, 0, 'self_evaluation', 2024, :project, '某单位',"
                " 'old.txt', 1, 9)"
            ),
            [
                {"id": 1, "doc": 1, "project": "人才服务专项"},
                {"id": 2, "doc": 2, "project": "人才服务 专项项目"},
            ],
        )
    engine.dispose()
    with open_store(db_url) as store:
        assert current_revision(store.engine) == head_revision()
        assert store.form_ids() == [1, 2]
        with store.engine.connect() as conn:
            keys = conn.execute(text("SELECT identity_key FROM forms ORDER BY id")).scalars()
            first, second = list(keys)
            assert first == second == "self_evaluation|2024|某单位|人才服务专项"
            for table in ("change_log", "cell_corrections"):
                assert conn.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar() == 0
        assert store.duplicates([first]) == {first: [1, 2]}
        assert store.documents(withdrawn=True) == []
        assert [v["id"] for v in store.versions(1)] == [1, 2]


def test_upgrade_to_0016_gives_nameless_forms_their_identity(db_url: str) -> None:
    """0016 on a database with data: a stored form that prints no project name gets
    the identity a new import gives it (by its indicators and total score), so the same
    form imported again is a duplicate of it; a named form's key is kept."""
    from jixiao.model.governance import form_key

    engine = create_store_engine(db_url)
    upgrade(engine, "0012")  # the revision before 0016
    with engine.begin() as conn:
        _insert_document(conn, "f", 1)
        conn.execute(
            text(
                "INSERT INTO forms (id, document_id, position, kind, year, project, unit,"
                " total_score, identity_key, source_file, source_start, source_end)"
                " VALUES (:id, 1, :id, 'self_evaluation', 2024, :project, '某单位', :total,"
                " :key, 'old.txt', 1, 9)"
            ),
            [
                {"id": 1, "project": None, "total": "91.50", "key": None},
                {"id": 2, "project": "有名项目", "total": None, "key": "kept"},
                {"id": 3, "project": None, "total": None, "key": None},
            ],
        )
        conn.execute(
            text(
                "INSERT INTO indicators (form_id, position, name, target)"
                " VALUES (1, :position, :name, :target)"
            ),
            [
                {"position": 1, "name": "满意度", "target": "≥90%"},
                {"position": 0, "name": "培训人次", "target": "≥100人次"},
            ],
        )
    engine.dispose()
    with open_store(db_url) as store:
        assert current_revision(store.engine) == head_revision()
        with store.engine.connect() as conn:
            keys = list(conn.execute(text("SELECT identity_key FROM forms ORDER BY id")).scalars())
        loaded = store.load_form(1)
        assert loaded.project is None and keys[0] == form_key(loaded)
        assert keys[0] is not None and keys[0].startswith("self_evaluation|2024|某单位|#")
        assert keys[1:] == ["kept", None]  # a form with no name and no indicator: none
        assert store.duplicates([keys[0]]) == {keys[0]: [1]}
