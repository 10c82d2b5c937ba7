"""Hypothesis: store(form) then load_form(id) gives the same form, on every backend.

Nothing of a form is left out: every field of the model has a column or a JSON home
(every kind, a department's tasks and a declaration's 中长期 block included).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.model import Form
from jixiao.model.jsonio import dumps
from jixiao.parse import parse_file
from jixiao.store import DocumentInfo, open_store
from store_support import BACKENDS, make_url
from strategies import all_forms
from support import ROOT


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    yield from make_url(request.param, tmp_path)


def _round_trip(url: str, examples: int) -> None:
    counter = itertools.count()
    with open_store(url) as store:

        @settings(max_examples=examples, deadline=None)
        @given(batch=st.lists(all_forms, min_size=1, max_size=3))
        def check(batch: list[Form]) -> None:
            n = next(counter)
            info = DocumentInfo(file_name=f"f{n}.txt", content_hash=f"{n:064d}")
            doc = store.save_forms(batch, info)
            ids = [r["id"] for r in store.forms() if r["document_id"] == doc]
            loaded = [store.load_form(i) for i in ids]
            assert loaded == batch
            assert dumps(loaded) == dumps(batch)

        check()


def test_store_then_load_is_identity(db_url: str) -> None:
    # Generating forms costs ~0.2 s each (the strategy is large); the slow test does more.
    _round_trip(db_url, 15)


@pytest.mark.slow
def test_store_then_load_is_identity_many(db_url: str) -> None:
    _round_trip(db_url, 150)


def test_department_forms_and_long_term_block_round_trip(tmp_path: Path) -> None:
    inputs = sorted((ROOT / "tests" / "department" / "inputs").glob("*.html"))
    forms = [f for path in inputs for f in parse_file(path).forms]
    kinds = {f.kind for f in forms}
    assert {"department_self_evaluation", "department_target_declaration"} <= kinds
    assert any(getattr(f, "long_term_indicators", ()) for f in forms)
    with open_store(f"sqlite:///{tmp_path / 'd.db'}") as store:
        store.save_forms(forms, DocumentInfo(file_name="d.html", content_hash="d" * 64))
        rows = store.forms()
        assert [store.load_form(r["id"]) for r in rows] == forms
        by_kind = {r["kind"]: r for r in rows}
        target = by_kind["department_target_declaration"]
        assert str(target["amounts_total"]) == "540.00" and str(target["budget_total"]) == "540.00"
        assert str(by_kind["department_self_evaluation"]["spending_basic_executed"]) == "690.00"
        evaluation = by_kind["department_self_evaluation"]
        assert store.form_ids(kind="department_self_evaluation") == [evaluation["id"]]
        assert store.form_ids(search="社会保险经办") == [evaluation["id"], target["id"]]
        assert store.form_ids(search="城镇登记失业率控制在4%") == [target["id"]]  # its goal
