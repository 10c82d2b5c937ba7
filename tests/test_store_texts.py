"""Schema 0005 side tables: the stored document lines (the 原文 panel without the file),
the user's path, budgets of every kind, the search table, and deletes that clear them."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from jixiao.model import LegacySelfEvaluation, SelfEvaluation, TargetDeclaration
from jixiao.parse import parse_file
from jixiao.read.files import read_any
from jixiao.service import run_import
from jixiao.service.excerpts import source_excerpt
from jixiao.store import DocumentInfo, Page, open_store
from jixiao.store.schema import DocumentTextRow, FormScoreRow, FormSearchRow
from jixiao.store.texts import pack_lines, unpack_lines
from store_support import BACKENDS, make_url
from support import SEEDS


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    yield from make_url(request.param, tmp_path)


def test_pack_lines_round_trips_any_text() -> None:
    lines = ["", "a\tb", "含\n换行", "  空格  ", "<b>粗</b>", "\u3000全角"]
    assert unpack_lines(pack_lines(lines)) == lines
    assert len(pack_lines(["同一行文字"] * 500)) < 200


def test_document_lines_are_the_lines_the_parser_saw(db_url: str, tmp_path: Path) -> None:
    copy = tmp_path / "上传" / SEEDS[0].name
    copy.parent.mkdir()
    shutil.copy(SEEDS[0], copy)
    document = read_any(copy)
    with open_store(db_url) as store:
        run_import(store, [copy], jobs=1, display_paths={copy: "各单位/2024自评表.txt"})
        (doc,) = store.documents()
        assert doc["path"] == "各单位/2024自评表.txt" and doc["file_name"] == SEEDS[0].name
        whole = store.document_lines(doc["id"])
        assert whole is not None and whole.count == len(document)
        assert [t for _, t in whole.lines] == [line.text for line in document.lines]
        part = store.document_lines(doc["id"], 3, 5)
        assert part is not None and part.lines == tuple(
            (n, document.line(n).text) for n in (3, 4, 5)
        )
        tail = store.document_lines(doc["id"], len(document) - 1, len(document) + 10)
        assert tail is not None and [n for n, _ in tail.lines] == [
            len(document) - 1,
            len(document),
        ]
        assert store.document_lines(doc["id"] + 1) is None
        # The file is gone (a web upload's staging folder, a moved file): the panel
        # still shows the form's lines, from the database.
        copy.unlink()
        stored = next(store.iter_stored())
        first, last = stored.form.source.lines
        excerpt = source_excerpt(store, doc["id"], first, last)
        assert excerpt.note is None and excerpt.file_name == SEEDS[0].name
        assert excerpt.lines[0] == (max(1, first - 2), document.line(max(1, first - 2)).text, False)
        marked = [n for n, _, inside in excerpt.lines if inside]
        assert marked == list(range(first, last + 1))


def test_forms_saved_without_lines_have_none(db_url: str) -> None:
    forms = parse_file(SEEDS[4]).forms
    with open_store(db_url) as store:
        doc = store.save_forms(forms, DocumentInfo("x.txt", "d" * 64))
        assert store.document_lines(doc) is None


def test_budget_columns_for_every_kind(db_url: str) -> None:
    forms = [f for seed in (SEEDS[0], SEEDS[1], SEEDS[4]) for f in parse_file(seed).forms]
    with open_store(db_url) as store:
        store.save_forms(forms, DocumentInfo("all.txt", "e" * 64))
        rows = store.forms()
        for form, row in zip(forms, rows, strict=True):
            got = (row["budget_total"], row["budget_executed"], row["budget_rate"])
            if isinstance(form, SelfEvaluation):
                total = form.funds.total
                assert got == (total.adjusted, total.executed, total.rate)
            elif isinstance(form, LegacySelfEvaluation):
                assert got == (form.legacy.budget, form.legacy.executed, form.legacy.rate)
            else:
                assert isinstance(form, TargetDeclaration)
                meta = form.target_meta
                assert got == (meta.current_budget or meta.total_budget, None, None)
                assert got[0] is not None
        legacy = [r for r in rows if r["kind"] == "legacy_self_evaluation"]
        assert legacy and all(r["budget_total"] is not None for r in legacy)
        assert all(r["budget_rate"] is not None for r in legacy)
        top = store.forms(page=Page(sort="-budget_total", limit=3))
        amounts = [r["budget_total"] for r in rows if r["budget_total"] is not None]
        assert [r["budget_total"] for r in top] == sorted(amounts, reverse=True)[:3]


def test_deleting_a_document_clears_its_side_rows(db_url: str) -> None:
    with open_store(db_url) as store:
        run_import(store, [SEEDS[0], SEEDS[4]], jobs=1)
        store.delete_document(store.documents()[0]["content_hash"])
        left = len(parse_file(SEEDS[4]).forms)
        with store.engine.connect() as conn:
            for table in (FormScoreRow, FormSearchRow):
                assert conn.execute(select(func.count()).select_from(table)).scalar() == left
            texts = conn.execute(select(func.count()).select_from(DocumentTextRow)).scalar()
        assert texts == 1
