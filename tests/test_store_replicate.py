"""store.replicate: copies of the stored documents made in SQL (the benchmarks' large
databases) read back like the originals, under other keys, on both backends."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from jixiao.audit import review
from jixiao.parse import parse_file
from jixiao.store import DocumentInfo, Store, open_store
from jixiao.store.replicate import replicate
from store_support import BACKENDS, make_url

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    for url in make_url(request.param, tmp_path):
        with open_store(url) as opened:
            for digest, seed in (
                ("a", "000_52d2d39b8e94208b.txt"),
                ("b", "002_3d7362f935c9f97e.txt"),
            ):
                reviewed = review(list(parse_file(EXAMPLES / seed).forms))
                opened.save_forms(
                    [r.form for r in reviewed],
                    DocumentInfo(seed, digest * 64),
                    scores=[r.score for r in reviewed],
                )
            yield opened


def test_copies_read_back_like_the_originals_under_other_keys(store: Store) -> None:
    originals = store.form_ids()
    n = len(originals)
    assert replicate(store, 2 * n + 1) >= 2 * n + 1
    ids = store.form_ids()
    assert len(ids) == store.count_forms() >= 2 * n + 1 and len(set(ids)) == len(ids)
    first = store.get(originals[0])
    copy = store.get(ids[n])  # the first form of the first copy
    assert first is not None and copy is not None
    assert copy.form.project == f"{first.form.project}（副本1）"
    assert copy.file_name == f"{first.file_name}~1" and copy.content_hash != first.content_hash
    assert copy.form.indicators == first.form.indicators
    assert copy.form.findings == first.form.findings
    assert copy.score == first.score
    assert store.count_forms(search="副本1") == n
    # the ids the database hands out next do not collide with the copies'
    reviewed = review(list(parse_file(EXAMPLES / "004_30fc85b3e2ff877a.txt").forms))
    store.save_forms([r.form for r in reviewed], DocumentInfo("new.txt", "c" * 64))
    assert store.count_forms() == len(ids) + len(reviewed)


def test_nothing_to_copy_in_an_empty_store(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "empty.db")) as store:
        assert replicate(store, 10) == 0
