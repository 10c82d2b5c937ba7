"""Full-text search (:mod:`jixiao.store.fulltext`): the index finds exactly what the
substring test over every search text found (the search before the index), on the
sample documents and on both backends, and it follows every write."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select, text

from jixiao.service import collect_files, run_import
from jixiao.service.access import LOCAL
from jixiao.service.governance import correct_cell, purge_document, withdraw_document
from jixiao.store import Store, Visibility, open_store
from jixiao.store.dialects import position
from jixiao.store.filters import current_forms
from jixiao.store.fulltext import tokens
from jixiao.store.migrate import upgrade
from jixiao.store.migrations.frozen import bigram_tokens
from jixiao.store.replicate import replicate
from jixiao.store.schema import FormRow, FormSearchRow
from store_support import BACKENDS, make_url

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
ADMIN = replace(LOCAL, username="admin")
FIXED = (
    "教育",
    "水利",
    "培训",
    "满意度",
    "项目",
    "人才",
    "%",
    "_",
    "100%",
    "≥95%",
    "a",
    "元",
    "2023",
    "（",
    "服务对象满意度",
    "不存在的词语",
    "\n",
    "度\n",
)


@pytest.fixture(scope="module", params=BACKENDS)
def demo(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Store]:
    """The sample documents (83 forms), imported once per backend."""
    for url in make_url(request.param, tmp_path_factory.mktemp("fulltext")):
        with open_store(url) as store:
            run_import(store, collect_files([EXAMPLES]), jobs=1)
            yield store


def _by_substring(store: Store, needle: str) -> list[int]:
    """The search before the index: ``instr``/``strpos`` over every current text."""
    query = (
        select(FormRow.id)
        .where(current_forms())
        .where(
            FormRow.id.in_(
                select(FormSearchRow.form_id).where(position(FormSearchRow.text, needle) > 0)
            )
        )
        .order_by(FormRow.id)
    )
    with store.engine.connect() as conn:
        return list(conn.execute(query).scalars())


def _needles(store: Store) -> list[str]:
    """The fixed words and, from every tenth text, pieces of 2 to 6 characters."""
    with store.engine.connect() as conn:
        texts = list(
            conn.execute(select(FormSearchRow.text).order_by(FormSearchRow.form_id)).scalars()
        )
    pick = random.Random(14)
    pieces = []
    for value in texts[::10]:
        for size in (2, 3, 6):
            start = pick.randrange(max(1, len(value) - size))
            pieces.append(value[start : start + size])
    return [*FIXED, *pieces]


def test_the_index_finds_what_the_substring_test_found(demo: Store) -> None:
    needles = _needles(demo)
    assert len(needles) > 40
    found_some = 0
    for needle in needles:
        expected = _by_substring(demo, needle.lower())
        assert demo.form_ids(search=needle) == expected, needle
        assert demo.count_forms(search=needle) == len(expected), needle
        found_some += bool(expected)
    assert found_some > 30
    assert demo.form_ids(search="教育") and demo.form_ids(search="不存在的词语") == []


def test_upper_case_is_found_as_the_lower_case_text(demo: Store) -> None:
    assert demo.form_ids(search="KPI") == _by_substring(demo, "kpi")


def test_the_search_is_scoped_to_what_a_reader_may_see(demo: Store) -> None:
    every = demo.form_ids(search="项目")
    (unit,) = {r["unit"] for r in demo.forms(form_ids=(every[0],))}
    scoped = demo.within(Visibility(units=(unit,)))
    mine = scoped.form_ids(search="项目")
    assert mine and set(mine) < set(every)
    assert {r["unit"] for r in scoped.forms(search="项目")} == {unit}


def test_frozen_tokens_are_the_live_ones() -> None:
    for value in ("教育培训", "a%b_c\n满意度≥95%", "x", ""):
        assert bigram_tokens(value) == tokens(value)
    assert tokens("教育") == "6559g80b2" and tokens("教") == ""


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    for url in make_url(request.param, tmp_path):
        with open_store(url) as opened:
            yield opened


def _check_index(store: Store) -> None:
    """SQLite's own check of the FTS5 index (nothing to check elsewhere)."""
    if store.engine.dialect.name == "sqlite":
        with store.engine.begin() as conn:
            conn.execute(text("INSERT INTO form_fts (form_fts) VALUES ('integrity-check')"))


def test_the_index_follows_corrections_withdrawals_and_purges(store: Store) -> None:
    run_import(store, [EXAMPLES / "004_30fc85b3e2ff877a.txt"], jobs=1)
    first = store.form_ids()[0]
    old = store.forms(form_ids=(first,))[0]["project"]
    assert first in store.form_ids(search=old)
    correct_cell(store, ADMIN, first, "project", "更正后的水利工程名称", "")
    assert store.form_ids(search="水利工程名称") == [first]
    _check_index(store)
    doc = store.documents()[0]["id"]
    withdraw_document(store, ADMIN, doc, "作废")
    assert store.form_ids(search="水利工程名称") == []
    assert store.form_ids(search="水利工程名称", include="withdrawn") == [first]
    purge_document(store, ADMIN, doc)
    assert store.form_ids(search="水利工程名称", include="all") == []
    _check_index(store)
    run_import(store, [EXAMPLES / "004_30fc85b3e2ff877a.txt"], jobs=1)
    assert store.form_ids(search=old) and store.form_ids(search="水利工程名称") == []
    _check_index(store)


def test_copies_made_in_sql_are_indexed(store: Store) -> None:
    run_import(store, [EXAMPLES / "004_30fc85b3e2ff877a.txt"], jobs=1)
    originals = store.count_forms()
    assert replicate(store, originals * 3) == originals * 3
    assert store.count_forms(search="副本2") == originals
    assert store.count_forms(search="（副本") == originals * 2
    _check_index(store)


def test_upgrading_to_0018_indexes_the_stored_texts(tmp_path: Path) -> None:
    for url in make_url("sqlite", tmp_path):
        with open_store(url, migrate=False) as store:
            upgrade(store.engine, "0012")
            with store.engine.begin() as conn:
                conn.execute(
                    text(
                        "INSERT INTO documents (id, file_name, content_hash, format, imported_at)"
                        " VALUES (1, 'old.txt', :h, 'text', CURRENT_TIMESTAMP)"
                    ),
                    {"h": "a" * 64},
                )
                for form_id, project in ((1, "教育补助"), (2, "水利设施")):
                    conn.execute(
                        text(
                            "INSERT INTO forms (id, document_id, position, kind, year, project,"
                            " source_file, source_start, source_end)"
                            " VALUES (:id, 1, :id, 'self_evaluation', 2024, :p, 'old.txt', 1, 9)"
                        ),
                        {"id": form_id, "p": project},
                    )
                    conn.execute(
                        text("INSERT INTO form_search (form_id, text) VALUES (:id, :t)"),
                        {"id": form_id, "t": project},
                    )
            upgrade(store.engine)
            assert store.form_ids(search="教育") == [1] and store.form_ids(search="水利") == [2]
            _check_index(store)
