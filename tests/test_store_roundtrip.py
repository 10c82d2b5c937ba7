"""Hypothesis: store(form) then load_form(id) gives the same form, on every backend.

Nothing of a form is left out: every field of the model has a column or a JSON home.
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
from jixiao.store import DocumentInfo, open_store
from store_support import BACKENDS, make_url
from strategies import forms


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    yield from make_url(request.param, tmp_path)


def _round_trip(url: str, examples: int) -> None:
    counter = itertools.count()
    with open_store(url) as store:

        @settings(max_examples=examples, deadline=None)
        @given(batch=st.lists(forms, min_size=1, max_size=3))
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
