"""Layout detection: each seed is recognised by its own layout family, and only by it."""

from __future__ import annotations

from dataclasses import replace

import pytest

from jixiao.model import Cell, Table
from jixiao.parse import MIN_SCORE, all_layouts, detect, parse_file
from jixiao.read import read_document
from support import EXAMPLES

EXPECTED = {
    "000_52d2d39b8e94208b.txt": ("spaced", 12),
    "001_5643fb32fc07280b.txt": ("legacy_kv", 9),
    "002_3d7362f935c9f97e.txt": ("spaced", 29),
    "003_e808c967bf7c4d08.txt": ("ocr_tabbed", 29),
    "004_30fc85b3e2ff877a.txt": ("target_kv", 4),
}


def test_every_layout_family_is_registered() -> None:
    names = {layout.name for layout in all_layouts()}
    assert {layout for layout, _ in EXPECTED.values()} <= names


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_detected_as_its_layout(name: str) -> None:
    matches = detect(read_document(EXAMPLES / name))
    layout, _ = EXPECTED[name]
    assert matches[0].layout == layout
    assert matches[0].score >= MIN_SCORE
    assert all(m.score < MIN_SCORE for m in matches[1:]), matches
    assert all(m.reason for m in matches)


KINDS = {
    "spaced": "self_evaluation",
    "ocr_tabbed": "self_evaluation",
    "legacy_kv": "legacy_self_evaluation",
    "target_kv": "target_declaration",
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_form_count_and_kind(name: str) -> None:
    layout, count = EXPECTED[name]
    result = parse_file(EXAMPLES / name)
    assert len(result.forms) == count
    assert {f.kind for f in result.forms} == {KINDS[layout]}
    assert all(f.year is not None and f.unit for f in result.forms)
    assert sum(count for _, count in EXPECTED.values()) == 83


def test_text_layouts_read_a_pdf_without_tables_but_not_a_spreadsheet() -> None:
    text = read_document(EXAMPLES / "004_30fc85b3e2ff877a.txt")
    as_pdf_lines = replace(text, format="pdf")
    assert detect(as_pdf_lines)[0].layout == "target_kv"
    with_table = replace(text, format="xlsx", tables=(Table(1, 1, (Cell(0, 0, "x"),)),))
    assert {m.layout for m in detect(with_table)} == {"grid"}
