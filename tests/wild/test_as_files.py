"""The wild tables as Word and Excel files read as their text does (``as_files.py``)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from as_files import compare, inputs

HANDFUL = ["07_", "13_", "17_", "46_", "49_", "70_", "71_", "84_", "91_", "97_"]
"""Pipe and cell-a-line inputs of every kind: self-evaluations with merged 一级/二级
labels, target tables (side by side 中期/年度), department forms, a table with only a
title, names and amounts (71)."""


def _same_as_text(path: Path, tmp_path: Path) -> None:
    got = compare(path, tmp_path)
    for name in ("xlsx", "docx"):
        assert got[name]["wrong"] == 0, name
        assert got[name]["right"] == got["text"]["right"], (name, got)


def test_a_titled_table_without_indicator_headers_reads_from_a_workbook(tmp_path: Path) -> None:
    """广西 71: title, names and amounts, no indicator table (grid is the tables' general
    reader, tried when it scores low)."""
    _same_as_text(inputs(["71"])[0], tmp_path)


@pytest.mark.slow
@pytest.mark.parametrize("path", inputs(HANDFUL), ids=lambda p: p.stem)
def test_a_wild_table_as_xlsx_and_docx_reads_as_its_text(path: Path, tmp_path: Path) -> None:
    _same_as_text(path, tmp_path)
