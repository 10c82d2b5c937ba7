"""The import of the samples writes the same rows as before (a golden dump of every
table)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from import_dump import dump_tables, dump_text
from jixiao.service import run_import
from jixiao.store import open_store
from support import GOLDEN, SEEDS

DUMP = GOLDEN / "import_rows.json"


def _import(url: str) -> dict[str, list[dict[str, object]]]:
    """The samples imported in two runs (the second rechecks forms the first stored)."""
    with open_store(url) as store:
        first = run_import(store, SEEDS[::2], jobs=2)
        second = run_import(store, SEEDS[1::2], jobs=2)
        assert not first.failed and not second.failed
        return dump_tables(store)


def test_import_writes_the_golden_rows(tmp_path: Path, update_golden: bool) -> None:
    dumped = _import(f"sqlite:///{tmp_path / 'a.db'}")
    text = dump_text(dumped)
    if update_golden:
        DUMP.write_text(text, encoding="utf-8")
        pytest.skip("golden dump rewritten")
    golden = json.loads(DUMP.read_text(encoding="utf-8"))
    assert sorted(dumped) == sorted(golden)
    for table, rows in golden.items():
        assert dumped[table] == rows, f"table {table} differs"
