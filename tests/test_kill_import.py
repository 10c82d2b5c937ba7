"""The kill test, short: SIGKILL ``jixiao import`` at random moments, then the database
opens, every stored document is whole, the children are gone, and a rerun stores what
a clean import stores (X findings included). The long run: ``python tests/kill/run.py
--kills 100`` (docs/reliability.md)."""

from __future__ import annotations

import io
import os
import sys

import pytest

from kill.run import run
from support import EXAMPLES, ROOT

# one project over two years (cross-form findings) and a spreadsheet
_FILES = [
    *sorted(EXAMPLES.glob("*.txt"))[:2],
    ROOT / "tests/provinces/inputs/04_zhejiang_self.xlsx",
]


@pytest.mark.slow  # ~30 s: the default run kills during schema creation in test_store_crash
@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")
def test_random_kills_on_sqlite_lose_nothing() -> None:
    figures = run(2, seed=3, files=_FILES, out=io.StringIO())
    assert figures.kills == 2
    assert not figures.failed, figures.problems


@pytest.mark.slow
@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")
def test_random_kills_on_postgresql_lose_nothing() -> None:
    url = os.environ.get("JIXIAO_TEST_POSTGRES_URL")
    if not url:
        pytest.skip("未设置 JIXIAO_TEST_POSTGRES_URL")
    figures = run(4, seed=5, files=_FILES, postgres=url, out=io.StringIO())
    assert not figures.failed, figures.problems
